/**
 * Differential test of the runtime binder against pwsh. Random calls per command go both to
 * `bindParameters` and to a probe function with the same metadata. The harness then compares
 * the outcomes: the set chosen and the names bound, or the error id.
 */
import { powerShellFunctionFromMetadata, PROBE_PREFIX } from '../../../generator/emit/powershell-function.ts';
import { bindParameters, matchParameter, type BindResult } from '../../../generator/runtime/binder.ts';
import type { CommandMetadata } from '../../../generator/runtime/metadata.ts';
import { sampleCalls, type CallArguments } from './cases.ts';
import type { CorpusCommand } from './corpus.ts';
import { runBatch, type PwshCase, type PwshOutcome } from './pwsh.ts';

export interface DifferentialOptions {
  pwsh: string;
  /** Total number of calls, spread evenly over the commands (at least one each). */
  cases: number;
  seed: number;
  /** Maximum calls per pwsh process. */
  batchSize?: number;
  /** pwsh processes run at the same time. */
  parallel?: number;
  /** Called after each batch with the number of calls done so far. */
  progress?: (done: number, total: number) => void;
}

/** A call on which the binder and pwsh disagree. */
export interface Disagreement {
  source: string;
  command: string;
  call: CallArguments;
  binder: string;
  pwsh: string;
  /** Known cause, when the harness can name one. */
  reason?: string;
}

export interface DifferentialReport {
  cases: number;
  agreed: number;
  commands: number;
  disagreements: Disagreement[];
}

interface PlannedCase {
  command: CorpusCommand;
  call: CallArguments;
  probe: PwshCase;
}

/** Runs the differential test over `commands`. */
export async function runDifferential(commands: readonly CorpusCommand[], options: DifferentialOptions): Promise<DifferentialReport> {
  const perCommand = Math.max(1, Math.ceil(options.cases / Math.max(1, commands.length)));
  const batchSize = options.batchSize ?? 4000;
  const parallel = options.parallel ?? 2;

  // 1. Plan the calls and group whole commands into batches.
  const batches: Array<{ definitions: string[]; cases: PlannedCase[] }> = [];
  let current: { definitions: string[]; cases: PlannedCase[] } = { definitions: [], cases: [] };
  commands.forEach((command, index) => {
    const functionName = `${PROBE_PREFIX}${index}`;
    const calls = sampleCalls(command.metadata, perCommand, (options.seed + index * 7919) | 0);
    if (current.cases.length + calls.length > batchSize && current.cases.length > 0) {
      batches.push(current);
      current = { definitions: [], cases: [] };
    }
    current.definitions.push(powerShellFunctionFromMetadata(command.metadata, functionName));
    for (const call of calls) {
      current.cases.push({ command, call, probe: { function: functionName, arguments: wireArguments(command.metadata, call) } });
    }
  });
  if (current.cases.length > 0) {
    batches.push(current);
  }

  // 2. Run the batches, a few pwsh processes at a time.
  const total = batches.reduce((sum, batch) => sum + batch.cases.length, 0);
  const report: DifferentialReport = { cases: 0, agreed: 0, commands: commands.length, disagreements: [] };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next];
      next += 1;
      if (batch === undefined) {
        return;
      }
      const outcomes = await runBatch(options.pwsh, batch.definitions.join('\n'), batch.cases.map((planned) => planned.probe));
      batch.cases.forEach((planned, index) => compareOne(report, planned, outcomes[index]));
      options.progress?.(report.cases, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, batches.length) }, () => worker()));
  return report;
}

/**
 * Returns the arguments the runner sends for a call. A declared switch given `false` is left
 * out, as the binder's normalisation drops it, so pwsh never receives it.
 */
export function wireArguments(metadata: CommandMetadata, call: CallArguments): CallArguments {
  return call.filter(([name, value]) => {
    if (value !== false) {
      return true;
    }
    const match = matchParameter(metadata, name);
    if (match.kind !== 'found') {
      return true;
    }
    const parameter = match.parameter;
    return !(parameter.declared && parameter.kind === 'switch' && parameter.arrayDepth === 0);
  });
}

/** Builds the argument object for `bindParameters`; `__proto__` and the like stay own keys. */
export function callObject(call: CallArguments): Record<string, unknown> {
  return Object.fromEntries(call);
}

function compareOne(report: DifferentialReport, planned: PlannedCase, outcome: PwshOutcome | undefined): void {
  report.cases += 1;
  const result = bindParameters(planned.command.metadata, callObject(planned.call));
  const binderText = describeBinder(result);
  const pwshText = outcome === undefined ? 'no outcome' : describePwsh(outcome);
  if (binderText === pwshText) {
    report.agreed += 1;
    return;
  }
  const disagreement: Disagreement = {
    source: planned.command.source,
    command: planned.command.metadata.name,
    call: planned.call,
    binder: binderText,
    pwsh: pwshText,
  };
  const reason = knownReason(planned.command.metadata, planned.call);
  if (reason !== undefined) {
    disagreement.reason = reason;
  }
  report.disagreements.push(disagreement);
}

/** Summarises a binder result in the same form as a pwsh outcome. */
export function describeBinder(result: BindResult): string {
  if (!result.ok) {
    return `error ${result.errors[0]?.id ?? 'none'}`;
  }
  return `set ${result.parameterSet} bound [${Object.keys(result.parameters).join(', ')}]`;
}

/** Summarises a pwsh outcome. */
export function describePwsh(outcome: PwshOutcome): string {
  return outcome.ok ? `set ${outcome.set} bound [${outcome.bound.join(', ')}]` : `error ${outcome.id}`;
}

const COMMON_NAMES = [
  'verbose', 'vb', 'debug', 'db', 'erroraction', 'ea', 'warningaction', 'wa', 'informationaction', 'infa',
  'progressaction', 'proga', 'errorvariable', 'ev', 'warningvariable', 'wv', 'informationvariable', 'iv',
  'outvariable', 'ov', 'outbuffer', 'ob', 'pipelinevariable', 'pv',
];

/**
 * Names the cause of a disagreement that comes from the doc rather than the binder. A doc
 * without CommonParameters still gets them in pwsh, because every function with parameter
 * attributes is an advanced function. So a name that reaches a common parameter binds there.
 */
function knownReason(metadata: CommandMetadata, call: CallArguments): string | undefined {
  if (metadata.cmdletBinding) {
    return undefined;
  }
  const reachesCommon = call.some(([name]) => {
    const typed = name.toLowerCase();
    return COMMON_NAMES.some((common) => common.startsWith(typed));
  });
  return reachesCommon ? 'doc without CommonParameters: pwsh adds them to every advanced function' : undefined;
}

/**
 * Measures runtime binder throughput: `bindParameters` calls per second for a small and a large
 * command table, each the median of several timed runs.
 */
import { bindParameters } from '../generator/runtime/binder.ts';
import type { CommandMetadata, ParameterMetadata } from '../generator/runtime/metadata.ts';

const RUNS = 7;
const RUN_MS = 200;

/** Returns `name: value` lines for the bench report. */
export async function benchBinder(): Promise<string[]> {
  const small = smallCommand();
  const large = largeCommand();
  const lines: string[] = [];
  lines.push(`binder small cmdlet (3 parameters, 1 set), valid call: ${format(measure(small, { path: 'a.txt', force: true }, true))} calls/s`);
  const valid = { p3: 'x', p15: 15, P27: 'z', p39: 'w', p45: 5, confirm: false };
  const clash = { inputObject: { a: 1 }, p3: 'x' };
  lines.push(`binder large cmdlet (80 parameters, 12 sets), valid call: ${format(measure(large, valid, true))} calls/s`);
  lines.push(`binder large cmdlet, two sets clash: ${format(measure(large, clash, false))} calls/s`);
  lines.push(`binder large cmdlet, misspelled name: ${format(measure(large, { inputObjcet: { a: 1 } }, false))} calls/s`);
  return lines;
}

/** Returns the median rate of `bindParameters(metadata, params)`, after checking its outcome. */
function measure(metadata: CommandMetadata, params: Record<string, unknown>, expectOk: boolean): number {
  const outcome = bindParameters(metadata, params);
  if (outcome.ok !== expectOk) {
    throw new Error(`Bench call on ${metadata.name} gave ok=${outcome.ok}, expected ${expectOk}: ${JSON.stringify(outcome)}`);
  }
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    let calls = 0;
    const started = performance.now();
    let elapsed = 0;
    while (elapsed < RUN_MS) {
      for (let i = 0; i < 100; i += 1) {
        bindParameters(metadata, params);
      }
      calls += 100;
      elapsed = performance.now() - started;
    }
    rates.push((calls * 1000) / elapsed);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)] ?? 0;
}

function format(rate: number): string {
  return Math.round(rate).toLocaleString('en-US');
}

function smallCommand(): CommandMetadata {
  return {
    name: 'Get-Widget',
    module: 'Bench',
    sets: [],
    defaultSet: null,
    cmdletBinding: true,
    supportsShouldProcess: false,
    parameters: [
      parameter('Path', 'string', [{ set: 'all', mandatory: true, position: 0 }]),
      parameter('Force', 'switch', [{ set: 'all', mandatory: false, position: null }]),
      parameter('Depth', 'int32', [{ set: 'all', mandatory: false, position: null }]),
    ],
  };
}

/**
 * Builds a table shaped like a large Graph cmdlet: one input object set per operation, each
 * with a few mandatory ids, plus optional parameters in every set.
 */
function largeCommand(): CommandMetadata {
  const sets = Array.from({ length: 12 }, (_, index) => `Set${index}`);
  const parameters: ParameterMetadata[] = [
    parameter('InputObject', 'hashtable', [{ set: 0, mandatory: true, position: null, valueFromPipeline: true }]),
  ];
  for (let index = 1; index < 80; index += 1) {
    const set = index % 12;
    const entries = index < 40 ? [{ set, mandatory: index % 3 === 0, position: null }] : [{ set: 'all' as const, mandatory: false, position: null }];
    parameters.push(parameter(`P${index}`, index % 5 === 0 ? 'int32' : 'string', entries));
  }
  return { name: 'Update-MgWidget', module: 'Bench', sets, defaultSet: 'Set0', cmdletBinding: true, supportsShouldProcess: true, parameters };
}

function parameter(name: string, kind: ParameterMetadata['kind'], sets: ParameterMetadata['sets']): ParameterMetadata {
  return { name, aliases: [], kind, arrayDepth: 0, acceptedValues: [], sets };
}

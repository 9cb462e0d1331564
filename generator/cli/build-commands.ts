import type { Diagnostic } from '../model/types.ts';
import type { BuildConfig } from '../build/config.ts';
import type { GenerateReport } from '../build/generate.ts';
import { formatDiagnostic, summaryLine } from './report.ts';

/** Options of `generate` and `lint` after the config file and the command line are merged. */
export interface BuildCommandOptions {
  inputs: string[];
  out: string;
  check: boolean;
  watch: boolean;
  json: boolean;
  strict: boolean;
  verbose: boolean;
  cache: boolean;
  jobs: number | undefined;
  parser: 'fast' | 'remark';
}

/** Command-line values as commander gives them; undefined means "not given". */
export interface RawBuildOptions {
  out?: string;
  check?: boolean;
  watch?: boolean;
  json?: boolean;
  strict?: boolean;
  verbose?: boolean;
  cache?: boolean;
  jobs?: string;
  parser?: string;
  config?: string;
}

/** Error for a bad option value; the CLI exits 2. */
export class UsageError extends Error {}

/** Merges defaults, the config file and the command line, in that order of precedence. */
export function mergeOptions(inputs: readonly string[], raw: RawBuildOptions, config: BuildConfig): BuildCommandOptions {
  const jobs = raw.jobs === undefined ? config.jobs : Number(raw.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`--jobs must be a whole number of 1 or more, not ${raw.jobs}.`);
  const parser = raw.parser ?? config.parser ?? 'fast';
  if (parser !== 'fast' && parser !== 'remark') throw new UsageError(`--parser must be fast or remark, not ${parser}.`);
  if (raw.check && raw.watch) throw new UsageError('--check and --watch cannot be used together.');
  return {
    inputs: inputs.length > 0 ? [...inputs] : (config.inputs ?? ['specs']),
    out: raw.out ?? config.out ?? 'generated',
    check: raw.check === true,
    watch: raw.watch === true,
    json: raw.json === true,
    strict: raw.strict ?? config.strict ?? false,
    verbose: raw.verbose ?? config.verbose ?? false,
    cache: raw.cache === false ? false : (config.cache ?? true),
    jobs,
    parser,
  };
}

/** Returns the exit code for a set of diagnostics: 1 when there are errors, or warnings under `strict`. */
export function diagnosticsExitCode(diagnostics: readonly Diagnostic[], strict: boolean): number {
  const failing = diagnostics.some((diagnostic) => diagnostic.severity === 'error' || (strict && diagnostic.severity === 'warning'));
  return failing ? 1 : 0;
}

/** Writes one line to standard output. */
function out(line: string): void {
  console.log(line);
}

/**
 * Prints a generate report: the diagnostics, what was or would be written, and the summary line
 * last. With `json`, standard output gets one JSON document and the summary line goes to
 * standard error. Returns the exit code.
 */
export function printGenerateReport(report: GenerateReport, options: BuildCommandOptions): number {
  const stale = report.diff.changed.length + report.diff.stale.length;
  const summary = summaryLine(report.commands.length, report.skipped.length, report.diagnostics, { count: report.unknownTypedCount, of: report.parameterCount });
  let exitCode = diagnosticsExitCode(report.diagnostics, options.strict);
  if (options.check && stale > 0) exitCode = 1;
  if (options.json) {
    const files = options.check ? { outOfDate: report.diff.changed, noLongerGenerated: report.diff.stale } : { written: report.diff.changed, removed: report.diff.stale };
    out(JSON.stringify({ diagnostics: toJsonDiagnostics(report.diagnostics, options.verbose), files, summary: summaryObject(report.commands.length, report.skipped.length, report.diagnostics) }, null, 2));
    process.stderr.write(`${summary}\n`);
    return exitCode;
  }
  printDiagnostics(report.diagnostics, options.verbose);
  if (options.check) {
    for (const file of report.diff.changed) out(`${options.out}/${file}: out of date`);
    for (const file of report.diff.stale) out(`${options.out}/${file}: no longer generated`);
    if (stale > 0) out(`${stale} generated file(s) are out of date; run \`cmdlet-ts generate\` to update them.`);
  } else {
    out(`Wrote ${report.diff.changed.length} file(s) and removed ${report.diff.stale.length} under ${options.out}/.`);
  }
  out(summary);
  return exitCode;
}

/** Prints a lint report like a generate report, without the output folder. Returns the exit code. */
export function printLintReport(report: { commands: number; skipped: readonly unknown[]; diagnostics: Diagnostic[] }, options: Pick<BuildCommandOptions, 'json' | 'strict' | 'verbose'>): number {
  const summary = summaryLine(report.commands, report.skipped.length, report.diagnostics);
  if (options.json) {
    out(JSON.stringify({ diagnostics: toJsonDiagnostics(report.diagnostics, options.verbose), summary: summaryObject(report.commands, report.skipped.length, report.diagnostics) }, null, 2));
    process.stderr.write(`${summary}\n`);
  } else {
    printDiagnostics(report.diagnostics, options.verbose);
    out(summary);
  }
  return diagnosticsExitCode(report.diagnostics, options.strict);
}

function printDiagnostics(diagnostics: readonly Diagnostic[], verbose: boolean): void {
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity !== 'info' || verbose) out(formatDiagnostic(diagnostic));
  }
}

/**
 * Converts diagnostics to the shape of vfile-message's JSON: `source` and `ruleId`, `fatal` (true for
 * errors, false for warnings, absent for info), `reason` beside `message`.
 */
function toJsonDiagnostics(diagnostics: readonly Diagnostic[], verbose: boolean): object[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.severity !== 'info' || verbose)
    .map((diagnostic) => ({
      source: 'cmdlet-ts',
      ...diagnostic,
      reason: diagnostic.message,
      ...(diagnostic.severity === 'info' ? {} : { fatal: diagnostic.severity === 'error' }),
    }));
}

function summaryObject(commands: number, skipped: number, diagnostics: readonly Diagnostic[]): object {
  const count = (severity: string) => diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
  return { commands, skipped, errors: count('error'), warnings: count('warning') };
}

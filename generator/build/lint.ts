import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, SkippedDocument } from '../model/types.ts';
import type { BlockReader } from '../parse/blocks.ts';
import { collectInputs } from './inputs.ts';
import { parseAll } from './parse-pool.ts';
import type { Progress } from './progress.ts';

export interface LintOptions {
  inputs: string[];
  jobs?: number;
  parser?: BlockReader;
  progress?: Progress;
}

export interface LintReport {
  /** Docs that gave a command without errors. */
  commands: number;
  skipped: SkippedDocument[];
  diagnostics: Diagnostic[];
}

/**
 * Parses and cross-checks every doc without emitting or writing anything. Problems the emitter
 * finds, such as two docs writing one file, are reported by `generate` only.
 */
export async function lint(options: LintOptions): Promise<LintReport> {
  const files = await collectInputs(options.inputs);
  const requests = files.map((file) => ({ source: (path.relative(process.cwd(), file) || file).split(path.sep).join('/'), text: readFileSync(file, 'utf8') }));
  options.progress?.start('lint', requests.length);
  const results = await parseAll(requests, { jobs: options.jobs, parser: options.parser, onProgress: (done) => options.progress?.update(done) });
  options.progress?.stop();
  const failed = (diagnostics: readonly Diagnostic[]) => diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  return {
    commands: results.filter((result) => result.command !== null && !failed(result.diagnostics)).length,
    skipped: results.flatMap((result) => (result.skipped ? [result.skipped] : [])),
    diagnostics: results.flatMap((result) => result.diagnostics),
  };
}

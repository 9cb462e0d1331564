import path from 'node:path';
import { emitProject, type EmittedFile } from '../emit/project.ts';
import type { CommandModel, Diagnostic, SkippedDocument } from '../model/types.ts';
import { parseDocument } from '../parse/index.ts';
import { collectInputs } from './inputs.ts';
import { applyOutput, diffOutput, type OutputDiff } from './output.ts';

export interface GenerateOptions {
  /** Files and folders of PlatyPS docs. */
  inputs: string[];
  /** Output folder. */
  out: string;
  /** Compare only: report what differs and write nothing. */
  check: boolean;
}

export interface GenerateReport {
  commands: CommandModel[];
  skipped: SkippedDocument[];
  diagnostics: Diagnostic[];
  files: EmittedFile[];
  diff: OutputDiff;
  /** Parameters of the generated commands, and how many of them are typed `unknown`. */
  parameterCount: number;
  unknownTypedCount: number;
}

/**
 * Parses every doc, emits the TypeScript and brings the output folder up to date (or, with
 * `check`, only compares). A doc that fails to parse, or whose model has errors, is reported and
 * left out; the others are generated. Nothing is written until every file has been generated in
 * memory, so a crash leaves the previous output as it was.
 */
export async function generate(options: GenerateOptions): Promise<GenerateReport> {
  const files = await collectInputs(options.inputs);
  const commands: CommandModel[] = [];
  const skipped: SkippedDocument[] = [];
  const diagnostics: Diagnostic[] = [];

  for (const file of files) {
    const source = toPosix(path.relative(process.cwd(), file) || file);
    try {
      const result = await parseDocument(source);
      diagnostics.push(...result.diagnostics);
      if (result.skipped) skipped.push(result.skipped);
      const failed = result.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
      if (result.command && !failed) commands.push(result.command);
    } catch (error) {
      diagnostics.push({
        file: source,
        line: 1,
        column: 1,
        severity: 'error',
        ruleId: 'internal-error',
        message: `The parser failed on this doc: ${error instanceof Error ? error.message : String(error)}.`,
        hint: 'This is a bug in cmdlet-ts; please report it with the doc attached.',
      });
    }
  }

  const emitted = emitProject(commands);
  diagnostics.push(...emitted.diagnostics);
  const generatedSources = new Set(emitted.files.map((file) => file.source));
  const generatedCommands = commands.filter((command) => generatedSources.has(command.source));
  const diff = await diffOutput(options.out, emitted.files);
  if (!options.check) await applyOutput(options.out, emitted.files, diff);
  return {
    commands: generatedCommands,
    skipped,
    diagnostics,
    files: emitted.files,
    diff,
    parameterCount: emitted.parameterCount,
    unknownTypedCount: emitted.unknownTypedCount,
  };
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

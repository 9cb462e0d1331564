import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { collectInputs } from '../../generator/build/inputs.ts';
import { emitProject, type EmitResult } from '../../generator/emit/project.ts';
import type { CommandModel } from '../../generator/model/types.ts';
import { parseDocument } from '../../generator/parse/index.ts';

/**
 * Parses every doc under `inputs` and keeps the commands without error diagnostics, as `generate`
 * does. Sources are relative to the working folder.
 */
export async function parseCommands(inputs: string[]): Promise<CommandModel[]> {
  const commands: CommandModel[] = [];
  for (const file of await collectInputs(inputs)) {
    const result = await parseDocument(path.relative(process.cwd(), file).split(path.sep).join('/'));
    if (result.command && !result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) commands.push(result.command);
  }
  return commands;
}

/** Emits `commands` and writes the files under `out`. */
export async function emitToFolder(commands: readonly CommandModel[], out: string): Promise<EmitResult> {
  const result = emitProject(commands);
  for (const file of result.files) {
    const target = path.join(out, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.text);
  }
  return result;
}

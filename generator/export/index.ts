/**
 * `cmdlet-ts export`: writes PlatyPS v2 docs for the commands of an installed module, from the
 * metadata PowerShell itself reports. It serves modules that ship no markdown help.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderCommandMarkdown } from './markdown.ts';
import { readModuleMetadata } from './metadata.ts';

export { renderCommandMarkdown } from './markdown.ts';
export { readModuleMetadata, type CommandMetadata, type ParameterMetadata } from './metadata.ts';

export interface ExportOptions {
  /** Module name, or a module path that Import-Module accepts. */
  module: string;
  /** Command names to export; every cmdlet and function of the module when absent. */
  commands?: string[];
  /** Folder that receives `<Module>/<Command>.md`. Default `specs`. */
  outDir?: string;
  pwshPath?: string;
}

/** One written (or already current) doc. */
export interface ExportedFile {
  command: string;
  module: string;
  path: string;
  /** False when the file already had exactly this content, so it was not rewritten. */
  changed: boolean;
}

/** Reads the module's command metadata from pwsh and writes one doc per command. */
export async function exportModule(options: ExportOptions): Promise<ExportedFile[]> {
  const commands = await readModuleMetadata(options);
  const files: ExportedFile[] = [];
  for (const command of commands) {
    const folder = path.join(options.outDir ?? 'specs', command.module);
    const file = path.join(folder, `${command.name}.md`);
    const text = renderCommandMarkdown(command);
    const changed = (await readFile(file, 'utf8').catch(() => null)) !== text;
    if (changed) {
      await mkdir(folder, { recursive: true });
      await writeFile(file, text);
    }
    files.push({ command: command.name, module: command.module, path: file, changed });
  }
  return files;
}

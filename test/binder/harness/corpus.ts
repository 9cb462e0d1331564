/** Loads the corpus of PlatyPS docs as binder tables. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandMetadata } from '../../../generator/emit/metadata.ts';
import { parseDocument } from '../../../generator/parse/index.ts';
import type { CommandMetadata } from '../../../generator/runtime/metadata.ts';

/** The corpus folder next to the repository checkout. */
export const CORPUS_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus');

/** One parsed command of the corpus. */
export interface CorpusCommand {
  /** Path relative to the corpus root. */
  source: string;
  metadata: CommandMetadata;
}

/** Lists the markdown files under `root`, sorted, so that samples are stable. */
export function listDocs(root: string): string[] {
  const files: string[] = [];
  const visit = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        visit(path);
      } else if (name.endsWith('.md')) {
        files.push(path);
      }
    }
  };
  if (existsSync(root)) {
    visit(root);
  }
  return files;
}

/**
 * Parses `files` and returns every command page as a binder table. Pages the parser skips
 * (module pages, about topics) are left out.
 */
export async function loadCommands(files: readonly string[], root: string): Promise<CorpusCommand[]> {
  const commands: CorpusCommand[] = [];
  for (const file of files) {
    const result = await parseDocument(file);
    if (result.command !== null) {
      commands.push({ source: relative(root, file), metadata: commandMetadata(result.command) });
    }
  }
  return commands;
}

import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { compareOrdinal } from '../emit/identifiers.ts';

/**
 * Expands input paths into the markdown files to read: a folder gives every `*.md` file below it,
 * a file gives itself. The result is sorted ordinally and free of repeats, so the order of the
 * inputs or of the directory listing never changes the output.
 */
export async function collectInputs(inputs: readonly string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const input of inputs) {
    const info = await stat(input);
    if (info.isDirectory()) {
      for (const file of await walk(input)) files.add(file);
    } else {
      files.add(input);
    }
  }
  return [...files].sort(compareOrdinal);
}

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) files.push(full);
  }
  return files;
}

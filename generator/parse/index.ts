import { readFile } from 'node:fs/promises';
import type { ParseResult } from '../model/types.ts';
import { parseMarkdown } from './command.ts';

export { parseMarkdown } from './command.ts';

/** Reads and parses one PlatyPS doc from disk. */
export async function parseDocument(file: string): Promise<ParseResult> {
  const source = await readFile(file, 'utf8');
  return parseMarkdown(source, file);
}

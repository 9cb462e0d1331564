import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ComplexParameterModel, ComplexPropertyModel } from '../../generator/model/types.ts';

/** Folder of the fixture docs of these tests. */
export const FIXTURES = fileURLToPath(new URL('../fixtures/notes/', import.meta.url));

/** Third-party corpus read in place beside the repository; never copied into it. */
export const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

/**
 * Tells whether corpus tests can run. Without the corpus they are skipped with a printed reason,
 * except under CI (`CI=true`), where a missing corpus is a failure.
 */
export function corpusAvailable(): boolean {
  if (existsSync(CORPUS)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`The doc corpus is missing at ${CORPUS}; CI needs it beside the repository.`);
  }
  console.warn(`Skipping corpus tests: no doc corpus at ${CORPUS}.`);
  return false;
}

/** Reads the source lines of a doc with BOM and CR removed, as the parser receives them. */
export function readLines(path: string): string[] {
  return readFileSync(path, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
}

/** Returns the lines of the `## NOTES` section (heading excluded) and the 1-based number of the first. */
export function notesSection(lines: readonly string[]): { lines: string[]; firstLine: number } {
  const heading = lines.findIndex((line) => /^##\s+NOTES\s*$/i.test(line));
  if (heading < 0) return { lines: [], firstLine: 1 };
  const next = lines.findIndex((line, index) => index > heading && /^##\s/.test(line));
  const end = next < 0 ? lines.length : next;
  return { lines: lines.slice(heading + 1, end), firstLine: heading + 2 };
}

/** Names of the `### -Name` parameter headings. */
export function parameterHeadings(lines: readonly string[]): string[] {
  return lines.filter((line) => /^###\s+-\S/.test(line)).map((line) => line.replace(/^###\s+-/, '').trim());
}

/** One node of a parsed tree, flattened: path of names from the block, type and requiredness. */
export interface FlatEntry {
  path: string;
  type: string;
  required: boolean;
}

/** Flattens parsed blocks into `BLOCK/Prop/Child` paths in document order. */
export function flatten(blocks: readonly ComplexParameterModel[]): FlatEntry[] {
  const entries: FlatEntry[] = [];
  const walk = (properties: readonly ComplexPropertyModel[], prefix: string) => {
    for (const property of properties) {
      const path = `${prefix}/${property.name}`;
      entries.push({ path, type: property.type, required: property.required });
      walk(property.properties, path);
    }
  };
  for (const block of blocks) {
    entries.push({ path: block.name, type: block.type, required: true });
    walk(block.properties, block.name);
  }
  return entries;
}

import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_BANNER, type EmittedFile } from '../emit/project.ts';

/** How the output folder differs from what the generator would write. */
export interface OutputDiff {
  /** Files to create or whose bytes differ, relative POSIX paths. */
  changed: string[];
  /** Generated files (they start with the banner) that no doc produces any more. */
  stale: string[];
}

/** Compares the files to write with the output folder, reading only what it must. */
export async function diffOutput(outDir: string, files: readonly EmittedFile[]): Promise<OutputDiff> {
  const changed: string[] = [];
  for (const file of files) {
    const current = await readFile(path.join(outDir, file.path), 'utf8').catch(() => null);
    if (current !== file.text) changed.push(file.path);
  }
  const wanted = new Set(files.map((file) => file.path));
  const stale: string[] = [];
  for (const existing of await listFiles(outDir)) {
    if (wanted.has(existing) || !existing.endsWith('.ts')) continue;
    const text = await readFile(path.join(outDir, existing), 'utf8');
    if (text.startsWith(GENERATED_BANNER)) stale.push(existing);
  }
  return { changed, stale };
}

/**
 * Applies a diff: each changed file is written to a temporary file beside it and renamed over the
 * old one, so a reader never sees half a file, and stale generated files are removed. Files
 * without the generator's banner are never touched.
 */
export async function applyOutput(outDir: string, files: readonly EmittedFile[], diff: OutputDiff): Promise<void> {
  const byPath = new Map(files.map((file) => [file.path, file]));
  for (const relative of diff.changed) {
    const target = path.join(outDir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, byPath.get(relative)!.text, 'utf8');
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
  for (const relative of diff.stale) await rm(path.join(outDir, relative), { force: true });
}

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, prefix), { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(root, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files;
}

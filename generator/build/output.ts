import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256, type OutputRecord } from './cache.ts';

/** A file the output folder should hold: the hash of its text, and the text when it is in memory. */
export interface ExpectedFile {
  hash: string;
  text?: string | undefined;
}

/** How the output folder differs from what the generator would write. */
export interface OutputDiff {
  /** Files to create or whose bytes differ, relative POSIX paths. */
  changed: string[];
  /** Generated files (they start with the banner) that no doc produces any more. */
  stale: string[];
}

const TEMPORARY = /\.[0-9a-f]{8}\.tmp$/;

/**
 * Compares the files to write with the output folder. A file whose size and modification time
 * match what the last run wrote is taken as unchanged without being read; the others are read
 * and hashed. Files the generator does not produce are stale only when they start with `banner`.
 */
export async function diffOutput(outDir: string, expected: ReadonlyMap<string, ExpectedFile>, banner: string, written: Readonly<Record<string, OutputRecord>> = {}): Promise<OutputDiff> {
  const changed: string[] = [];
  for (const [relative, file] of expected) {
    const target = path.join(outDir, relative);
    const last = written[relative];
    if (last?.hash === file.hash) {
      const info = statSync(target, { throwIfNoEntry: false });
      if (info && info.size === last.size && info.mtimeMs === last.mtimeMs) continue;
    }
    const current = await readFile(target, 'utf8').catch(() => null);
    if (current === null || sha256(current) !== file.hash) changed.push(relative);
  }
  const stale: string[] = [];
  for (const existing of await listFiles(outDir)) {
    if (expected.has(existing) || !existing.endsWith('.ts')) continue;
    if (await startsWith(path.join(outDir, existing), banner)) stale.push(existing);
  }
  return { changed: changed.sort(), stale: stale.sort() };
}

/**
 * Applies a diff in two steps. First every changed file is written to a temporary file beside
 * its target; if any write fails, the temporary files are removed and the output folder is as it
 * was. Then each temporary file is renamed over its target, so a reader never sees half a file,
 * and stale generated files are removed. Temporary files left by a run that was killed are
 * removed too. Returns the size and time of each file written, for the next `diffOutput`.
 */
export async function applyOutput(
  outDir: string,
  expected: ReadonlyMap<string, ExpectedFile>,
  diff: OutputDiff,
  readText: (hash: string) => Promise<string>,
  written: Readonly<Record<string, OutputRecord>> = {},
): Promise<Record<string, OutputRecord>> {
  // 1. Stage.
  const staged: { temporary: string; target: string }[] = [];
  try {
    for (const relative of diff.changed) {
      const file = expected.get(relative)!;
      const target = path.join(outDir, relative);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomBytes(4).toString('hex')}.tmp`;
      staged.push({ temporary, target });
      await writeFile(temporary, file.text ?? (await readText(file.hash)), 'utf8');
    }
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
    throw error;
  }

  // 2. Commit.
  for (const { temporary, target } of staged) await rename(temporary, target);
  for (const relative of diff.stale) await rm(path.join(outDir, relative), { force: true });
  for (const leftover of (await listFiles(outDir)).filter((file) => TEMPORARY.test(file))) {
    await rm(path.join(outDir, leftover), { force: true });
  }

  // 3. Record what the folder now holds; the same object when nothing changed.
  const records: Record<string, OutputRecord> = {};
  let same = diff.changed.length === 0 && diff.stale.length === 0 && Object.keys(written).length === expected.size;
  for (const [relative, file] of expected) {
    const last = written[relative];
    if (last?.hash === file.hash && !diff.changed.includes(relative)) {
      records[relative] = last;
      continue;
    }
    same = false;
    const info = await stat(path.join(outDir, relative)).catch(() => null);
    if (info) records[relative] = { hash: file.hash, size: info.size, mtimeMs: info.mtimeMs };
  }
  return same ? (written as Record<string, OutputRecord>) : records;
}

async function startsWith(file: string, prefix: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const buffer = Buffer.alloc(Buffer.byteLength(prefix));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8') === prefix;
  } finally {
    await handle.close();
  }
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

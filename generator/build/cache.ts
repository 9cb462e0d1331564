import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, ParseResult, SkippedDocument } from '../model/types.ts';

/** Bump when the manifest's shape changes; older manifests are then ignored. */
const MANIFEST_VERSION = 1;

/** What the cache remembers about one doc, keyed by its source path. */
export interface DocRecord {
  /** Hash of the source path and the doc's bytes. */
  key: string;
  diagnostics: Diagnostic[];
  skipped: SkippedDocument | null;
  /** Set when the doc gave a command without errors. */
  command: CommandIdentity | null;
}

/** The parts of a command that decide its output path and whether its module shares types. */
export interface CommandIdentity {
  name: string;
  module: string;
  line: number;
  /** The doc describes hashtable shapes under COMPLEX PARAMETER PROPERTIES. */
  complex: boolean;
}

/** The output of one module folder (folders equal but for letter case count as one). */
export interface GroupRecord {
  /** Hash of the members' sources and keys. */
  signature: string;
  /** Files of the folder, relative POSIX path to the hash of the text. */
  files: Record<string, string>;
  /** Sources of the members that got a command file, with its path. */
  emitted: Record<string, string>;
  diagnostics: Diagnostic[];
  parameterCount: number;
  unknownTypedCount: number;
}

/** What was last written to the output folder, so that an unchanged file need not be read. */
export interface OutputRecord {
  hash: string;
  size: number;
  mtimeMs: number;
}

export interface Manifest {
  version: number;
  fingerprint: string;
  /** First line of every generated file, kept so that a run without changes need not load the emitter. */
  banner: string;
  docs: Record<string, DocRecord>;
  groups: Record<string, GroupRecord>;
  /** Module folders of the top-level index and the hash of its text. */
  topIndex: { folders: string[]; hash: string } | null;
  output: Record<string, OutputRecord>;
  /** Runs that changed the cache since unreferenced entries were last removed. */
  runsSincePrune?: number;
}

export function emptyManifest(fingerprint: string): Manifest {
  return { version: MANIFEST_VERSION, fingerprint, banner: '', docs: {}, groups: {}, topIndex: null, output: {} };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A content-addressed store beside the manifest: parse results by doc key and generated texts by
 * hash. Everything is written to a temporary file and renamed, so a crash never leaves half an
 * entry; an entry that cannot be read is a cache miss.
 */
export class BuildCache {
  constructor(readonly folder: string) {}

  /** Reads the manifest; returns an empty one when it is missing, unreadable or from another generator build. */
  async load(fingerprint: string): Promise<Manifest> {
    try {
      const manifest = JSON.parse(await readFile(path.join(this.folder, 'manifest.json'), 'utf8')) as Manifest;
      if (manifest.version === MANIFEST_VERSION && manifest.fingerprint === fingerprint) return manifest;
    } catch {
      // A missing or damaged manifest means a cold run.
    }
    return emptyManifest(fingerprint);
  }

  async save(manifest: Manifest): Promise<void> {
    await writeAtomic(path.join(this.folder, 'manifest.json'), JSON.stringify(manifest));
  }

  async readResult(key: string): Promise<ParseResult | null> {
    return readFile(this.blobPath('models', key), 'utf8').then((text) => JSON.parse(text) as ParseResult, () => null);
  }

  async writeResult(key: string, result: ParseResult): Promise<void> {
    await writeAtomic(this.blobPath('models', key), JSON.stringify(result));
  }

  async readText(hash: string): Promise<string | null> {
    return readFile(this.blobPath('texts', hash), 'utf8').catch(() => null);
  }

  async writeText(hash: string, text: string): Promise<void> {
    const target = this.blobPath('texts', hash);
    if (!existsSync(target)) await writeAtomic(target, text);
  }

  /** Deletes the entries the manifest no longer refers to. */
  async prune(manifest: Manifest): Promise<void> {
    const keys = new Set(Object.values(manifest.docs).map((doc) => doc.key));
    const hashes = new Set<string>();
    for (const group of Object.values(manifest.groups)) for (const hash of Object.values(group.files)) hashes.add(hash);
    if (manifest.topIndex) hashes.add(manifest.topIndex.hash);
    await this.pruneFolder('models', keys);
    await this.pruneFolder('texts', hashes);
  }

  private async pruneFolder(kind: string, keep: ReadonlySet<string>): Promise<void> {
    const root = path.join(this.folder, kind);
    for (const shard of await readdir(root).catch(() => [] as string[])) {
      for (const name of await readdir(path.join(root, shard)).catch(() => [] as string[])) {
        const key = name.replace(/\.json$/, '');
        if (!keep.has(key)) await rm(path.join(root, shard, name), { force: true });
      }
    }
  }

  private blobPath(kind: 'models' | 'texts', key: string): string {
    return path.join(this.folder, kind, key.slice(0, 2), kind === 'models' ? `${key}.json` : key);
  }
}

/** Writes a file through a temporary file in the same folder and a rename. */
export async function writeAtomic(target: string, text: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Chooses the cache folder for an output folder: `.cache/cmdlet-ts/<name>-<hash>` in the nearest
 * folder above it that holds a `package.json` or `.git`, else beside the output folder. The
 * hash of the output's absolute path keeps two outputs of one project apart.
 */
export function cacheFolderFor(outDir: string): string {
  const absolute = path.resolve(outDir);
  let project = path.dirname(absolute);
  for (let folder = project; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json')) || existsSync(path.join(folder, '.git'))) {
      project = folder;
      break;
    }
    if (path.dirname(folder) === folder) break;
  }
  const name = path.basename(absolute).replace(/[^\w.-]/g, '_');
  return path.join(project, '.cache', 'cmdlet-ts', `${name}-${sha256(absolute).slice(0, 12)}`);
}

/**
 * Hashes what decides the output besides the docs: the generator's own sources and the versions
 * of ts-morph and TypeScript. Any change to them empties the cache.
 */
export async function generatorFingerprint(): Promise<string> {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const hash = createHash('sha256');
  for (const file of await listSources(root)) {
    hash.update(file);
    hash.update(await readFile(path.join(root, file)));
  }
  for (const name of ['ts-morph', 'typescript']) {
    const manifest = await readFile(fileURLToPath(new URL(`../../node_modules/${name}/package.json`, import.meta.url)), 'utf8').catch(() => '');
    hash.update(`${name}@${(JSON.parse(manifest || '{}') as { version?: string }).version ?? ''}`);
  }
  return hash.digest('hex');
}

async function listSources(root: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listSources(root, relative)));
    else if (/\.(ts|ps1|psm1)$/.test(entry.name)) files.push(relative);
  }
  return files;
}

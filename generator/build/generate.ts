import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, ParseResult, SkippedDocument } from '../model/types.ts';
import type { BlockReader } from '../parse/blocks.ts';
import { BuildCache, cacheFolderFor, emptyManifest, generatorFingerprint, sha256, type DocRecord, type Manifest } from './cache.ts';
import { CacheMissError, planEmit, sortDiagnostics, type DocState } from './emit-plan.ts';
import { collectInputs } from './inputs.ts';
import { applyOutput, diffOutput, type ExpectedFile, type OutputDiff } from './output.ts';
import type { Progress } from './progress.ts';

export interface GenerateOptions {
  /** Files and folders of PlatyPS docs. */
  inputs: string[];
  /** Output folder. */
  out: string;
  /** Compare only: report what differs and write nothing. */
  check: boolean;
  /** Reuse and update the content-hash cache (default: off). */
  cache?: boolean;
  /** Cache folder; by default one under `.cache/cmdlet-ts/` of the output's project. */
  cacheDir?: string;
  /** Threads that parse docs (default: one per core). */
  jobs?: number;
  /** Block reader for the docs (default: the one chosen with `useBlockReader`, normally `fast`). */
  parser?: BlockReader;
  progress?: Progress;
}

/** A command that got a file in the output folder. */
export interface GeneratedCommand {
  name: string;
  module: string;
  source: string;
}

export interface GenerateReport {
  commands: GeneratedCommand[];
  skipped: SkippedDocument[];
  diagnostics: Diagnostic[];
  /** Paths of every generated file, relative to the output folder. */
  files: string[];
  diff: OutputDiff;
  /** Parameters of the generated commands, and how many of them are typed `unknown`. */
  parameterCount: number;
  unknownTypedCount: number;
  /** Docs parsed in this run (the others came from the cache) and command files emitted. */
  parsedDocs: number;
  emittedCommandFiles: number;
}

/**
 * Parses the docs, emits the TypeScript and brings the output folder up to date (or, with
 * `check`, only compares). A doc that fails to parse, or whose model has errors, is reported and
 * left out; the others are generated. With the cache, unchanged docs are neither parsed nor
 * emitted again. Nothing is written until every file exists in memory or in the cache, and the
 * writes go through temporary files, so a failed run leaves the previous output as it was.
 */
export async function generate(options: GenerateOptions): Promise<GenerateReport> {
  const cache = options.cache ? new BuildCache(options.cacheDir ?? cacheFolderFor(options.out)) : null;
  const fingerprint = cache ? await generatorFingerprint() : '';
  const previous = cache ? await cache.load(fingerprint) : emptyManifest(fingerprint);
  try {
    return await run(options, cache, previous);
  } catch (error) {
    if (!(error instanceof CacheMissError)) throw error;
    // A damaged cache costs a cold run, never a wrong result.
    return run(options, cache, emptyManifest(fingerprint));
  }
}

async function run(options: GenerateOptions, cache: BuildCache | null, previous: Manifest): Promise<GenerateReport> {
  // 1. Read every doc and find the ones the cache does not know.
  const files = await collectInputs(options.inputs);
  const docs: DocState[] = [];
  const unknown: { doc: DocState; text: string }[] = [];
  for (const file of files) {
    const source = toPosix(path.relative(process.cwd(), file) || file);
    // Synchronous reads: about four times faster than awaiting each small file.
    const text = readFileSync(file, 'utf8');
    const key = sha256(`${source}\0${text}`);
    const known = previous.docs[source];
    const doc: DocState = { source, record: known?.key === key ? known : { key, diagnostics: [], skipped: null, command: null }, command: null };
    docs.push(doc);
    if (known?.key !== key) unknown.push({ doc, text });
  }

  // 2. Parse those, on every core when there are many. The parser is loaded only when needed.
  let results: ParseResult[] = [];
  if (unknown.length > 0) {
    // Start loading the emitter (ts-morph takes most of a second) while the docs are parsed.
    import('../emit/project.ts').catch(() => undefined);
    options.progress?.start('parse', unknown.length);
    const { parseAll } = await import('./parse-pool.ts');
    results = await parseAll(
      unknown.map(({ doc, text }) => ({ source: doc.source, text })),
      { jobs: options.jobs, parser: options.parser, onProgress: (done) => options.progress?.update(done) },
    );
    options.progress?.stop();
  }
  unknown.forEach(({ doc }, index) => {
    const result = results[index]!;
    doc.record = toRecord(doc.record.key, result);
    doc.command = doc.record.command ? result.command : null;
  });

  // 3. Emit what changed.
  const plan = await planEmit(docs, previous, cache);
  const expected = new Map<string, ExpectedFile>();
  for (const group of Object.values(plan.groups)) {
    for (const [file, hash] of Object.entries(group.files)) expected.set(file, { hash, text: plan.texts.get(hash) });
  }
  expected.set('index.ts', { hash: plan.topIndex.hash, text: plan.texts.get(plan.topIndex.hash) });
  const banner = plan.banner ?? (previous.banner || (await import('../emit/project.ts')).GENERATED_BANNER);

  // 4. Compare with the output folder and write.
  const diff = await diffOutput(options.out, expected, banner, previous.output);
  const readText = async (hash: string) => {
    const text = plan.texts.get(hash) ?? (await cache?.readText(hash));
    if (text === undefined || text === null) throw new CacheMissError(`The cached text ${hash} is missing.`);
    return text;
  };
  const output = options.check ? previous.output : await applyOutput(options.out, expected, diff, readText, previous.output);

  // 5. Remember this run.
  const manifest: Manifest = {
    ...previous,
    banner,
    docs: Object.fromEntries(docs.map((doc) => [doc.source, doc.record])),
    groups: plan.groups,
    topIndex: plan.topIndex,
    output,
  };
  const unchanged =
    unknown.length === 0 &&
    docs.length === Object.keys(previous.docs).length &&
    plan.topIndex === previous.topIndex &&
    output === previous.output &&
    banner === previous.banner &&
    Object.entries(plan.groups).every(([key, group]) => previous.groups[key] === group) &&
    Object.keys(plan.groups).length === Object.keys(previous.groups).length;
  if (cache && !unchanged) {
    await inBatches(unknown.map(({ doc }, index) => () => cache.writeResult(doc.record.key, results[index]!)));
    await inBatches([...plan.texts].map(([hash, text]) => () => cache.writeText(hash, text)));
    // Unreferenced entries are removed after large runs and every 25th run, not after each edit.
    const prune = unknown.length >= 50 || (manifest.runsSincePrune ?? 0) >= 25;
    manifest.runsSincePrune = prune ? 0 : (manifest.runsSincePrune ?? 0) + 1;
    await cache.save(manifest);
    if (prune) await cache.prune(manifest);
  }
  return report(docs, plan.groups, expected, diff, unknown.length, plan.emittedCommandFiles);
}

function toRecord(key: string, result: ParseResult): DocRecord {
  const failed = result.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  const command = result.command && !failed ? result.command : null;
  return {
    key,
    diagnostics: result.diagnostics,
    skipped: result.skipped,
    command: command ? { name: command.name, module: command.module, line: command.position.line, complex: command.complexParameters.length > 0 } : null,
  };
}

function report(docs: readonly DocState[], groups: Manifest['groups'], expected: ReadonlyMap<string, ExpectedFile>, diff: OutputDiff, parsedDocs: number, emittedCommandFiles: number): GenerateReport {
  const bySource = new Map(docs.map((doc) => [doc.source, doc]));
  const commands: GeneratedCommand[] = [];
  const emitDiagnostics: Diagnostic[] = [];
  let parameterCount = 0;
  let unknownTypedCount = 0;
  for (const group of Object.values(groups)) {
    for (const source of Object.keys(group.emitted)) {
      const command = bySource.get(source)!.record.command!;
      commands.push({ name: command.name, module: command.module, source });
    }
    emitDiagnostics.push(...group.diagnostics);
    parameterCount += group.parameterCount;
    unknownTypedCount += group.unknownTypedCount;
  }
  commands.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return {
    commands,
    skipped: docs.flatMap((doc) => (doc.record.skipped ? [doc.record.skipped] : [])),
    diagnostics: [...docs.flatMap((doc) => doc.record.diagnostics), ...sortDiagnostics(emitDiagnostics)],
    files: [...expected.keys()].sort(),
    diff,
    parameterCount,
    unknownTypedCount,
    parsedDocs,
    emittedCommandFiles,
  };
}

/** Runs file writes 32 at a time. */
async function inBatches(tasks: readonly (() => Promise<void>)[]): Promise<void> {
  for (let start = 0; start < tasks.length; start += 32) await Promise.all(tasks.slice(start, start + 32).map((task) => task()));
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

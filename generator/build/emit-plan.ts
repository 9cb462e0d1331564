import type { EmitResult, EmittedFile } from '../emit/project.ts';
import { compareOrdinal, toSafePathSegment } from '../emit/identifiers.ts';
import type { CommandModel, Diagnostic } from '../model/types.ts';
import { sha256, type BuildCache, type DocRecord, type GroupRecord, type Manifest } from './cache.ts';

/** One doc of this run: its record and, when it was parsed in this run, its command. */
export interface DocState {
  source: string;
  record: DocRecord;
  command: CommandModel | null;
}

export interface EmitPlanResult {
  groups: Record<string, GroupRecord>;
  topIndex: { folders: string[]; hash: string };
  /** Texts produced in this run, by hash. */
  texts: Map<string, string>;
  /** The generated files' first line, when the emitter was loaded. */
  banner: string | null;
  /** How many command files were emitted in this run. */
  emittedCommandFiles: number;
}

/** A cached model or text is missing, so the run must start again without the cache. */
export class CacheMissError extends Error {}

type Emitter = typeof import('../emit/project.ts');

/** Emitter diagnostics that depend on the other docs of the folder, not on one doc alone. */
const FOLDER_RULES = new Set(['output-path-clash', 'module-folder-case']);

/**
 * Brings the emitted files up to date, one module folder at a time. Folders whose docs did not
 * change keep their files from the cache. In a changed folder where no doc describes complex
 * types, each command file depends on its own doc only, so just the changed docs are emitted
 * again; otherwise the whole folder is. The emitter, and with it ts-morph, is loaded only when
 * something has to be emitted.
 */
export async function planEmit(docs: readonly DocState[], previous: Manifest, cache: BuildCache | null): Promise<EmitPlanResult> {
  const texts = new Map<string, string>();
  let emitter: Emitter | null = null;
  let emittedCommandFiles = 0;
  const loadEmitter = async (): Promise<Emitter> => (emitter ??= await import('../emit/project.ts'));
  const modelOf = async (doc: DocState, key = doc.record.key): Promise<CommandModel> => {
    if (doc.command && key === doc.record.key) return doc.command;
    const result = cache ? await cache.readResult(key) : null;
    if (!result?.command) throw new CacheMissError(`The cached model of ${doc.source} is missing.`);
    return result.command;
  };
  const keep = (files: readonly EmittedFile[]) => {
    const kept: Record<string, string> = {};
    for (const file of files) {
      const hash = sha256(file.text);
      texts.set(hash, file.text);
      kept[file.path] = hash;
    }
    return kept;
  };

  // 1. Group the commands by output folder, letter case ignored.
  const members = new Map<string, DocState[]>();
  for (const doc of docs) {
    if (!doc.record.command) continue;
    const key = toSafePathSegment(doc.record.command.module).toLowerCase();
    members.set(key, [...(members.get(key) ?? []), doc]);
  }

  // 2. Emit what changed.
  const groups: Record<string, GroupRecord> = {};
  for (const key of [...members.keys()].sort(compareOrdinal)) {
    const group = members.get(key)!;
    const signature = sha256(group.map((doc) => `${doc.source}\0${doc.record.key}`).join('\n'));
    const before = previous.groups[key];
    if (before?.signature === signature) {
      groups[key] = before;
      continue;
    }
    if (before && canPatch(group, before, previous)) {
      const patched: GroupRecord = { ...before, signature, files: { ...before.files } };
      for (const doc of group) {
        const old = previous.docs[doc.source]!;
        const path = before.emitted[doc.source];
        if (old.key === doc.record.key || path === undefined) continue;
        const { emitProject } = await loadEmitter();
        const fresh = emitProject([await modelOf(doc)]);
        const stale = emitProject([await modelOf(doc, old.key)]);
        const file = fresh.files.find((candidate) => candidate.source === doc.source)!;
        Object.assign(patched.files, keep([{ ...file, path }]));
        // The folder's clash diagnostics stay; the doc's own emitter diagnostics are replaced.
        patched.diagnostics = [...patched.diagnostics.filter((diagnostic) => diagnostic.file !== doc.source || FOLDER_RULES.has(diagnostic.ruleId)), ...fresh.diagnostics];
        patched.parameterCount += fresh.parameterCount - stale.parameterCount;
        patched.unknownTypedCount += fresh.unknownTypedCount - stale.unknownTypedCount;
        emittedCommandFiles += 1;
      }
      groups[key] = patched;
      continue;
    }
    const { emitProject } = await loadEmitter();
    const models = await Promise.all(group.map((doc) => modelOf(doc)));
    const result = emitProject(models);
    emittedCommandFiles += models.length;
    groups[key] = toGroupRecord(signature, result, keep);
  }

  // 3. The top-level index depends only on the set of module folders.
  const folders = [...new Set(Object.values(groups).flatMap((group) => Object.values(group.emitted).map((path) => path.split('/')[0]!)))].sort(compareOrdinal);
  let topIndex = previous.topIndex;
  if (!topIndex || topIndex.folders.join('\n') !== folders.join('\n') || (!cache && !texts.has(topIndex.hash))) {
    const { emitProject } = await loadEmitter();
    const representatives = await Promise.all(folders.map((folder) => modelOf(representativeOf(folder, docs, groups))));
    const index = emitProject(representatives).files.find((file) => file.path === 'index.ts')!;
    topIndex = { folders, hash: Object.values(keep([index]))[0]! };
  }
  const loaded = emitter as Emitter | null;
  return { groups, topIndex, texts, banner: loaded ? loaded.GENERATED_BANNER : null, emittedCommandFiles };
}

/**
 * True when a folder can be patched file by file: the same docs with the same command names,
 * modules and heading lines as before (so the same paths and the same clashes), and none of
 * them, now or before, describing complex types that the folder's files share. Every other
 * emitter diagnostic belongs to one command's file.
 */
function canPatch(group: readonly DocState[], before: GroupRecord, previous: Manifest): boolean {
  const sources = Object.keys(previous.docs).filter((source) => {
    const command = previous.docs[source]!.command;
    return command !== null && toSafePathSegment(command.module).toLowerCase() === toSafePathSegment(group[0]!.record.command!.module).toLowerCase();
  });
  if (sources.length !== group.length) return false;
  for (const doc of group) {
    const now = doc.record.command!;
    const old = previous.docs[doc.source]?.command;
    if (!old || old.complex || now.complex || old.name !== now.name || old.module !== now.module || old.line !== now.line) return false;
  }
  return true;
}

function toGroupRecord(signature: string, result: EmitResult, keep: (files: readonly EmittedFile[]) => Record<string, string>): GroupRecord {
  const files = result.files.filter((file) => file.path !== 'index.ts');
  const emitted: Record<string, string> = {};
  for (const file of files) if (file.source !== undefined) emitted[file.source] = file.path;
  return {
    signature,
    files: keep(files),
    emitted,
    diagnostics: result.diagnostics,
    parameterCount: result.parameterCount,
    unknownTypedCount: result.unknownTypedCount,
  };
}

/** A doc whose command file lands in `folder`, so that emitting it alone names that folder in the index. */
function representativeOf(folder: string, docs: readonly DocState[], groups: Record<string, GroupRecord>): DocState {
  for (const group of Object.values(groups)) {
    for (const [source, path] of Object.entries(group.emitted)) {
      if (path.split('/')[0] === folder) return docs.find((doc) => doc.source === source)!;
    }
  }
  throw new Error(`No command is generated into folder ${folder}.`);
}

/** Sorts emitter diagnostics so that cached and fresh runs print them in the same order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => compareOrdinal(a.file, b.file) || a.line - b.line || a.column - b.column || compareOrdinal(a.ruleId, b.ruleId) || compareOrdinal(a.message, b.message));
}

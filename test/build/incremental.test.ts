import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate, type GenerateReport } from '../../generator/build/generate.ts';
import { CORPUS, hasCorpus, ROOT } from '../support/environment.ts';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'cmdlet-ts-build-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function readTree(root: string): Promise<Record<string, string>> {
  const tree: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    tree[path.relative(root, full)] = await readFile(full, 'utf8');
  }
  return tree;
}

/** The parts of a report that must not depend on the cache. */
function outcome(report: GenerateReport) {
  return { commands: report.commands, skipped: report.skipped, diagnostics: report.diagnostics, files: report.files, parameters: report.parameterCount, unknown: report.unknownTypedCount };
}

async function build(docs: string, out: string, cache = true) {
  return generate({ inputs: [docs], out: path.join(folder, out), check: false, cache, cacheDir: path.join(folder, `cache-${out}`) });
}

async function editDoc(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
}

describe('incremental generation', () => {
  it('does nothing on a run without changes', async () => {
    await cp(path.join(ROOT, 'specs'), path.join(folder, 'docs'), { recursive: true });
    const first = await build(path.join(folder, 'docs'), 'out');
    const second = await build(path.join(folder, 'docs'), 'out');
    expect(second.parsedDocs).toBe(0);
    expect(second.emittedCommandFiles).toBe(0);
    expect(second.diff).toEqual({ changed: [], stale: [] });
    expect(outcome(second)).toEqual(outcome(first));
  });

  it('emits only the changed doc and matches a cold run', async () => {
    await cp(path.join(ROOT, 'specs'), path.join(folder, 'docs'), { recursive: true });
    const docs = path.join(folder, 'docs');
    await build(docs, 'out');
    await editDoc(path.join(docs, 'Contoso.Widgets/Get-Widget.md'), 'Gets', 'Reads');
    const warm = await build(docs, 'out');
    expect(warm.parsedDocs).toBe(1);
    expect(warm.emittedCommandFiles).toBe(1);
    expect(warm.diff.changed).toEqual(['Contoso.Widgets/Get-Widget.ts']);
    const cold = await build(docs, 'cold', false);
    expect(outcome(warm)).toEqual(outcome(cold));
    expect(await readTree(path.join(folder, 'out'))).toEqual(await readTree(path.join(folder, 'cold')));
  });

  it('re-emits a folder whose docs share complex types', async () => {
    await cp(path.join(ROOT, 'specs'), path.join(folder, 'docs'), { recursive: true });
    const docs = path.join(folder, 'docs');
    await build(docs, 'out');
    const graph = path.join(docs, 'Microsoft.Graph.CloudCommunications');
    const [first] = (await readdir(graph)).filter((name) => name.endsWith('.md')).sort();
    // A second command of the module, so that the folder has more than one file to emit.
    const text = await readFile(path.join(graph, first!), 'utf8');
    await writeFile(path.join(graph, 'Copy.md'), text.replaceAll('Invoke-MgRejectCommunicationCall', 'Invoke-MgRejectCommunicationCallCopy'));
    await build(docs, 'out');
    await editDoc(path.join(graph, first!), '## SYNOPSIS\n', '## SYNOPSIS\nEdited. ');
    const warm = await build(docs, 'out');
    expect(warm.parsedDocs).toBe(1);
    expect(warm.emittedCommandFiles).toBe(2);
    const cold = await build(docs, 'cold', false);
    expect(outcome(warm)).toEqual(outcome(cold));
    expect(await readTree(path.join(folder, 'out'))).toEqual(await readTree(path.join(folder, 'cold')));
  });

  it('removes the file of a deleted doc', async () => {
    await cp(path.join(ROOT, 'specs/Contoso.Widgets'), path.join(folder, 'docs'), { recursive: true });
    await build(path.join(folder, 'docs'), 'out');
    await rm(path.join(folder, 'docs/Get-Widget.md'));
    const report = await build(path.join(folder, 'docs'), 'out');
    expect(report.diff.stale).toEqual(['Contoso.Widgets/Get-Widget.ts']);
    expect(Object.keys(await readTree(path.join(folder, 'out')))).not.toContain(path.join('Contoso.Widgets', 'Get-Widget.ts'));
  });

  it('recovers from a damaged cache', async () => {
    await cp(path.join(ROOT, 'specs/Contoso.Widgets'), path.join(folder, 'docs'), { recursive: true });
    const first = await build(path.join(folder, 'docs'), 'out');
    await rm(path.join(folder, 'cache-out/texts'), { recursive: true });
    await rm(path.join(folder, 'out/index.ts'));
    const second = await build(path.join(folder, 'docs'), 'out');
    expect(outcome(second)).toEqual(outcome(first));
    expect(second.diff.changed).toEqual(['index.ts']);
  });

  it('leaves the output as it was when a write fails', async () => {
    await cp(path.join(ROOT, 'specs/Contoso.Widgets'), path.join(folder, 'docs/Contoso.Widgets'), { recursive: true });
    await build(path.join(folder, 'docs'), 'out');
    const before = await readTree(path.join(folder, 'out'));
    await editDoc(path.join(folder, 'docs/Contoso.Widgets/Get-Widget.md'), 'Gets', 'Reads');
    await cp(path.join(ROOT, 'specs/Microsoft.Graph.CloudCommunications'), path.join(folder, 'docs/Microsoft.Graph.CloudCommunications'), { recursive: true });
    // A file where the new module's folder must go makes the staging step fail.
    await writeFile(path.join(folder, 'out/Microsoft.Graph.CloudCommunications'), 'in the way\n');
    await expect(build(path.join(folder, 'docs'), 'out')).rejects.toThrow();
    const after = await readTree(path.join(folder, 'out'));
    delete after['Microsoft.Graph.CloudCommunications'];
    expect(after).toEqual(before);
  });
});

describe.skipIf(!hasCorpus())('incremental generation on the corpus', () => {
  it('one changed doc gives the bytes of a cold run', async () => {
    await cp(path.join(CORPUS, 'pnp'), path.join(folder, 'docs/pnp'), { recursive: true });
    await cp(path.join(CORPUS, 'graph'), path.join(folder, 'docs/graph'), { recursive: true });
    const docs = path.join(folder, 'docs');
    await build(docs, 'out');
    await editDoc(path.join(docs, 'pnp/Add-PnPAlert.md'), '## SYNOPSIS\n', '## SYNOPSIS\nEdited. ');
    const warm = await build(docs, 'out');
    expect(warm.parsedDocs).toBe(1);
    expect(warm.emittedCommandFiles).toBe(1);
    const cold = await build(docs, 'cold', false);
    expect(outcome(warm)).toEqual(outcome(cold));
    expect(await readTree(path.join(folder, 'out'))).toEqual(await readTree(path.join(folder, 'cold')));
  });
});

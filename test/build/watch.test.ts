import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GenerateReport } from '../../generator/build/generate.ts';
import { createProgress } from '../../generator/build/progress.ts';
import { watchBuild } from '../../generator/build/watch.ts';
import { ROOT } from '../support/environment.ts';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'cmdlet-ts-watch-'));
  await cp(path.join(ROOT, 'specs/Contoso.Widgets'), path.join(folder, 'docs'), { recursive: true });
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('watchBuild', () => {
  it('regenerates only the doc that changed', async () => {
    const controller = new AbortController();
    const reports: GenerateReport[] = [];
    let notify: () => void = () => {};
    let ready: () => void = () => {};
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    const options = { inputs: [path.join(folder, 'docs')], out: path.join(folder, 'out'), check: false, cacheDir: path.join(folder, 'cache') };
    const watching = watchBuild(options, {
      signal: controller.signal,
      debounceMs: 50,
      onReady: () => ready(),
      onRun: (outcome) => {
        if ('error' in outcome) throw outcome.error;
        reports.push(outcome.report);
        notify();
      },
    });
    const nextRun = () => new Promise<void>((resolve) => (notify = resolve));

    await isReady;
    const second = nextRun();
    const doc = path.join(folder, 'docs/Get-Widget.md');
    await writeFile(doc, (await readFile(doc, 'utf8')).replace('Gets', 'Reads'));
    await second;
    controller.abort();
    await watching;

    expect(reports).toHaveLength(2);
    expect(reports[0]!.parsedDocs).toBe(5);
    expect(reports[1]!.parsedDocs).toBe(1);
    expect(reports[1]!.diff.changed).toEqual(['Contoso.Widgets/Get-Widget.ts']);
  });
});

describe('createProgress', () => {
  it('prints a plain line per quarter off a terminal', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
    const progress = createProgress(stream);
    progress.start('parse', 400);
    for (let done = 1; done <= 400; done++) progress.update(done);
    progress.stop();
    expect(lines).toEqual(['parse: 100/400 docs\n', 'parse: 200/400 docs\n', 'parse: 300/400 docs\n', 'parse: 400/400 docs\n']);
  });

  it('stays silent for short phases', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
    const progress = createProgress(stream);
    progress.start('parse', 5);
    progress.update(5);
    progress.stop();
    expect(lines).toEqual([]);
  });
});

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectInputs } from '../../generator/build/inputs.ts';
import { generate } from '../../generator/build/generate.ts';
import { CORPUS, hasCorpus } from '../support/environment.ts';

const folders = hasCorpus() ? (await readdir(CORPUS, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort() : [];

describe.skipIf(folders.length === 0)('corpus of real PlatyPS docs', () => {
  it.each(folders)('%s: every doc yields a command, a skip or a diagnostic', async (folder) => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'cmdlet-ts-corpus-'));
    try {
      const inputs = path.join(CORPUS, folder);
      const report = await generate({ inputs: [inputs], out, check: false });
      const sources = new Set([
        ...report.commands.map((command) => command.source),
        ...report.skipped.map((skipped) => skipped.source),
        ...report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => diagnostic.file),
      ]);
      const docs = (await collectInputs([inputs])).map((file) => path.relative(process.cwd(), file).split(path.sep).join('/'));
      expect(docs.filter((doc) => !sources.has(doc))).toEqual([]);
      expect(report.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'internal-error')).toEqual([]);
      expect(report.commands.length).toBeGreaterThan(0);
      const errors = report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
      console.log(`${folder}: docs ${docs.length}, commands ${report.commands.length}, skipped ${report.skipped.length}, errors ${errors}`);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/build/generate.ts';
import { collectInputs } from '../../generator/build/inputs.ts';
import type { ParseResult } from '../../generator/model/types.ts';
import { useBlockReader } from '../../generator/parse/blocks.ts';
import { parseMarkdown } from '../../generator/parse/command.ts';
import { CORPUS, hasCorpus } from '../support/environment.ts';

/** `npm run fuzz` sets FUZZ_RUNS for a longer run; CI uses the default and the fixed seed. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

const docs = hasCorpus() ? (await collectInputs([CORPUS])).filter((_, index) => index % 47 === 0).map((file) => readFileSync(file, 'utf8')) : [];

type Mutation = (text: string) => string;

const lines = (text: string) => text.split('\n');
const sections = (text: string) => text.split(/(?=^## )/m);

/** Mutations of a real doc: damage that hand editing, bad conversions or hostile input can cause. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at) => (text: string) => text.slice(0, at % (text.length + 1))),
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 8 })).map(([at, bytes]) => (text: string) => {
    const index = at % (text.length + 1);
    return text.slice(0, index) + bytes + text.slice(index);
  }),
  fc.constant((text: string) => text.replace(/\n/g, '\r\n')),
  fc.constant((text: string) => `\uFEFF${text}`),
  fc.constant((text: string) => text.replace(/^( {2,})/gm, (spaces) => '\t'.repeat(Math.ceil(spaces.length / 4)))),
  fc.nat().map((pick) => (text: string) => {
    const parts = sections(text);
    const index = pick % parts.length;
    return [...parts.slice(0, index + 1), parts[index]!, ...parts.slice(index + 1)].join('');
  }),
  fc.array(fc.nat(), { minLength: 2, maxLength: 12 }).map((keys) => (text: string) => {
    const parts = sections(text);
    const [head = '', ...rest] = parts;
    const order = rest.map((part, index) => ({ part, key: keys[index % keys.length]! + index }));
    return head + order.sort((a, b) => a.key - b.key).map((entry) => entry.part).join('');
  }),
  fc.tuple(fc.nat(), fc.constantFrom('a', '`', '-', '#', '[', '<', ' ', '|')).map(([at, char]) => (text: string) => {
    const all = lines(text);
    all.splice(at % (all.length + 1), 0, char.repeat(50_000));
    return all.join('\n');
  }),
  fc.tuple(fc.nat(), fc.constantFrom('> ', '- ', '  ', '1. ', '[', '(', '<div>', '```\n')).map(([at, unit]) => (text: string) => {
    const all = lines(text);
    all.splice(at % (all.length + 1), 0, unit.repeat(2_000) + 'x');
    return all.join('\n');
  }),
  fc.constantFrom('../../../escape', '..\\..\\escape', '/etc', 'C:\\Windows', 'CON', '').map((module) => (text: string) => text.replace(/^Module Name:.*$/m, `Module Name: ${module}`).replace(/^# (\S+)/m, `# ${module}/$1`)),
);

const damagedDoc = fc.tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([pick, steps]) => steps.reduce((text, step) => step(text), docs[pick % docs.length]!));

function parseWith(reader: 'fast' | 'remark', text: string): ParseResult {
  useBlockReader(reader);
  try {
    return parseMarkdown(text, 'fuzz.md');
  } finally {
    useBlockReader('fast');
  }
}

describe.skipIf(docs.length === 0)('damaged corpus docs', () => {
  it('parse and report why no command', () => {
    fc.assert(
      fc.property(damagedDoc, (text) => {
        const result = parseWith('fast', text);
        if (result.command === null && result.skipped === null) {
          expect(result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')).toBe(true);
        }
        for (const diagnostic of result.diagnostics) {
          expect(diagnostic.line).toBeGreaterThanOrEqual(1);
          expect(diagnostic.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('parse alike with both block readers', () => {
    fc.assert(
      fc.property(damagedDoc, (text) => {
        expect(JSON.stringify(parseWith('fast', text))).toBe(JSON.stringify(parseWith('remark', text)));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  describe('generation', () => {
    let root: string;
    beforeAll(async () => {
      root = await mkdtemp(path.join(os.tmpdir(), 'cmdlet-ts-fuzz-'));
    });
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it('writes only inside the output folder', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(damagedDoc, { minLength: 1, maxLength: 4 }), async (texts) => {
          const run = await mkdtemp(path.join(root, 'run-'));
          await mkdir(path.join(run, 'docs'));
          await Promise.all(texts.map((text, index) => writeFile(path.join(run, 'docs', `doc-${index}.md`), text)));
          const report = await generate({ inputs: [path.join(run, 'docs')], out: path.join(run, 'out'), check: false, cache: true, cacheDir: path.join(run, 'cache'), jobs: 1 });
          expect(report.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'internal-error')).toEqual([]);
          expect((await readdir(run)).sort()).toEqual(['cache', 'docs', 'out']);
          expect((await readdir(path.join(run, 'docs'))).length).toBe(texts.length);
          for (const file of report.files) expect(path.resolve(run, 'out', file).startsWith(path.join(run, 'out') + path.sep)).toBe(true);
          await rm(run, { recursive: true, force: true });
        }),
        { numRuns: Math.max(5, Math.floor(RUNS / 6)), seed: SEED },
      );
    });
  });
});

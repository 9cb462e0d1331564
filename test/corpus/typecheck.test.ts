import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/build/generate.ts';
import { CORPUS, hasCorpus, ROOT } from '../support/environment.ts';

const run = promisify(execFile);

// The output goes under the repository (in the git-ignored .cache folder) so that the generated
// imports of `cmdlet-ts/runtime` resolve to this package, as they do for a user's project.
describe.skipIf(!hasCorpus())('whole corpus, generated and type-checked', () => {
  it('compiles under strict and never uses any', async () => {
    await mkdir(path.join(ROOT, '.cache'), { recursive: true });
    const folder = await mkdtemp(path.join(ROOT, '.cache/corpus-typecheck-'));
    try {
      const out = path.join(folder, 'out');
      const report = await generate({ inputs: [CORPUS], out, check: false });
      expect(report.commands.length).toBeGreaterThan(1500);

      // Share of parameters typed as something other than `unknown`, per corpus folder.
      const files = (await readdir(out, { recursive: true })).filter((file) => file.endsWith('.ts'));
      for (const file of files) {
        const text = await readFile(path.join(out, file), 'utf8');
        expect(text, file).not.toMatch(/(:|<|\||,)\s*any\b(?!\s+\w)/);
      }
      const byFolder = new Map<string, { typed: number; total: number }>();
      for (const command of report.commands) {
        const corpusFolder = path.relative(CORPUS, path.resolve(command.source)).split(path.sep)[0]!;
        const counts = byFolder.get(corpusFolder) ?? { typed: 0, total: 0 };
        const text = await readFile(path.join(out, report.files.find((emitted) => emitted.source === command.source)!.path), 'utf8');
        const unknownKeys = new Set([...text.matchAll(/^ {2}([\w$]+)\??: (unknown|unknown\[\])+;$/gm)].map((match) => match[1]));
        counts.total += command.parameters.length;
        counts.typed += command.parameters.length - unknownKeys.size;
        byFolder.set(corpusFolder, counts);
      }
      for (const [corpusFolder, counts] of [...byFolder].sort()) {
        console.log(`${corpusFolder}: ${counts.typed}/${counts.total} parameters typed (${((100 * counts.typed) / counts.total).toFixed(1)}%)`);
      }

      await writeFile(
        path.join(folder, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, allowImportingTsExtensions: true, types: ['node'], lib: ['ES2022'] },
          include: ['out'],
        }),
      );
      const started = performance.now();
      const result = await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(folder, 'tsconfig.json')], { maxBuffer: 64 * 1024 * 1024 }).then(
        ({ stdout }) => ({ code: 0, output: stdout }),
        (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, output: error.stdout ?? '' }),
      );
      console.log(`tsc --noEmit over ${files.length} files: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      expect(result.output.split('\n').slice(0, 20).join('\n')).toBe('');
      expect(result.code).toBe(0);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 600_000);
});

import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, hasCorpus, ROOT } from '../support/environment.ts';
import { emitToFolder, parseCommands } from '../support/corpus.ts';
import { typeCheckFolder } from '../support/tsc.ts';

// The output goes under the repository (in the git-ignored .cache folder) so that the generated
// imports of `cmdlet-ts/runtime` resolve to this package, as they do for a user's project.
describe.skipIf(!hasCorpus())('whole corpus, generated and type-checked', () => {
  it('compiles under strict and never uses any', async () => {
    await mkdir(path.join(ROOT, '.cache'), { recursive: true });
    const folder = await mkdtemp(path.join(ROOT, '.cache/corpus-typecheck-'));
    try {
      const out = path.join(folder, 'out');
      const commands = await parseCommands([CORPUS]);
      const emitted = await emitToFolder(commands, out);
      const generated = commands.filter((command) => emitted.files.some((file) => file.source === command.source));
      expect(generated.length).toBeGreaterThan(1500);

      // Share of parameters typed as something other than `unknown`, per corpus folder.
      const files = (await readdir(out, { recursive: true })).filter((file) => file.endsWith('.ts'));
      for (const file of files) {
        const text = await readFile(path.join(out, file), 'utf8');
        expect(text, file).not.toMatch(/(:|<|\||,)\s*any\b(?!\s+\w)/);
      }
      const byFolder = new Map<string, { typed: number; total: number }>();
      for (const command of generated) {
        const corpusFolder = path.relative(CORPUS, path.resolve(command.source)).split(path.sep)[0]!;
        const counts = byFolder.get(corpusFolder) ?? { typed: 0, total: 0 };
        const text = await readFile(path.join(out, emitted.files.find((file) => file.source === command.source)!.path), 'utf8');
        const unknownKeys = new Set([...text.matchAll(/^ {2}([\w$]+)\??: (unknown|unknown\[\])+;$/gm)].map((match) => match[1]));
        counts.total += command.parameters.length;
        counts.typed += command.parameters.length - unknownKeys.size;
        byFolder.set(corpusFolder, counts);
      }
      for (const [corpusFolder, counts] of [...byFolder].sort()) {
        console.log(`${corpusFolder}: ${counts.typed}/${counts.total} parameters typed (${((100 * counts.typed) / counts.total).toFixed(1)}%)`);
      }

      const started = performance.now();
      const result = await typeCheckFolder(folder, { include: ['out'] });
      console.log(`tsc --noEmit over ${files.length} files: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      expect(result.output.split('\n').slice(0, 20).join('\n')).toBe('');
      expect(result.code).toBe(0);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 600_000);
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandNames } from '../../generator/emit/command-file.ts';
import { emittedSets, membershipIn, parameterKey } from '../../generator/emit/parameter-types.ts';
import type { CommandModel } from '../../generator/model/types.ts';
import { CORPUS, hasCorpus, ROOT } from '../support/environment.ts';
import { emitToFolder, parseCommands } from '../support/corpus.ts';
import { typeCheckFolder } from '../support/tsc.ts';

/**
 * Finds a parameter that only `set` has, and one that only `other` has, such that no set has both: an
 * object with both cannot match any member of the union.
 */
function exclusivePair(command: CommandModel, set: string, other: string): [string, string] | null {
  const sets = emittedSets(command);
  const only = (own: string, foreign: string) =>
    command.parameters.filter((parameter) => membershipIn(parameter, own) !== undefined && membershipIn(parameter, foreign) === undefined);
  for (const first of only(set, other)) {
    for (const second of only(other, set)) {
      const together = sets.some((candidate) => membershipIn(first, candidate) !== undefined && membershipIn(second, candidate) !== undefined);
      if (!together) return [parameterKey(first.name), parameterKey(second.name)];
    }
  }
  return null;
}

/**
 * Writes type-level assertions for one command: the required part of every set's interface is
 * assignable to the union, and a set's interface given a parameter that only another set has is
 * not. `tsc` fails on any `Expect<...>` whose argument is not `true`.
 */
function assertions(command: CommandModel, file: string): { text: string; mixes: number } {
  const names = commandNames(command);
  const sets = emittedSets(command);
  const lines = [`import type * as C from '${file}';`];
  let mixes = 0;
  sets.forEach((set, index) => {
    const type = `C.${names.setTypes.get(set)}`;
    lines.push(`export type Accept${index} = Expect<Assignable<Pick<${type}, RequiredKeys<${type}>>, C.${names.parametersType}>>;`);
    const other = sets[(index + 1) % sets.length]!;
    const pair = exclusivePair(command, set, other);
    if (pair === null) return;
    const otherType = `C.${names.setTypes.get(other)}`;
    const [own, foreign] = pair.map((key) => JSON.stringify(key));
    lines.push(`export type Mix${index} = Expect<Not<Assignable<Omit<${type}, ${foreign} | ${own}> & Required<Pick<${type}, ${own}>> & { [K in ${foreign}]-?: NonNullable<${otherType}[K]> }, C.${names.parametersType}>>>;`);
    mixes += 1;
  });
  return { text: lines.join('\n'), mixes };
}

const PRELUDE = `
type Expect<T extends true> = T;
type Not<T extends boolean> = T extends true ? false : true;
type Assignable<A, B> = [A] extends [B] ? true : false;
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
`;

describe.skipIf(!hasCorpus())('parameter-set union types of corpus cmdlets', () => {
  it('accept each set and reject mixes for cmdlets with three or more sets', async () => {
    await mkdir(path.join(ROOT, '.cache'), { recursive: true });
    const folder = await mkdtemp(path.join(ROOT, '.cache/set-types-'));
    try {
      const out = path.join(folder, 'out');
      const commands = await parseCommands([path.join(CORPUS, 'powershell-docs-7.6'), path.join(CORPUS, 'graph')]);
      const emitted = await emitToFolder(commands, out);
      const generated = commands.filter((command) => emitted.files.some((file) => file.source === command.source));
      const chosen = generated.filter((command) => emittedSets(command).length >= 3).sort((a, b) => a.source.localeCompare(b.source));
      expect(chosen.length).toBeGreaterThanOrEqual(10);

      const files: string[] = [];
      let mixes = 0;
      for (const [index, command] of chosen.entries()) {
        const file = emitted.files.find((candidate) => candidate.source === command.source)!;
        const relative = `./out/${file.path.replace(/\.ts$/, '.js')}`;
        const result = assertions(command, relative);
        mixes += result.mixes;
        const checkFile = path.join(folder, `check-${index}.ts`);
        await writeFile(checkFile, `${PRELUDE}\n${result.text}\n`);
        files.push(checkFile);
      }
      console.log(`type-level checks: ${chosen.length} cmdlets with 3+ sets, ${mixes} mixes rejected`);
      expect(mixes).toBeGreaterThanOrEqual(chosen.length);

      const result = (await typeCheckFolder(folder, { files: files.map((file) => path.basename(file)) })).output;
      expect(result.split('\n').slice(0, 20).join('\n')).toBe('');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 300_000);
});

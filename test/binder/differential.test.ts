/**
 * Differential test of the runtime binder against pwsh on a seeded sample of the corpus. The
 * full sweep is `npm run sweep:binder`; this sample keeps the test run short.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS_ROOT, listDocs, loadCommands } from './harness/corpus.ts';
import { runDifferential } from './harness/differential.ts';
import { findPwsh } from './harness/pwsh.ts';
import { sampleRandomCommands } from './harness/random-metadata.ts';

/** Every n-th corpus doc joins the sample. */
const DOC_STRIDE = 4;
const CASES = 6000;
const SEED = 20240501;
const RANDOM_TABLES = 300;

const pwsh = findPwsh();
const missing = [
  pwsh === null ? 'pwsh not found at .tools/pwsh/pwsh or $CMDLET_TS_PWSH' : null,
  existsSync(CORPUS_ROOT) ? null : `corpus not found at ${CORPUS_ROOT}`,
].filter((reason): reason is string => reason !== null);

describe('binder against pwsh on corpus commands', () => {
  if (missing.length > 0) {
    if (process.env['CI'] === 'true') {
      it('needs pwsh and the corpus in CI', () => {
        throw new Error(`Cannot run the differential test: ${missing.join('; ')}.`);
      });
    } else {
      console.log(`Skipping differential test: ${missing.join('; ')}.`);
    }
  }

  it.skipIf(missing.length > 0)(
    'agrees on a seeded sample',
    async () => {
      const files = listDocs(CORPUS_ROOT).filter((_, index) => index % DOC_STRIDE === 0);
      const commands = await loadCommands(files, CORPUS_ROOT);
      expect(commands.length).toBeGreaterThan(100);

      const report = await runDifferential(commands, { pwsh: pwsh ?? '', cases: CASES, seed: SEED });
      const unexplained = report.disagreements.filter((disagreement) => disagreement.reason === undefined);
      console.log(`agreement: ${report.agreed}/${report.cases} cases, ${report.commands} cmdlets, ${report.disagreements.length} disagreements`);

      expect(report.cases).toBeGreaterThanOrEqual(CASES);
      expect(unexplained.slice(0, 5)).toEqual([]);
    },
    240_000,
  );

  it.skipIf(pwsh === null)(
    'agrees on random parameter tables',
    async () => {
      const commands = sampleRandomCommands(RANDOM_TABLES, SEED);
      const report = await runDifferential(commands, { pwsh: pwsh ?? '', cases: RANDOM_TABLES * 12, seed: SEED });
      console.log(`random tables: ${report.agreed}/${report.cases} cases, ${report.commands} tables, ${report.disagreements.length} disagreements`);

      expect(report.disagreements.slice(0, 5)).toEqual([]);
    },
    240_000,
  );
});

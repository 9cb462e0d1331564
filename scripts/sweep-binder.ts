/**
 * Differential sweep of the runtime binder against pwsh over a corpus of PlatyPS docs.
 *
 * Usage: npm run sweep:binder [-- --cases N --seed S --parallel P --report FILE] [inputs...]
 * Inputs are docs or folders of docs (default: the shared corpus next to the checkout). The last
 * line is `agreement: A/N cases, C cmdlets, D disagreements`. Exit code 0 when every
 * disagreement has a known cause, 1 otherwise, 2 for a usage or setup error.
 */
import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS_ROOT, listDocs, loadCommands } from '../test/binder/harness/corpus.ts';
import { runDifferential, type Disagreement } from '../test/binder/harness/differential.ts';
import { findPwsh } from '../test/binder/harness/pwsh.ts';

const USAGE = 'Usage: npm run sweep:binder [-- --cases N --seed S --parallel P --report FILE] [inputs...]';

/** Disagreements printed per cause; the report file has all of them. */
const EXAMPLES_PER_CAUSE = 5;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      cases: { type: 'string', default: '24000' },
      seed: { type: 'string', default: '1' },
      parallel: { type: 'string', default: '2' },
      report: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const cases = Number(values.cases);
  const seed = Number(values.seed);
  const parallel = Number(values.parallel);
  if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed) || !Number.isInteger(parallel) || parallel < 1) {
    process.stderr.write(`Invalid --cases, --seed or --parallel: each must be an integer (cases and parallel at least 1).\n${USAGE}\n`);
    return 2;
  }
  const pwsh = findPwsh();
  if (pwsh === null) {
    process.stderr.write('pwsh not found: install it with `dotnet tool install --tool-path .tools/pwsh PowerShell --version 7.6.10` or set CMDLET_TS_PWSH.\n');
    return 2;
  }

  // 1. Collect and parse the docs.
  const inputs = positionals.length > 0 ? positionals.map((input) => resolve(input)) : [CORPUS_ROOT];
  const files: string[] = [];
  for (const input of inputs) {
    let isFolder: boolean;
    try {
      isFolder = statSync(input).isDirectory();
    } catch {
      process.stderr.write(`Input not found: ${input}\n`);
      return 2;
    }
    files.push(...(isFolder ? listDocs(input) : [input]));
  }
  process.stderr.write(`Parsing ${files.length} docs...\n`);
  const commands = await loadCommands(files, inputs.length === 1 && statSync(inputs[0] ?? '').isDirectory() ? (inputs[0] ?? '') : process.cwd());
  if (commands.length === 0) {
    process.stderr.write('No command docs found in the inputs.\n');
    return 2;
  }

  // 2. Run the calls through the binder and through pwsh.
  const started = Date.now();
  const report = await runDifferential(commands, {
    pwsh,
    cases,
    seed,
    parallel,
    progress: (done, total) => process.stderr.write(`  ${done}/${total} calls\n`),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  // 3. Report the disagreements, grouped by cause.
  const byCause = new Map<string, Disagreement[]>();
  for (const disagreement of report.disagreements) {
    const cause = disagreement.reason ?? 'unexplained';
    byCause.set(cause, [...(byCause.get(cause) ?? []), disagreement]);
  }
  for (const [cause, list] of byCause) {
    process.stdout.write(`\n${list.length} disagreements: ${cause}\n`);
    for (const disagreement of list.slice(0, EXAMPLES_PER_CAUSE)) {
      process.stdout.write(
        `  ${disagreement.source} ${JSON.stringify(disagreement.call)}\n    binder: ${disagreement.binder}\n    pwsh:   ${disagreement.pwsh}\n`,
      );
    }
  }
  if (values.report !== undefined) {
    await writeFile(values.report, JSON.stringify(report, null, 2), 'utf8');
  }
  process.stdout.write(`\nseed ${seed}, ${seconds} s for the pwsh runs\n`);
  process.stdout.write(
    `agreement: ${report.agreed}/${report.cases} cases, ${report.commands} cmdlets, ${report.disagreements.length} disagreements\n`,
  );
  return byCause.has('unexplained') ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sweep-binder failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);

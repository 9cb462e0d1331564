import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { generate } from '../build/generate.ts';
import { parseDocument } from '../parse/index.ts';
import { formatDiagnostic, summaryLine } from './report.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Exit codes: 0 clean, 1 problems found (errors, or stale output under `--check`), 2 usage error. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('cmdlet-ts')
    .description('Generate typed TypeScript clients and parameter-set validators from PlatyPS cmdlet help.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command('generate')
    .description('Generate TypeScript from PlatyPS docs.')
    .argument('[inputs...]', 'doc files or folders of docs (*.md)', ['specs'])
    .option('-o, --out <dir>', 'output folder', 'generated')
    .option('--check', 'write nothing; exit 1 when the output folder is not up to date')
    .option('--verbose', 'also print info diagnostics')
    .action(async (inputs: string[], options: { out: string; check?: boolean; verbose?: boolean }) => {
      const report = await generate({ inputs, out: options.out, check: options.check === true });
      for (const diagnostic of report.diagnostics) {
        if (diagnostic.severity !== 'info' || options.verbose) console.log(formatDiagnostic(diagnostic));
      }
      const staleCount = report.diff.changed.length + report.diff.stale.length;
      if (options.check) {
        for (const file of report.diff.changed) console.log(`${options.out}/${file}: out of date`);
        for (const file of report.diff.stale) console.log(`${options.out}/${file}: no longer generated`);
        if (staleCount > 0) {
          console.log(`${staleCount} generated file(s) are out of date; run \`cmdlet-ts generate\` to update them.`);
          exitCode = 1;
        }
      } else {
        console.log(`Wrote ${report.diff.changed.length} file(s) and removed ${report.diff.stale.length} under ${options.out}/.`);
      }
      if (report.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) exitCode = 1;
      console.log(summaryLine(report.commands.length, report.skipped.length, report.diagnostics, { count: report.unknownTypedCount, of: report.parameterCount }));
    });

  program
    .command('parse')
    .description('Print the intermediate model of one doc as JSON.')
    .argument('<file>', 'PlatyPS doc')
    .action(async (file: string) => {
      const result = await parseDocument(file);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      for (const diagnostic of result.diagnostics) {
        if (diagnostic.severity !== 'info') process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
      }
      if (result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) exitCode = 1;
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    throw error;
  }
  return exitCode;
}

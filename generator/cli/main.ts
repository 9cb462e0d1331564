import { existsSync, readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { mergeOptions, printGenerateReport, printLintReport, UsageError, type BuildCommandOptions, type RawBuildOptions } from './build-commands.ts';
import { formatDiagnostic } from './report.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Runs the CLI and returns the exit code: 0 clean, 1 problems found (errors, warnings under
 * `--strict`, or stale output under `--check`), 2 usage error. The build modules, and with them
 * the parser and ts-morph, are imported only by the command that needs them.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('cmdlet-ts')
    .description('Generate typed TypeScript clients and parameter-set validators from PlatyPS cmdlet help.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    // A fixed width keeps the help text the same in every terminal and in tests.
    .configureHelp({ helpWidth: 100 });

  const buildOptions = (command: Command) =>
    command
      .option('--config <file>', 'config file (default: cmdlet-ts.config.json in the working folder, if present)')
      .option('--json', 'print diagnostics as one JSON document; the summary line goes to standard error')
      .option('--strict', 'exit 1 on warnings too')
      .option('--no-strict', 'exit 0 on warnings, even when the config file sets strict')
      .option('--verbose', 'also print info diagnostics')
      .option('--no-cache', 'parse and emit every doc, ignoring the cache in .cache/cmdlet-ts/')
      .option('--jobs <n>', 'threads that parse docs (default: one per core)')
      .addOption(new Option('--parser <reader>', 'markdown block reader (default: fast)').choices(['fast', 'remark']));

  buildOptions(
    program
      .command('generate')
      .description('Generate TypeScript from PlatyPS docs.')
      .argument('[inputs...]', 'doc files or folders of docs (*.md) (default: specs)')
      .option('-o, --out <dir>', 'output folder (default: generated)')
      .option('--check', 'write nothing; exit 1 when the output folder is not up to date')
      .option('--watch', 'generate, then generate again whenever a doc changes, until interrupted'),
  ).action(async (inputs: string[], raw: RawBuildOptions) => {
    const options = await resolveOptions(inputs, raw);
    exitCode = options.watch ? await runWatch(options) : await runGenerate(options);
  });

  buildOptions(
    program
      .command('lint')
      .description('Parse and cross-check PlatyPS docs without writing anything.')
      .argument('[inputs...]', 'doc files or folders of docs (*.md) (default: specs)'),
  ).action(async (inputs: string[], raw: RawBuildOptions) => {
    const options = await resolveOptions(inputs, raw);
    const { lint } = await import('../build/lint.ts');
    const { createProgress } = await import('../build/progress.ts');
    const report = await lint({ inputs: options.inputs, jobs: options.jobs, parser: options.parser, progress: createProgress(process.stderr, options.json) });
    exitCode = printLintReport(report, options);
  });

  program
    .command('parse')
    .description('Print the intermediate model of one doc as JSON.')
    .argument('<file>', 'PlatyPS doc')
    .action(async (file: string) => {
      requireInputs([file]);
      const { parseDocument } = await import('../parse/index.ts');
      const result = await parseDocument(file);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      for (const diagnostic of result.diagnostics) {
        if (diagnostic.severity !== 'info') process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
      }
      if (result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) exitCode = 1;
    });

  // The export command loads PowerShell session code; only its own runs and the help need it.
  if (argv.length === 0 || ['export', 'help', '--help', '-h'].includes(argv[0]!)) {
    const { registerExport } = await import('./export.ts');
    registerExport(program);
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander's own errors are usage errors; a command that fails at its work (export) sets its own code.
      if (error.code.startsWith('cmdlet-ts.')) return error.exitCode;
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  return exitCode;
}

/** Merges the config file into the command-line options; a bad config file or a missing input is a usage error. */
async function resolveOptions(inputs: string[], raw: RawBuildOptions): Promise<BuildCommandOptions> {
  const { ConfigError, loadConfig } = await import('../build/config.ts');
  let options: BuildCommandOptions;
  try {
    options = mergeOptions(inputs, raw, loadConfig(raw.config).config);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  requireInputs(options.inputs);
  return options;
}

function requireInputs(inputs: readonly string[]): void {
  const missing = inputs.filter((input) => !existsSync(input));
  if (missing.length > 0) {
    throw new UsageError(`input not found: ${missing.join(', ')}. Pass PlatyPS doc files or folders of docs (the default is specs/ in the working folder).`);
  }
}

async function runGenerate(options: BuildCommandOptions): Promise<number> {
  const { generate } = await import('../build/generate.ts');
  const { createProgress } = await import('../build/progress.ts');
  const report = await generate({ inputs: options.inputs, out: options.out, check: options.check, cache: options.cache, jobs: options.jobs, parser: options.parser, progress: createProgress(process.stderr, options.json) });
  return printGenerateReport(report, options);
}

/** Watches until SIGINT or SIGTERM; exits 0 then, whatever the last run found. */
async function runWatch(options: BuildCommandOptions): Promise<number> {
  const { watchBuild } = await import('../build/watch.ts');
  const { createProgress } = await import('../build/progress.ts');
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.stderr.write(`Watching ${options.inputs.join(', ')} for changes; press Ctrl+C to stop.\n`);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await watchBuild(
      { inputs: options.inputs, out: options.out, check: false, cache: options.cache, jobs: options.jobs, parser: options.parser, progress: createProgress(process.stderr, options.json) },
      {
        signal: controller.signal,
        onRun: (outcome) => {
          if ('report' in outcome) printGenerateReport(outcome.report, options);
          else process.stderr.write(`cmdlet-ts: the run failed and the output folder was left as it was: ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}\n`);
        },
      },
    );
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return 0;
}

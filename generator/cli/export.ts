/**
 * The `export` subcommand: writes PlatyPS v2 docs for an installed module's commands.
 */
import type { Command } from 'commander';
import { exportModule } from '../export/index.ts';

interface ExportCommandOptions {
  module: string;
  command?: string[];
  out: string;
  pwsh?: string;
}

/** Adds `export --module NAME [--command A,B] [--out DIR] [--pwsh PATH]` to the program. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Write PlatyPS v2 docs (<out>/<Module>/<Command>.md) from the metadata of an installed module.')
    .requiredOption('--module <name>', 'module to document: a name pwsh can import, or a module path')
    .option('--command <names>', 'comma-separated command names (default: every cmdlet and function)', splitNames)
    .option('--out <dir>', 'folder that receives one subfolder per module', 'specs')
    .option('--pwsh <path>', 'pwsh executable (default: .tools/pwsh/pwsh found upward from here, then PATH)')
    .action(async function (this: Command, options: ExportCommandOptions) {
      let files;
      try {
        files = await exportModule({ module: options.module, commands: options.command, outDir: options.out, pwshPath: options.pwsh });
      } catch (error) {
        this.error(`error: export failed: ${error instanceof Error ? error.message : String(error)}`, { exitCode: 1, code: 'cmdlet-ts.export' });
      }
      for (const file of files) {
        console.log(`${file.path}: ${file.changed ? 'written' : 'unchanged'}`);
      }
      const written = files.filter((file) => file.changed).length;
      console.log(`Exported ${files.length} command(s) of ${options.module}: ${written} written, ${files.length - written} unchanged.`);
    });
}

function splitNames(value: string): string[] {
  return value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

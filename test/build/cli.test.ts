import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../generator/cli/main.ts';
import { ROOT } from '../support/environment.ts';

let folder: string;
let stdout: string[];
let stderr: string[];
let previousCwd: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'cmdlet-ts-cli-'));
  await cp(path.join(ROOT, 'specs/Contoso.Widgets'), path.join(folder, 'docs/Contoso.Widgets'), { recursive: true });
  stdout = [];
  stderr = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void stdout.push(args.join(' ')));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
  previousCwd = process.cwd();
  process.chdir(folder);
});

afterEach(async () => {
  process.chdir(previousCwd);
  vi.restoreAllMocks();
  await rm(folder, { recursive: true, force: true });
});

const HELP = `Usage: cmdlet-ts [options] [command]

Generate typed TypeScript clients and parameter-set validators from PlatyPS cmdlet help.

Options:
  -V, --version                   output the version number
  -h, --help                      display help for command

Commands:
  generate [options] [inputs...]  Generate TypeScript from PlatyPS docs.
  lint [options] [inputs...]      Parse and cross-check PlatyPS docs without writing anything.
  parse <file>                    Print the intermediate model of one doc as JSON.
  export [options]                Write PlatyPS v2 docs (<out>/<Module>/<Command>.md) from the
                                  metadata of an installed module.
  help [command]                  display help for command
`;

const GENERATE_HELP = `Usage: cmdlet-ts generate [options] [inputs...]

Generate TypeScript from PlatyPS docs.

Arguments:
  inputs             doc files or folders of docs (*.md) (default: specs)

Options:
  -o, --out <dir>    output folder (default: generated)
  --check            write nothing; exit 1 when the output folder is not up to date
  --watch            generate, then generate again whenever a doc changes, until interrupted
  --config <file>    config file (default: cmdlet-ts.config.json in the working folder, if present)
  --json             print diagnostics as one JSON document; the summary line goes to standard error
  --strict           exit 1 on warnings too
  --no-strict        exit 0 on warnings, even when the config file sets strict
  --verbose          also print info diagnostics
  --no-cache         parse and emit every doc, ignoring the cache in .cache/cmdlet-ts/
  --jobs <n>         threads that parse docs (default: one per core)
  --parser <reader>  markdown block reader (default: fast) (choices: "fast", "remark")
  -h, --help         display help for command
`;

const WARNING_DOC = `---
schema: 2.0.0
---

# Set-Gadget

## SYNTAX

\`\`\`
Set-Gadget -Name <String> [<CommonParameters>]
\`\`\`

## PARAMETERS

### -Name
The name.

\`\`\`yaml
Type: String
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
\`\`\`

### CommonParameters
`;

describe('cmdlet-ts help and version', () => {
  it('prints --help verbatim', async () => {
    expect(await main(['--help'])).toBe(0);
    expect(stdout.join('')).toBe(HELP);
  });

  it('prints generate --help verbatim', async () => {
    expect(await main(['generate', '--help'])).toBe(0);
    expect(stdout.join('')).toBe(GENERATE_HELP);
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await main(['--version'])).toBe(0);
    expect(stdout.join('')).toBe(`${version}\n`);
  });
});

describe('cmdlet-ts exit codes', () => {
  it('exits 0 on clean docs and 1 on warnings under --strict', async () => {
    await writeFile('docs/Contoso.Widgets/Set-Gadget.md', WARNING_DOC);
    expect(await main(['lint', 'docs'])).toBe(0);
    expect(stdout.at(-1)).toBe('commands: 6, skipped: 0, errors: 0, warnings: 1');
    expect(await main(['lint', 'docs', '--strict'])).toBe(1);
  });

  it('exits 1 on errors', async () => {
    await writeFile('docs/Contoso.Widgets/Broken.md', '# Broken\n\nNo sections.\n');
    expect(await main(['lint', 'docs'])).toBe(1);
    expect(stdout).toContainEqual(expect.stringMatching(/^docs\/Contoso\.Widgets\/Broken\.md:\d+:\d+: error: .* \[missing-syntax\]\n {2}hint: /));
  });

  it('exits 2 on a bad option value', async () => {
    expect(await main(['generate', 'docs', '--jobs', 'zero'])).toBe(2);
    expect(stderr.join('')).toContain('--jobs must be a whole number');
  });

  it('exits 2 on a bad config file', async () => {
    await writeFile('cmdlet-ts.config.json', JSON.stringify({ outt: 'x' }));
    expect(await main(['lint', 'docs'])).toBe(2);
    expect(stderr.join('')).toContain('"outt" is not a known option');
  });
});

describe('cmdlet-ts output forms', () => {
  it('prints JSON diagnostics with --json', async () => {
    await writeFile('docs/Contoso.Widgets/Set-Gadget.md', WARNING_DOC);
    expect(await main(['generate', 'docs', '--out', 'out', '--json'])).toBe(0);
    const report = JSON.parse(stdout.join('')) as { diagnostics: Record<string, unknown>[]; summary: Record<string, number> };
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ source: 'cmdlet-ts', ruleId: 'syntax-yaml-required', severity: 'warning', fatal: false, file: 'docs/Contoso.Widgets/Set-Gadget.md', line: 9, expected: ['optional'], actual: 'required' }),
    ]);
    expect(report.summary).toEqual({ commands: 6, skipped: 0, errors: 0, warnings: 1 });
    expect(stderr.at(-1)).toMatch(/^commands: 6, skipped: 0, errors: 0, warnings: 1/);
  });

  it('reads inputs and output from the config file', async () => {
    await writeFile('cmdlet-ts.config.json', JSON.stringify({ inputs: ['docs'], out: 'from-config', strict: true }));
    expect(await main(['generate'])).toBe(0);
    expect(stdout.at(-2)).toBe('Wrote 7 file(s) and removed 0 under from-config/.');
    expect(await main(['generate', '--check'])).toBe(0);
  });

  it('gives the same output with either block reader', async () => {
    expect(await main(['generate', 'docs', '--out', 'fast', '--no-cache'])).toBe(0);
    expect(await main(['generate', 'docs', '--out', 'fast', '--no-cache', '--parser', 'remark', '--check'])).toBe(0);
    expect(stdout.at(-1)).toMatch(/^commands: 5,/);
  });
});

describe('cmdlet-ts inputs', () => {
  it('reports a missing input as a usage error', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => errors.push(String(chunk)) > 0);
    try {
      expect(await main(['generate', 'no-such-folder', '--out', 'unused'])).toBe(2);
      expect(await main(['parse', 'no-such-doc.md'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(errors[0]).toMatch(/^error: input not found: no-such-folder\./);
    expect(errors[1]).toMatch(/^error: input not found: no-such-doc\.md\./);
  });
});

describe('cmdlet-ts export', () => {
  it('exits 1 when the export fails', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => errors.push(String(chunk)) > 0);
    try {
      expect(await main(['export', '--module', 'No.Such.Module', '--pwsh', '/no/such/pwsh'])).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('')).toMatch(/^error: export failed: pwsh was not found at \/no\/such\/pwsh/);
  });
});

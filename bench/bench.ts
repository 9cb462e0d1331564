/**
 * Benchmarks: `npm run bench` runs every part, `npm run bench -- build [inputs...]`,
 * `-- binder` or `-- session` one of them. Each part prints `name: value` lines. Figures are
 * medians of several runs; each ratio divides two figures measured in the same run.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';
import { cacheFolderFor } from '../generator/build/cache.ts';
import { collectInputs } from '../generator/build/inputs.ts';
import { parseMarkdown } from '../generator/parse/command.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');

const PARTS: Record<string, (args: string[]) => Promise<void>> = {
  build: benchBuild,
  binder: () => runPart('binder', './binder.ts', 'benchBinder'),
  session: () => runPart('session', './session.ts', 'benchSession'),
};

async function main(argv: string[]): Promise<void> {
  const [part, ...rest] = argv;
  if (part === undefined) {
    for (const name of Object.keys(PARTS)) await PARTS[name]!([]);
    return;
  }
  const run = PARTS[part];
  if (!run) {
    process.stderr.write(`bench: unknown part ${part}; the parts are ${Object.keys(PARTS).join(', ')}.\n`);
    process.exitCode = 2;
    return;
  }
  await run(rest);
}

/** Runs a part that another module provides, or prints that the module is missing. */
async function runPart(name: string, file: string, exportName: string): Promise<void> {
  if (!existsSync(fileURLToPath(new URL(file, import.meta.url)))) {
    print(name, `not available (bench/${file.slice(2)} is missing)`);
    return;
  }
  const module = (await import(file)) as Record<string, () => Promise<string[]>>;
  for (const line of await module[exportName]!()) console.log(line);
}

function print(name: string, value: string | number): void {
  console.log(`${name}: ${value}`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

// build ------------------------------------------------------------------------------------------

async function benchBuild(args: string[]): Promise<void> {
  const inputs = args.length > 0 ? args : [existsSync(CORPUS) ? CORPUS : path.join(ROOT, 'specs')];
  const files = await collectInputs(inputs);
  print('build-docs', files.length);
  print('build-cores', os.availableParallelism());
  print('build-node', process.version);

  // 1. Parse only, texts already in memory, against reading the docs and loading their YAML.
  const parseRates: number[] = [];
  const yamlRates: number[] = [];
  const ratios: number[] = [];
  for (let iteration = 0; iteration < 3; iteration++) {
    const yamlRate = files.length / measureSeconds(() => readAndLoadYaml(files));
    const texts = files.map((file) => readFileSync(file, 'utf8'));
    const parseRate = files.length / measureSeconds(() => texts.forEach((text, index) => parseMarkdown(text, files[index]!)));
    parseRates.push(parseRate);
    yamlRates.push(yamlRate);
    ratios.push(parseRate / yamlRate);
  }
  print('parse-docs-per-s', Math.round(median(parseRates)));
  print('read-and-load-yaml-docs-per-s', Math.round(median(yamlRates)));
  // The ratio comes from the one run whose ratio is the median, with that run's two figures.
  const run = ratios.indexOf(median(ratios));
  print('parse-vs-yaml-limit', `${ratios[run]!.toFixed(2)} (one run: ${Math.round(parseRates[run]!)} / ${Math.round(yamlRates[run]!)} docs/s; target >= 0.33)`);

  // 2. Generation through the CLI, in a child process as a user runs it.
  const work = await mkdtemp(path.join(os.tmpdir(), 'cmdlet-ts-bench-'));
  const out = path.join(ROOT, '.cache', `bench-${process.pid}`, 'out');
  const docs = path.join(work, 'docs');
  try {
    for (const [index, input] of inputs.entries()) await cp(input, path.join(docs, String(index)), { recursive: true });
    const cold: Run[] = [];
    for (let run = 0; run < 3; run++) {
      await rm(path.dirname(out), { recursive: true, force: true });
      await rm(cacheFolderFor(out), { recursive: true, force: true });
      cold.push(await runCli(['generate', docs, '--out', out]));
    }
    print('cold-generate-s', `${median(cold.map((run) => run.seconds)).toFixed(2)} (${cold[0]!.summary})`);

    const unchanged: Run[] = [];
    for (let run = 0; run < 5; run++) unchanged.push(await runCli(['generate', docs, '--out', out]));
    print('no-change-rerun-s', `${median(unchanged.map((run) => run.seconds)).toFixed(2)} (target < 1)`);

    const target = (await collectInputs([docs])).find((file) => /Add-PnPAlert\.md$/.test(file)) ?? (await collectInputs([docs]))[0]!;
    const original = await readFile(target, 'utf8');
    const oneChanged: Run[] = [];
    for (let run = 0; run < 5; run++) {
      await writeFile(target, original.replace('## SYNOPSIS\n', `## SYNOPSIS\nEdit ${run}. `));
      oneChanged.push(await runCli(['generate', docs, '--out', out]));
    }
    print('one-doc-rerun-s', `${median(oneChanged.map((run) => run.seconds)).toFixed(2)} (target < 2; ${path.basename(target)})`);

    const typeCheck = await runTsc(out);
    print('tsc-noemit-s', `${typeCheck.seconds.toFixed(2)} (exit ${typeCheck.code}, ${typeCheck.errors} error lines)`);

    const peak = Math.max(...[...cold, ...unchanged, ...oneChanged].map((run) => run.maxRssMiB));
    print('peak-memory-mib', `${Math.round(peak)} (target < 1024)`);
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(cacheFolderFor(out), { recursive: true, force: true });
    await rm(path.dirname(out), { recursive: true, force: true });
  }
}

function measureSeconds(work: () => void): number {
  const start = performance.now();
  work();
  return (performance.now() - start) / 1000;
}

/** Reads each doc and loads its front matter and YAML fences with js-yaml: the floor for any parser. */
function readAndLoadYaml(files: readonly string[]): void {
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^(?:---\r?\n([\s\S]*?)\r?\n---|```yaml\r?\n([\s\S]*?)\r?\n```)/gm)) {
      try {
        yaml.load(match[1] ?? match[2] ?? '');
      } catch {
        // v1 blocks are often not valid YAML; the time spent finding that out counts.
      }
    }
  }
}

interface Run {
  seconds: number;
  maxRssMiB: number;
  summary: string;
}

/** Runs the CLI in a child process and reports its wall time, peak resident memory and summary line. */
function runCli(args: string[]): Promise<Run> {
  const script = `
    const { main } = await import(${JSON.stringify(path.join(ROOT, 'generator/cli/main.ts'))});
    const code = await main(${JSON.stringify(args)});
    process.stderr.write('maxrss ' + process.resourceUsage().maxRSS + '\\n');
    process.exitCode = code;`;
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const seconds = (performance.now() - start) / 1000;
      const rss = /maxrss (\d+)/.exec(stderr);
      if (!rss) {
        reject(new Error(`cmdlet-ts ${args.join(' ')} failed: ${error?.message ?? ''}\n${stderr}`));
        return;
      }
      const summary = stdout.trim().split('\n').at(-1) ?? '';
      resolve({ seconds, maxRssMiB: Number(rss[1]) / 1024, summary });
    });
  });
}

/** Type-checks the generated folder with a strict tsconfig; the runtime resolves by package self-reference. */
async function runTsc(out: string): Promise<{ seconds: number; code: number; errors: number }> {
  const config = path.join(path.dirname(out), 'tsconfig.json');
  const options = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, allowImportingTsExtensions: true, types: ['node'], lib: ['ES2022'] };
  await writeFile(config, JSON.stringify({ compilerOptions: options, include: ['out/**/*.ts'] }));
  const start = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', config], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => {
      let code = 0;
      if (error) code = typeof error.code === 'number' ? error.code : 1;
      resolve({ seconds: (performance.now() - start) / 1000, code, errors: stdout.split('\n').filter((line) => line.includes('error TS')).length });
    });
  });
}

await main(process.argv.slice(2));

/**
 * Runs batches of binder cases in one pwsh process each: the probe functions and the cases go
 * to pwsh as files, and `run-cases.ps1` writes one outcome per case back as JSON.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallArguments } from './cases.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const RUNNER = join(HERE, 'run-cases.ps1');

/** Where CI installs pwsh (`dotnet tool install --tool-path .tools/pwsh PowerShell`). */
const LOCAL_PWSH = resolve(HERE, '../../../.tools/pwsh/pwsh');

/** One call of a probe function. */
export interface PwshCase {
  function: string;
  arguments: CallArguments;
}

/** What pwsh's binder did with one call. */
export type PwshOutcome =
  | { ok: true; set: string; bound: string[] }
  | { ok: false; id: string; message: string };

/**
 * Returns the pwsh executable to test against: `$CMDLET_TS_PWSH`, then `.tools/pwsh/pwsh`, or
 * null when neither exists.
 */
export function findPwsh(): string | null {
  const configured = process.env['CMDLET_TS_PWSH'];
  if (configured !== undefined && configured !== '') {
    return existsSync(configured) ? configured : null;
  }
  return existsSync(LOCAL_PWSH) ? LOCAL_PWSH : null;
}

/** Runs `cases` against the functions defined in `definitions` and returns one outcome per case. */
export async function runBatch(pwsh: string, definitions: string, cases: PwshCase[], timeoutMs = 600_000): Promise<PwshOutcome[]> {
  const folder = await mkdtemp(join(tmpdir(), 'cmdlet-ts-binder-'));
  try {
    const definitionsPath = join(folder, 'probes.ps1');
    const casesPath = join(folder, 'cases.json');
    const resultsPath = join(folder, 'results.json');
    await writeFile(definitionsPath, definitions, 'utf8');
    await writeFile(casesPath, JSON.stringify(cases), 'utf8');
    await runPwsh(pwsh, ['-DefinitionsPath', definitionsPath, '-CasesPath', casesPath, '-ResultsPath', resultsPath], timeoutMs);
    const text = (await readFile(resultsPath, 'utf8')).replace(/^\uFEFF/, '');
    const outcomes = JSON.parse(text) as PwshOutcome[];
    if (outcomes.length !== cases.length) {
      throw new Error(`pwsh returned ${outcomes.length} outcomes for ${cases.length} cases.`);
    }
    return outcomes;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function runPwsh(pwsh: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', RUNNER, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`pwsh timed out after ${timeoutMs} ms.`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) {
        resolvePromise();
      } else {
        reject(new Error(`pwsh exited with code ${code}: ${stderr.slice(0, 2000)}`));
      }
    });
  });
}

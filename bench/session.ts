/**
 * Measures calls per second of one simple cmdlet (`Get-Date -Format o`) three ways: through a
 * PowerShellSession, through node-powershell (a long-lived `pwsh -Command -` fed command text),
 * and by spawning one pwsh per call. Each figure is the median of several timed runs, after
 * warm-up calls, on the machine that runs the bench.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { PowerShell } from 'node-powershell';
import { findPwsh, PowerShellSession } from '../generator/runtime/session.ts';

const RUNS = 5;
const WARM_UP_CALLS = 20;
const CALLS_PER_RUN = 200;
const SPAWNED_CALLS_PER_RUN = 3;
// TERM=dumb stops pwsh reading commands from stdin from writing cursor-mode escapes around its
// output; with them, node-powershell sometimes misses its end-of-output marker and waits forever.
const PWSH_ENV = { ...process.env, TERM: 'dumb', POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off' };
const NODE_POWERSHELL_TIMEOUT_MS = 60_000;

/** Returns `name: value` lines for the bench report, ending with the two ratios. */
export async function benchSession(): Promise<string[]> {
  const location = await findPwsh();
  if (location === null) {
    return ['session: skipped, because pwsh was not found in .tools/pwsh or on PATH'];
  }
  const pwsh = location.path;

  const session = await measureSession(pwsh);
  const nodePowerShell = await measureNodePowerShell(pwsh);
  const spawned = await measureSpawn(pwsh);

  return [
    `session machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
    `session Get-Date through PowerShellSession: ${format(session)} calls/s`,
    `session Get-Date through node-powershell: ${format(nodePowerShell)} calls/s`,
    `session Get-Date with one pwsh per call: ${format(spawned)} calls/s`,
    `session PowerShellSession / node-powershell: ${(session / nodePowerShell).toFixed(2)}x`,
    `session PowerShellSession / pwsh per call: ${(session / spawned).toFixed(1)}x`,
  ];
}

async function measureSession(pwsh: string): Promise<number> {
  const session = new PowerShellSession({ pwshPath: pwsh });
  const invocation = { module: 'Microsoft.PowerShell.Utility', command: 'Get-Date', parameterSet: 'DateAndFormat', parameters: { Format: 'o' } };
  try {
    await session.start();
    return await medianRate(CALLS_PER_RUN, async () => {
      const result = await session.invoke(invocation);
      checkDate(result.output[0]);
    });
  } finally {
    await session.close();
  }
}

async function measureNodePowerShell(pwsh: string): Promise<number> {
  const shell = new PowerShell({
    executable: pwsh,
    executableOptions: { '-NoProfile': true, '-NonInteractive': true },
    spawnOptions: { env: PWSH_ENV },
    invocationTimeout: NODE_POWERSHELL_TIMEOUT_MS,
  });
  try {
    return await medianRate(CALLS_PER_RUN, async () => {
      const result = await shell.invoke('Get-Date -Format o');
      checkDate(result.raw.trim());
    });
  } finally {
    await shell.dispose();
  }
}

async function measureSpawn(pwsh: string): Promise<number> {
  return medianRate(
    SPAWNED_CALLS_PER_RUN,
    async () => {
      checkDate((await runOnce(pwsh)).trim());
    },
    1,
  );
}

/** Runs `Get-Date -Format o` in a new pwsh and returns its stdout. */
function runOnce(pwsh: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', 'Get-Date -Format o'], {
      env: PWSH_ENV,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`pwsh exited with code ${code}`))));
  });
}

/** Runs `call` in `RUNS` timed runs of `callsPerRun` calls each and returns the median rate. */
async function medianRate(callsPerRun: number, call: () => Promise<void>, warmUpCalls = WARM_UP_CALLS): Promise<number> {
  for (let index = 0; index < warmUpCalls; index += 1) {
    await call();
  }
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    for (let index = 0; index < callsPerRun; index += 1) {
      await call();
    }
    rates.push(callsPerRun / ((performance.now() - started) / 1000));
  }
  rates.sort((left, right) => left - right);
  return rates[Math.floor(rates.length / 2)] ?? 0;
}

function checkDate(value: unknown): void {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new Error(`Get-Date returned ${JSON.stringify(value)} instead of an ISO date.`);
  }
}

function format(rate: number): string {
  return rate >= 100 ? rate.toFixed(0) : rate.toFixed(2);
}

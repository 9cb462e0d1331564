/**
 * Shared set-up of the tests that run real pwsh: finding it, skipping or failing without it,
 * and building invocations.
 */
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import type { Invocation } from '../../generator/runtime/invocation.ts';
import { findPwsh } from '../../generator/runtime/session.ts';

/** pwsh the session will use, or null when there is none. */
export const pwsh = await findPwsh();

/** Module of probe functions that echo what reached PowerShell. */
export const PROBE_MODULE = fileURLToPath(new URL('./fixtures/CmdletTsProbe.psm1', import.meta.url));

/** Time for a pwsh start on a loaded machine, for `beforeAll` hooks. */
export const START_TIMEOUT_MS = 60_000;

/** Default time limit of each test; calls into pwsh take well under a second on an idle machine. */
const TEST_TIMEOUT_MS = 30_000;

const MISSING =
  'pwsh was not found in .tools/pwsh or on PATH. Install it with ' +
  '`dotnet tool install --tool-path .tools/pwsh PowerShell --version 7.6.10`.';

/**
 * Declares a suite that needs pwsh. Without pwsh the suite is skipped with a printed reason,
 * except under `CI=true`, where it fails.
 */
export function describePwsh(name: string, body: () => void): void {
  if (pwsh !== null) {
    describe(name, { timeout: TEST_TIMEOUT_MS }, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('finds pwsh', () => {
        throw new Error(`${MISSING} CI=true, so the suite fails instead of skipping.`);
      });
    });
    return;
  }
  console.warn(`Skipping "${name}": ${MISSING}`);
  describe.skip(name, body);
}

/** Builds an invocation; the session ignores the parameter set, so tests leave it empty. */
export function call(module: string, command: string, parameters: Record<string, unknown> = {}): Invocation {
  return { module, command, parameterSet: '', parameters };
}

export const UTILITY = 'Microsoft.PowerShell.Utility';
export const MANAGEMENT = 'Microsoft.PowerShell.Management';
export const PROBE = 'CmdletTsProbe';

/** Creates an empty temporary folder (symbolic links resolved) and returns its path and a remover. */
export async function makeTempFolder(): Promise<{ folder: string; remove: () => Promise<void> }> {
  const folder = await realpath(await mkdtemp(path.join(tmpdir(), 'cmdlet-ts-session-')));
  return { folder, remove: () => rm(folder, { recursive: true, force: true }) };
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of this repository. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Folder of third-party PlatyPS docs that sits beside the repository; tests read it in place. */
export const CORPUS = path.resolve(ROOT, '../shared/corpus');

/** PowerShell installed by `.ci/run` as a .NET tool inside the repository. */
export const PWSH = path.join(ROOT, '.tools/pwsh/pwsh');

/**
 * Decides whether a test that needs an external resource runs. Where the resource is missing the
 * test is skipped with the reason printed, except under `CI=true`, where the missing resource
 * fails the run instead of letting it pass with nothing tested.
 */
export function requireResource(name: string, available: boolean): boolean {
  if (available) return true;
  const reason = `${name} is not available`;
  if (process.env.CI === 'true') throw new Error(`${reason}, and CI=true requires it.`);
  console.warn(`skipped: ${reason}.`);
  return false;
}

export const hasCorpus = (): boolean => requireResource(`the PlatyPS corpus at ${CORPUS}`, existsSync(CORPUS));

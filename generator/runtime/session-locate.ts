/**
 * Finds the pwsh executable: an explicit path, then the project's tool folder, then PATH.
 */
import { access, constants } from 'node:fs/promises';
import path from 'node:path';

const EXECUTABLE = process.platform === 'win32' ? 'pwsh.exe' : 'pwsh';

/** Path of a pwsh executable and the place it was found. */
export interface PwshLocation {
  path: string;
  source: 'option' | 'tools' | 'path';
}

/**
 * Finds pwsh. `explicitPath`, when given, must exist. Otherwise the first `.tools/pwsh/pwsh`
 * found walking up from `cwd` wins (where `dotnet tool install --tool-path .tools/pwsh` puts it),
 * then the first `pwsh` on PATH. Returns null when there is none.
 */
export async function findPwsh(explicitPath?: string, cwd: string = process.cwd()): Promise<PwshLocation | null> {
  if (explicitPath !== undefined) {
    const resolved = path.resolve(cwd, explicitPath);
    return (await isExecutable(resolved)) ? { path: resolved, source: 'option' } : null;
  }
  for (let folder = path.resolve(cwd); ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, '.tools', 'pwsh', EXECUTABLE);
    if (await isExecutable(candidate)) {
      return { path: candidate, source: 'tools' };
    }
    if (path.dirname(folder) === folder) {
      break;
    }
  }
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    if (folder === '') {
      continue;
    }
    const candidate = path.join(folder, EXECUTABLE);
    if (await isExecutable(candidate)) {
      return { path: candidate, source: 'path' };
    }
  }
  return null;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

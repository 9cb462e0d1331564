import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './environment.ts';

const run = promisify(execFile);
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

/** Compiler options of a strict project that type-checks generated code against this package. */
export const STRICT_OPTIONS = {
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  types: ['node'],
  lib: ['ES2022'],
  // Resolve `cmdlet-ts/runtime` to this checkout's sources, as the project's own tsconfig does.
  customConditions: ['cmdlet-ts-source'],
};

/** Runs `tsc` with `args` from the repository root; returns its exit code and diagnostics. */
export async function tsc(args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [TSC, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string };
    return { code: typeof failure.code === 'number' ? failure.code : 1, output: failure.stdout ?? String(error) };
  }
}

/** Writes a strict `tsconfig.json` into `folder` for the given `include` or `files` and type-checks it. */
export async function typeCheckFolder(folder: string, scope: { include?: string[]; files?: string[] }): Promise<{ code: number; output: string }> {
  const config = path.join(folder, 'tsconfig.json');
  await writeFile(config, JSON.stringify({ compilerOptions: STRICT_OPTIONS, ...scope }));
  return tsc(['-p', config]);
}

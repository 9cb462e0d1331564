import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BlockReader } from '../parse/blocks.ts';

/** Name of the config file looked for in the working folder. */
export const CONFIG_FILE = 'cmdlet-ts.config.json';

/** Settings a config file may hold; the command line overrides each of them. */
export interface BuildConfig {
  /** Doc files and folders, relative to the config file. */
  inputs?: string[];
  /** Output folder, relative to the config file. */
  out?: string;
  /** Treat warnings as errors for the exit code. */
  strict?: boolean;
  /** Use the content-hash cache (default true). */
  cache?: boolean;
  /** Threads that parse docs (default: one per core). */
  jobs?: number;
  /** Block reader: `fast` (default) or `remark`. */
  parser?: BlockReader;
  /** Also print info diagnostics. */
  verbose?: boolean;
}

/** A config file that cannot be used; the CLI reports it as a usage error. */
export class ConfigError extends Error {}

const CHECKS: Record<keyof BuildConfig, (value: unknown) => boolean> = {
  inputs: (value) => Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== ''),
  out: (value) => typeof value === 'string' && value !== '',
  strict: (value) => typeof value === 'boolean',
  cache: (value) => typeof value === 'boolean',
  jobs: (value) => Number.isInteger(value) && (value as number) >= 1,
  parser: (value) => value === 'fast' || value === 'remark',
  verbose: (value) => typeof value === 'boolean',
};

const EXPECTED: Record<keyof BuildConfig, string> = {
  inputs: 'a list of paths',
  out: 'a path',
  strict: 'true or false',
  cache: 'true or false',
  jobs: 'a whole number of 1 or more',
  parser: '"fast" or "remark"',
  verbose: 'true or false',
};

/**
 * Reads the config file: `file` when given (it must exist), else `cmdlet-ts.config.json` in the
 * working folder when there is one. Paths in it are taken relative to the file's folder and
 * returned relative to the working folder. Throws a ConfigError naming the key and the fix.
 */
export function loadConfig(file?: string): { config: BuildConfig; file: string | null } {
  const candidate = file ?? CONFIG_FILE;
  if (!existsSync(candidate)) {
    if (file !== undefined) throw new ConfigError(`Config file ${file} was not found.`);
    return { config: {}, file: null };
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(candidate, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${candidate} is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`${candidate} must hold one JSON object.`);
  const config: BuildConfig = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (!(key in CHECKS)) {
      throw new ConfigError(`${candidate}: "${key}" is not a known option; the options are ${Object.keys(CHECKS).join(', ')}.`);
    }
    const name = key as keyof BuildConfig;
    if (!CHECKS[name](value)) throw new ConfigError(`${candidate}: "${key}" must be ${EXPECTED[name]}, not ${JSON.stringify(value)}.`);
    (config as Record<string, unknown>)[key] = value;
  }
  const base = path.dirname(candidate);
  const relocate = (target: string) => path.relative(process.cwd(), path.resolve(base, target)) || '.';
  if (config.inputs) config.inputs = config.inputs.map(relocate);
  if (config.out) config.out = relocate(config.out);
  return { config, file: candidate };
}

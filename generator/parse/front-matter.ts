import * as yaml from 'js-yaml';
import type { DiagnosticSink } from './diagnostics.ts';

export interface FrontMatter {
  values: Record<string, string | string[]>;
  /** Number of source lines the block takes, closing `---` included; 0 when there is none. */
  lineCount: number;
}

const FENCE = /^---\s*$/;

/**
 * Reads the `---` delimited YAML block at the top of a doc. Values stay text (`2024-05-01` is not
 * a date). Where the block is not valid YAML, each line is split at its first colon, as PlatyPS
 * does, and the problem is reported.
 */
export function readFrontMatter(lines: readonly string[], sink: DiagnosticSink): FrontMatter {
  if (!FENCE.test(lines[0] ?? '')) return { values: {}, lineCount: 0 };
  const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (close < 0) {
    sink.error('front-matter-unclosed', 1, 'The front matter opened by `---` on line 1 is never closed.', 'Add a `---` line after the last metadata key.');
    return { values: {}, lineCount: 0 };
  }
  const body = lines.slice(1, close).join('\n');
  let values: Record<string, string | string[]>;
  try {
    values = fromYaml(yaml.load(body, { schema: yaml.FAILSAFE_SCHEMA }));
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const line = mark ? mark.line + 2 : 2;
    const reason = (error as { reason?: string }).reason ?? String(error);
    sink.warn('front-matter-invalid-yaml', line, `The front matter is not valid YAML (${reason}); its lines were read as \`key: value\` pairs.`, 'Quote values that contain `: `, `#`, `[` or start with `*`, `&` or `!`.', mark ? mark.column + 1 : 1);
    values = fromLines(lines.slice(1, close));
  }
  return { values, lineCount: close + 1 };
}

function fromYaml(data: unknown): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return values;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (Array.isArray(value)) values[key] = value.map((item) => String(item ?? ''));
    else if (value === null || value === undefined) values[key] = '';
    else if (typeof value === 'object') values[key] = JSON.stringify(value);
    else values[key] = String(value);
  }
  return values;
}

function fromLines(lines: readonly string[]): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  let lastKey: string | null = null;
  for (const line of lines) {
    const item = /^\s+-\s*(.*)$/.exec(line);
    if (item && lastKey !== null) {
      const previous = values[lastKey];
      values[lastKey] = [...(Array.isArray(previous) ? previous : []), unquote(item[1] ?? '')];
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    lastKey = line.slice(0, colon).trim();
    values[lastKey] = unquote(line.slice(colon + 1).trim());
  }
  return values;
}

function unquote(value: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(value);
  return quoted ? (quoted[2] ?? '') : value;
}

/** Looks a front-matter key up ignoring case, returning text (lists joined by `, `). */
export function frontMatterText(values: Record<string, string | string[]>, key: string): string {
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(values)) {
    if (name.toLowerCase() === wanted) return Array.isArray(value) ? value.join(', ') : value;
  }
  return '';
}

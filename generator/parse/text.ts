/** Text helpers shared by the section readers. */

/** Removes one leading byte-order mark and turns CRLF and lone CR line endings into LF. */
export function normalizeNewlines(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.replace(/\r\n?/g, '\n');
}

const PLACEHOLDER_LINE = /^\s*\{\{[^{}]*\}\}\s*$/;

/** True for text such as `{{ Fill in the Description }}` that marks content not written yet. */
export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER_LINE.test(text);
}

/**
 * Drops lines that hold only a `{{ ... }}` placeholder and trims the rest, so a section that
 * contains nothing but a placeholder reads as empty.
 */
export function withoutPlaceholders(text: string): string {
  return text
    .split('\n')
    .filter((line) => !isPlaceholder(line))
    .join('\n')
    .trim();
}

/** Joins source lines `[start, end)` (0-based) and trims trailing blanks of each line and the whole. */
export function sliceLines(lines: readonly string[], start: number, end: number): string {
  return lines
    .slice(start, end)
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

/** Splits a comma-separated list, trimming items and dropping empty ones. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

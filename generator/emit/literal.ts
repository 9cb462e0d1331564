import type { CodeBlockWriter } from 'ts-morph';
import { toStringLiteral } from '../model/dotnet-types.ts';
import { toPropertyKey } from './identifiers.ts';

/**
 * Writes a JSON-like value as a TypeScript literal. Objects nested `inlineDepth` levels or deeper
 * go on one line, so a table of parameters reads one row per parameter.
 */
export function writeLiteral(writer: CodeBlockWriter, value: unknown, inlineDepth: number, depth = 0): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      writer.write('[]');
    } else if (depth >= inlineDepth || value.every(isScalar)) {
      writer.write(`[${value.map((item) => inlineLiteral(item)).join(', ')}]`);
    } else {
      writer.write('[').newLine();
      writer.indent(() => {
        for (const item of value) {
          writeLiteral(writer, item, inlineDepth, depth + 1);
          writer.write(',').newLine();
        }
      });
      writer.write(']');
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    if (depth >= inlineDepth) {
      writer.write(inlineLiteral(value));
      return;
    }
    writer.write('{').newLine();
    writer.indent(() => {
      for (const [key, item] of Object.entries(value)) {
        if (item === undefined) continue;
        writer.write(`${toPropertyKey(key)}: `);
        writeLiteral(writer, item, inlineDepth, depth + 1);
        writer.write(',').newLine();
      }
    });
    writer.write('}');
    return;
  }
  writer.write(inlineLiteral(value));
}

/** Writes a value as a one-line literal. */
export function inlineLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return toStringLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(inlineLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([key, item]) => `${toPropertyKey(key)}: ${inlineLiteral(item)}`).join(', ')} }`;
  }
  return toStringLiteral(String(value));
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

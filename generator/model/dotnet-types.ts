/**
 * Mapping from .NET type names, as PlatyPS docs write them, to a TypeScript type and to the
 * value kind the runtime validator checks.
 */

/** Value kinds the runtime validator can check. */
export type ValueKind =
  | 'string'
  | 'char'
  | 'boolean'
  | 'switch'
  | 'sbyte'
  | 'byte'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'single'
  | 'double'
  | 'decimal'
  | 'datetime'
  | 'timespan'
  | 'guid'
  | 'uri'
  | 'hashtable'
  | 'scriptblock'
  | 'securestring'
  | 'credential'
  | 'object'
  | 'unknown';

/** A .NET type resolved for emission. */
export interface TypeMapping {
  /** TypeScript type text for one value of the parameter, arrays included. */
  ts: string;
  /** Kind of one element. */
  kind: ValueKind;
  /** 0 for a scalar, 1 for `T[]`, 2 for `T[][]`. */
  arrayDepth: number;
  /** False when the type was not recognised and became `unknown`. */
  known: boolean;
}

interface ScalarMapping {
  ts: string;
  kind: ValueKind;
}

const SCALARS: ReadonlyMap<string, ScalarMapping> = new Map([
  ['string', { ts: 'string', kind: 'string' }],
  ['char', { ts: 'string', kind: 'char' }],
  ['bool', { ts: 'boolean', kind: 'boolean' }],
  ['boolean', { ts: 'boolean', kind: 'boolean' }],
  ['switch', { ts: 'boolean', kind: 'switch' }],
  ['switchparameter', { ts: 'boolean', kind: 'switch' }],
  ['sbyte', { ts: 'number', kind: 'sbyte' }],
  ['byte', { ts: 'number', kind: 'byte' }],
  ['int16', { ts: 'number', kind: 'int16' }],
  ['short', { ts: 'number', kind: 'int16' }],
  ['uint16', { ts: 'number', kind: 'uint16' }],
  ['ushort', { ts: 'number', kind: 'uint16' }],
  ['int', { ts: 'number', kind: 'int32' }],
  ['int32', { ts: 'number', kind: 'int32' }],
  ['uint32', { ts: 'number', kind: 'uint32' }],
  ['uint', { ts: 'number', kind: 'uint32' }],
  ['int64', { ts: 'number | bigint', kind: 'int64' }],
  ['long', { ts: 'number | bigint', kind: 'int64' }],
  ['uint64', { ts: 'number | bigint', kind: 'uint64' }],
  ['ulong', { ts: 'number | bigint', kind: 'uint64' }],
  ['single', { ts: 'number', kind: 'single' }],
  ['float', { ts: 'number', kind: 'single' }],
  ['double', { ts: 'number', kind: 'double' }],
  ['decimal', { ts: 'number', kind: 'decimal' }],
  ['datetime', { ts: 'Date | string', kind: 'datetime' }],
  ['uri', { ts: 'URL | string', kind: 'uri' }],
  ['hashtable', { ts: 'Record<string, unknown>', kind: 'hashtable' }],
  ['idictionary', { ts: 'Record<string, unknown>', kind: 'hashtable' }],
]);

/**
 * Maps a documented .NET type name to TypeScript. Namespaces (`System.`), the `[...]` of a
 * PowerShell type literal and letter case are ignored; a trailing `[]` adds an array level.
 */
export function mapDotNetType(typeName: string): TypeMapping {
  let name = typeName.trim();
  let arrayDepth = 0;
  while (name.endsWith('[]')) {
    arrayDepth += 1;
    name = name.slice(0, -2).trim();
  }
  const simpleName = name.replace(/^System\.(Collections\.|Management\.Automation\.)?/i, '').toLowerCase();
  const scalar = SCALARS.get(simpleName);
  const element = scalar ?? { ts: 'unknown', kind: 'unknown' as const };
  return {
    ts: wrapArray(element.ts, arrayDepth),
    kind: element.kind,
    arrayDepth,
    known: scalar !== undefined,
  };
}

function wrapArray(elementType: string, depth: number): string {
  let text = elementType;
  for (let i = 0; i < depth; i += 1) {
    text = text.includes(' ') ? `Array<${text}>` : `${text}[]`;
  }
  return text;
}

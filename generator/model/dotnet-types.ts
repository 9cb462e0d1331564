/**
 * Mapping from .NET type names, as PlatyPS docs write them, to a TypeScript type and to the
 * value kind the runtime validator checks. `docs/type-mapping.md` lists the table for users.
 *
 * Accepted spellings: namespaces or none (`System.Int32`, `Int32`, `int`), any letter case,
 * PowerShell type literals (`[string[]]`), arrays (`T[]`, `T []`), nullables (`T?`,
 * `Nullable<T>`, ``System.Nullable`1[System.Int32]``, ``Nullable`1[[T, mscorlib, ...]]``) and
 * generics in C# (`List<T>`), reflection (``List`1[T]``) or PowerShell (`List[T]`) form.
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
  /** True when a scalar value may be `null` (`Nullable<T>`, `T?`), in which case `ts` includes `| null`. */
  nullable?: boolean;
  /** Names `ts` uses that the generated file must import from the runtime, such as `PSCredentialValue`. */
  runtimeImports?: string[];
}

/** A parsed .NET type name. */
export interface DotNetTypeName {
  /** Name with namespace and without generic arity, such as `System.Collections.Generic.List`. */
  name: string;
  typeArguments: DotNetTypeName[];
  /** Number of `[]` suffixes. */
  arrayDepth: number;
  /** Written with a `?` suffix. */
  nullable: boolean;
}

interface ScalarMapping {
  ts: string;
  kind: ValueKind;
  runtimeImport?: string;
}

/**
 * Element types by simple name in lower case. PowerShell converts a string to Guid, Uri,
 * Version, CultureInfo and Type itself, so those take strings.
 */
const SCALARS: ReadonlyMap<string, ScalarMapping> = new Map([
  ['string', { ts: 'string', kind: 'string' }],
  ['char', { ts: 'string', kind: 'char' }],
  ['bool', { ts: 'boolean', kind: 'boolean' }],
  ['boolean', { ts: 'boolean', kind: 'boolean' }],
  ['switch', { ts: 'boolean', kind: 'switch' }],
  ['switchparameter', { ts: 'boolean', kind: 'switch' }],
  // note: a misspelling that published help uses for SwitchParameter.
  ['switchparamter', { ts: 'boolean', kind: 'switch' }],
  ['sbyte', { ts: 'number', kind: 'sbyte' }],
  ['byte', { ts: 'number', kind: 'byte' }],
  ['int16', { ts: 'number', kind: 'int16' }],
  ['short', { ts: 'number', kind: 'int16' }],
  ['uint16', { ts: 'number', kind: 'uint16' }],
  ['ushort', { ts: 'number', kind: 'uint16' }],
  ['int', { ts: 'number', kind: 'int32' }],
  ['int32', { ts: 'number', kind: 'int32' }],
  ['integer', { ts: 'number', kind: 'int32' }],
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
  ['datetimeoffset', { ts: 'Date | string', kind: 'datetime' }],
  ['timespan', { ts: 'string', kind: 'timespan' }],
  ['guid', { ts: 'string', kind: 'guid' }],
  ['uri', { ts: 'URL | string', kind: 'uri' }],
  ['version', { ts: 'string', kind: 'string' }],
  ['semanticversion', { ts: 'string', kind: 'string' }],
  ['cultureinfo', { ts: 'string', kind: 'string' }],
  ['type', { ts: 'string', kind: 'string' }],
  ['hashtable', { ts: 'Record<string, unknown>', kind: 'hashtable' }],
  ['idictionary', { ts: 'Record<string, unknown>', kind: 'hashtable' }],
  ['ordereddictionary', { ts: 'Record<string, unknown>', kind: 'hashtable' }],
  ['psprimitivedictionary', { ts: 'Record<string, unknown>', kind: 'hashtable' }],
  ['scriptblock', { ts: 'ScriptBlockValue', kind: 'scriptblock', runtimeImport: 'ScriptBlockValue' }],
  ['securestring', { ts: 'SecureStringValue', kind: 'securestring', runtimeImport: 'SecureStringValue' }],
  ['pscredential', { ts: 'PSCredentialValue', kind: 'credential', runtimeImport: 'PSCredentialValue' }],
  ['object', { ts: 'unknown', kind: 'object' }],
  ['psobject', { ts: 'unknown', kind: 'object' }],
]);

/** Non-generic collections: an array whose elements can be anything. */
const UNTYPED_COLLECTIONS: ReadonlySet<string> = new Set(['array', 'arraylist', 'ienumerable', 'icollection', 'ilist', 'list']);

/** Generic collections of one element type, mapped to `T[]`. */
const GENERIC_COLLECTIONS: ReadonlySet<string> = new Set([
  'list',
  'ilist',
  'icollection',
  'ienumerable',
  'ireadonlylist',
  'ireadonlycollection',
  'collection',
  'readonlycollection',
  'observablecollection',
  'hashset',
  'iset',
]);

/** Generic dictionaries, mapped to `Record<string, V>` when the key is a string. */
const GENERIC_DICTIONARIES: ReadonlySet<string> = new Set([
  'dictionary',
  'idictionary',
  'ireadonlydictionary',
  'sorteddictionary',
  'concurrentdictionary',
]);

/** Namespaces whose types the tables above describe. A type in any other namespace is not built in. */
const KNOWN_NAMESPACES: ReadonlySet<string> = new Set([
  '',
  'system',
  'system.collections',
  'system.collections.generic',
  'system.collections.objectmodel',
  'system.collections.specialized',
  'system.collections.concurrent',
  'system.globalization',
  'system.management.automation',
  'system.security',
]);

const UNKNOWN: TypeMapping = { ts: 'unknown', kind: 'unknown', arrayDepth: 0, known: false };

/**
 * Maps a documented .NET type name to TypeScript.
 *
 * @param typeName Type as the doc writes it, such as `System.String[]` or `Nullable<Int32>`.
 * @param acceptedValues Values from `AcceptedValues`. A string, enum or numeric element type
 *   becomes a union of these literals. An unrecognised type is taken for an enum the tables do
 *   not know, so it becomes a known string union.
 * @returns The TypeScript text and validator kind; `unknown` with `known: false` when the type
 *   is not recognised.
 */
export function mapDotNetType(typeName: string, acceptedValues: readonly string[] = []): TypeMapping {
  return mapDotNetTypeWith(typeName, () => undefined, acceptedValues);
}

/**
 * Resolves a type name that is not built in, such as a model interface described in NOTES.
 * Called with the name as written (namespace kept, generic arity removed) before the built-in
 * tables; `undefined` leaves the name to them.
 */
export type NamedTypeResolver = (name: string) => TypeMapping | undefined;

/**
 * Maps a .NET type name like `mapDotNetType`, asking `resolveNamed` first for every named type,
 * including the element types of arrays, lists and nullables (`IWidget[]`, `List<IWidget>`).
 */
export function mapDotNetTypeWith(
  typeName: string,
  resolveNamed: NamedTypeResolver,
  acceptedValues: readonly string[] = [],
): TypeMapping {
  const parsed = parseDotNetTypeName(typeName);
  const mapping = parsed === null ? mapSpelledOut(typeName) : mapParsed(parsed, resolveNamed);
  const literals = distinctValues(acceptedValues);
  return literals.length === 0 ? mapping : withAcceptedValues(mapping, literals);
}

/** Maps the few free-text spellings seen in help, such as `Switch Parameter`. */
function mapSpelledOut(typeName: string): TypeMapping {
  if (/^\s*switch\s+parameter\s*$/i.test(typeName)) {
    return { ts: 'boolean', kind: 'switch', arrayDepth: 0, known: true };
  }
  return UNKNOWN;
}

function mapParsed(type: DotNetTypeName, resolveNamed: NamedTypeResolver): TypeMapping {
  const element = mapElement(type, resolveNamed);
  const nullable = type.nullable || (element.nullable ?? false);
  const addNull = type.nullable && !(element.nullable ?? false) && element.ts !== 'unknown';
  const elementTs = addNull ? `${element.ts} | null` : element.ts;
  const arrayDepth = element.arrayDepth + type.arrayDepth;
  const mapping: TypeMapping = {
    ts: wrapArray(elementTs, type.arrayDepth),
    kind: element.kind,
    arrayDepth,
    known: element.known,
  };
  if (nullable && type.arrayDepth === 0) mapping.nullable = true;
  if (element.runtimeImports !== undefined) mapping.runtimeImports = element.runtimeImports;
  return mapping;
}

/** Maps a type without its own `[]` and `?` suffixes. */
function mapElement(type: DotNetTypeName, resolveNamed: NamedTypeResolver): TypeMapping {
  if (type.typeArguments.length === 0) {
    const resolved = resolveNamed(type.name);
    if (resolved !== undefined) {
      return resolved;
    }
  }
  const { namespace, simpleName } = splitName(type.name);
  if (!KNOWN_NAMESPACES.has(namespace)) {
    return UNKNOWN;
  }
  const [first, second] = type.typeArguments;

  // 1. Nullable<T> adds `| null` to T.
  if (simpleName === 'nullable' && first !== undefined && type.typeArguments.length === 1) {
    const inner = mapParsed(first, resolveNamed);
    if (inner.arrayDepth > 0 || inner.nullable === true) {
      return inner;
    }
    return { ...inner, ts: inner.ts === 'unknown' ? 'unknown' : `${inner.ts} | null`, nullable: true };
  }

  // 2. Generic collections and dictionaries.
  if (GENERIC_COLLECTIONS.has(simpleName) && first !== undefined && type.typeArguments.length === 1) {
    const inner = mapParsed(first, resolveNamed);
    const mapping: TypeMapping = { ts: wrapArray(inner.ts, 1), kind: inner.kind, arrayDepth: inner.arrayDepth + 1, known: inner.known };
    if (inner.runtimeImports !== undefined) mapping.runtimeImports = inner.runtimeImports;
    return mapping;
  }
  if (GENERIC_DICTIONARIES.has(simpleName) && first !== undefined && second !== undefined && type.typeArguments.length === 2) {
    const key = mapParsed(first, resolveNamed);
    if (key.kind !== 'string' || key.arrayDepth > 0) {
      return UNKNOWN;
    }
    const value = mapParsed(second, resolveNamed);
    const mapping: TypeMapping = { ts: `Record<string, ${value.ts}>`, kind: 'hashtable', arrayDepth: 0, known: value.known };
    if (value.runtimeImports !== undefined) mapping.runtimeImports = value.runtimeImports;
    return mapping;
  }
  if (simpleName === 'pslistmodifier') {
    const inner = first === undefined ? { ts: 'unknown', known: true } : mapParsed(first, resolveNamed);
    const items = wrapArray(inner.ts, 1);
    return { ts: `{ Add?: ${items}; Remove?: ${items}; Replace?: ${items} }`, kind: 'hashtable', arrayDepth: 0, known: inner.known };
  }
  if (type.typeArguments.length > 0) {
    return UNKNOWN;
  }

  // 3. Scalars and untyped collections.
  const scalar = SCALARS.get(simpleName);
  if (scalar !== undefined) {
    const mapping: TypeMapping = { ts: scalar.ts, kind: scalar.kind, arrayDepth: 0, known: true };
    if (scalar.runtimeImport !== undefined) mapping.runtimeImports = [scalar.runtimeImport];
    return mapping;
  }
  if (UNTYPED_COLLECTIONS.has(simpleName)) {
    return { ts: 'unknown[]', kind: 'object', arrayDepth: 1, known: true };
  }
  return UNKNOWN;
}

/** Turns a string, numeric or unrecognised element type into a union of the accepted values. */
function withAcceptedValues(mapping: TypeMapping, values: readonly string[]): TypeMapping {
  let elementTs: string;
  let kind = mapping.kind;
  if (mapping.kind === 'string' || mapping.kind === 'char' || mapping.kind === 'unknown') {
    elementTs = values.map(toStringLiteral).join(' | ');
    kind = mapping.kind === 'unknown' ? 'string' : mapping.kind;
  } else if (isNumericKind(mapping.kind) && values.every((value) => /^-?\d+(\.\d+)?$/.test(value))) {
    elementTs = values.map((value) => String(Number(value))).join(' | ');
  } else {
    return mapping;
  }
  if (mapping.nullable === true) {
    elementTs = `${elementTs} | null`;
  }
  const result: TypeMapping = { ...mapping, ts: wrapArray(elementTs, mapping.arrayDepth), kind, known: true };
  return result;
}

function isNumericKind(kind: ValueKind): boolean {
  return ['sbyte', 'byte', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'single', 'double', 'decimal'].includes(kind);
}

/** Trims the values and drops empty ones and repeats that differ only in case, as `[ValidateSet()]` compares. */
function distinctValues(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed === '' || seen.has(trimmed.toLowerCase())) {
      continue;
    }
    seen.add(trimmed.toLowerCase());
    result.push(trimmed);
  }
  return result;
}

/** Writes a single-quoted TypeScript string literal. */
export function toStringLiteral(value: string): string {
  const escaped = value.replace(/[\\'\n\r\u2028\u2029]/g, (character) => {
    switch (character) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\u2028':
        return '\\u2028';
      case '\u2029':
        return '\\u2029';
      default:
        return `\\${character}`;
    }
  });
  return `'${escaped}'`;
}

function splitName(name: string): { namespace: string; simpleName: string } {
  const lower = name.toLowerCase();
  const dot = lower.lastIndexOf('.');
  return dot < 0 ? { namespace: '', simpleName: lower } : { namespace: lower.slice(0, dot), simpleName: lower.slice(dot + 1) };
}

/** Wraps a type in `depth` array levels, using `Array<...>` where `T[]` would bind wrongly. */
export function wrapArray(elementType: string, depth: number): string {
  let text = elementType;
  for (let i = 0; i < depth; i += 1) {
    text = /[\s|&]/.test(text) && !/^\{.*\}$/.test(text) ? `Array<${text}>` : `${text}[]`;
  }
  return text;
}

/**
 * Parses a .NET type name in any of the spellings help uses, or returns null when the text is
 * not a type name (such as `Integer array`).
 */
export function parseDotNetTypeName(text: string): DotNetTypeName | null {
  const reader = new TypeNameReader(text.trim());
  const type = reader.readOuter();
  return type !== null && reader.atEnd() ? type : null;
}

/** Recursive-descent reader over one type name. */
class TypeNameReader {
  #text: string;
  #position = 0;

  constructor(text: string) {
    this.#text = text;
  }

  atEnd(): boolean {
    this.#skipSpaces();
    return this.#position >= this.#text.length;
  }

  /** Reads a type, unwrapping a PowerShell type literal such as `[string[]]`. */
  readOuter(): DotNetTypeName | null {
    this.#skipSpaces();
    if (this.#peek() === '[') {
      this.#position += 1;
      const inner = this.readType();
      this.#skipSpaces();
      if (inner === null || this.#peek() !== ']') {
        return null;
      }
      this.#position += 1;
      return inner;
    }
    return this.readType();
  }

  readType(): DotNetTypeName | null {
    this.#skipSpaces();
    const name = /^[A-Za-z_][\w.+]*/.exec(this.#rest())?.[0];
    if (name === undefined) {
      return null;
    }
    this.#position += name.length;
    const type: DotNetTypeName = { name, typeArguments: [], arrayDepth: 0, nullable: false };

    // 1. Generic arity and arguments, in reflection (``List`1[T]``), C# (`List<T>`) or PowerShell (`List[T]`) form.
    const arity = /^`\d+/.exec(this.#rest())?.[0];
    if (arity !== undefined) {
      this.#position += arity.length;
    }
    this.#skipSpaces();
    if (this.#peek() === '<') {
      const args = this.#readArguments('<', '>');
      if (args === null) return null;
      type.typeArguments = args;
    } else if (this.#peek() === '[' && !/^\[\s*\]/.test(this.#rest())) {
      const args = this.#readArguments('[', ']');
      if (args === null) return null;
      type.typeArguments = args;
    }

    // 2. Suffixes: `[]` arrays and `?` nullable, in any order.
    for (;;) {
      this.#skipSpaces();
      const array = /^\[\s*\]/.exec(this.#rest())?.[0];
      if (array !== undefined) {
        this.#position += array.length;
        type.arrayDepth += 1;
      } else if (this.#peek() === '?' && type.arrayDepth === 0 && !type.nullable) {
        this.#position += 1;
        type.nullable = true;
      } else {
        return type;
      }
    }
  }

  /** Reads `open T, U close`, where each argument may be `[T, Assembly, Version=...]`. */
  #readArguments(open: string, close: string): DotNetTypeName[] | null {
    this.#position += open.length;
    const args: DotNetTypeName[] = [];
    for (;;) {
      this.#skipSpaces();
      let argument: DotNetTypeName | null;
      if (this.#peek() === '[') {
        this.#position += 1;
        argument = this.readType();
        this.#skipAssemblyName();
        if (this.#peek() !== ']') return null;
        this.#position += 1;
      } else {
        argument = this.readType();
      }
      if (argument === null) return null;
      args.push(argument);
      this.#skipSpaces();
      const next = this.#peek();
      this.#position += 1;
      if (next === close) return args;
      if (next !== ',') return null;
    }
  }

  /** Skips `, mscorlib, Version=4.0.0.0, ...` up to the closing bracket of an argument. */
  #skipAssemblyName(): void {
    this.#skipSpaces();
    if (this.#peek() !== ',') return;
    const end = this.#text.indexOf(']', this.#position);
    this.#position = end < 0 ? this.#text.length : end;
  }

  #skipSpaces(): void {
    while (this.#peek() === ' ') this.#position += 1;
  }

  #peek(): string | undefined {
    return this.#text[this.#position];
  }

  #rest(): string {
    return this.#text.slice(this.#position);
  }
}

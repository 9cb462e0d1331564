/**
 * Encoding of parameter values for the session host. Every value travels as a tagged JSON node
 * (`{ t: 'string', v: '...' }`), and the host rebuilds it with its PowerShell type, so no value
 * is ever read as code and no string is ever turned into a date.
 */
import {
  isPSCredentialValue,
  isScriptBlockValue,
  isSecureStringValue,
  revealSecureString,
} from './values.ts';
import { SessionError } from './session-errors.ts';

/** A value as the host reads it; see `ConvertFrom-WireValue` in session-host.ps1. */
export type WireValue =
  | { t: 'null' }
  | { t: 'string'; v: string }
  | { t: 'bool'; v: boolean }
  /** Decimal text, so that bigint values keep every digit; becomes Int32, Int64 or BigInteger. */
  | { t: 'int'; v: string }
  /** A number, or `NaN`, `Infinity`, `-Infinity` as text. */
  | { t: 'double'; v: number | string }
  /** ISO 8601 in UTC; becomes a DateTime of kind Utc. */
  | { t: 'date'; v: string }
  | { t: 'array'; v: WireValue[] }
  /** Key and value pairs; becomes a Hashtable, whose keys compare case-insensitively. */
  | { t: 'hashtable'; v: Array<[string, WireValue]> }
  /** Base64; becomes byte[]. */
  | { t: 'bytes'; v: string }
  | { t: 'securestring'; v: string }
  | { t: 'credential'; user: string; password: string }
  | { t: 'scriptblock'; v: string };

/**
 * Encodes the bound parameters of an invocation as name and value pairs. Parameters whose value
 * is `undefined` are left out, like absent properties.
 */
export function encodeParameters(parameters: Record<string, unknown>): Array<[string, WireValue]> {
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    throw invalid('The invocation parameters must be an object keyed by parameter name.');
  }
  const pairs: Array<[string, WireValue]> = [];
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined) {
      continue;
    }
    if (!PARAMETER_NAME.test(name)) {
      throw invalid(`The parameter name '${name}' is invalid: use the PowerShell name without the dash.`);
    }
    const other = seen.get(name.toLowerCase());
    if (other !== undefined) {
      throw invalid(`The parameters '${other}' and '${name}' are the same PowerShell parameter, because names ignore case.`);
    }
    seen.set(name.toLowerCase(), name);
    pairs.push([name, encodeValue(value, `-${name}`, new Set())]);
  }
  return pairs;
}

const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Encodes one value; `path` names it in error messages, `parents` detects cycles. */
export function encodeValue(value: unknown, path: string, parents: Set<object>): WireValue {
  switch (typeof value) {
    case 'string':
      return { t: 'string', v: checkText(value, path) };
    case 'boolean':
      return { t: 'bool', v: value };
    case 'number':
      return encodeNumber(value);
    case 'bigint':
      return { t: 'int', v: value.toString() };
    case 'undefined':
      return { t: 'null' };
    case 'object':
      return value === null ? { t: 'null' } : encodeObject(value, path, parents);
    default:
      throw invalid(`The value of ${path} is a ${typeof value}, which has no PowerShell form.`);
  }
}

function encodeNumber(value: number): WireValue {
  if (!Number.isFinite(value)) {
    return { t: 'double', v: String(value) };
  }
  if (Number.isInteger(value)) {
    return { t: 'int', v: BigInt(value).toString() };
  }
  return { t: 'double', v: value };
}

function encodeObject(value: object, path: string, parents: Set<object>): WireValue {
  // 1. Wrappers and built-in types with a fixed PowerShell form.
  if (isSecureStringValue(value)) {
    return { t: 'securestring', v: revealSecureString(value) };
  }
  if (isPSCredentialValue(value)) {
    return { t: 'credential', user: value.userName, password: revealSecureString(value.password) };
  }
  if (isScriptBlockValue(value)) {
    return { t: 'scriptblock', v: value.text };
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw invalid(`The value of ${path} is an invalid Date.`);
    }
    return { t: 'date', v: value.toISOString() };
  }
  if (value instanceof URL) {
    return { t: 'string', v: value.href };
  }
  if (value instanceof Uint8Array) {
    return { t: 'bytes', v: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }

  // 2. Containers, checked for cycles.
  if (parents.has(value)) {
    throw invalid(`The value of ${path} refers back to itself.`);
  }
  parents.add(value);
  try {
    if (Array.isArray(value)) {
      return { t: 'array', v: value.map((item, index) => encodeValue(item, `${path}[${index}]`, parents)) };
    }
    if (value instanceof Map) {
      return encodeEntries([...value.entries()], path, parents);
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype === Object.prototype || prototype === null) {
      return encodeEntries(Object.entries(value), path, parents);
    }
  } finally {
    parents.delete(value);
  }
  const typeName = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  throw invalid(
    `The value of ${path} is a ${typeName}, which has no PowerShell form. ` +
      'Pass a plain object, Map, array, Date, Uint8Array or a secureString()/credential()/scriptBlock() value.',
  );
}

function encodeEntries(entries: Array<[unknown, unknown]>, path: string, parents: Set<object>): WireValue {
  const pairs: Array<[string, WireValue]> = [];
  const seen = new Set<string>();
  for (const [key, item] of entries) {
    if (typeof key !== 'string') {
      throw invalid(`The value of ${path} has a key of type ${typeof key}; hashtable keys must be strings.`);
    }
    checkText(key, `a key of ${path}`);
    if (item === undefined) {
      continue;
    }
    const folded = key.toLowerCase();
    if (seen.has(folded)) {
      throw invalid(`The value of ${path} has the key '${key}' twice, because hashtable keys ignore case.`);
    }
    seen.add(folded);
    pairs.push([key, encodeValue(item, `${path}.${key}`, parents)]);
  }
  return { t: 'hashtable', v: pairs };
}

/** Matches a UTF-16 surrogate without its partner, which has no UTF-8 form. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkText(text: string, path: string): string {
  const match = LONE_SURROGATE.exec(text);
  if (match !== null) {
    throw invalid(`The value of ${path} is not valid Unicode: it has a lone surrogate at index ${match.index}.`);
  }
  return text;
}

function invalid(message: string): SessionError {
  return new SessionError('invalid-invocation', message);
}

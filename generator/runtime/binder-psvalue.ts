/**
 * The .NET value a JavaScript argument becomes once the runner has sent it to pwsh as JSON and
 * `ConvertFrom-Json -AsHashtable -DateKind String` has decoded it.
 */

import { PSCredentialValue, ScriptBlockValue, SecureStringValue } from './values.ts';

/** A decoded argument value. */
export type PsValue =
  | { type: 'null' }
  | { type: 'string'; value: string }
  /** Int64, or BigInteger beyond the Int64 range. */
  | { type: 'int'; value: bigint }
  | { type: 'double'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'array'; items: PsValue[] }
  | { type: 'hashtable'; size: number }
  /** A runtime wrapper that the session turns into a SecureString, PSCredential or ScriptBlock. */
  | { type: 'runtime'; kind: 'securestring' | 'credential' | 'scriptblock' };

/**
 * Returns the value pwsh receives for `value`. Integral numbers below 1e21 are written by
 * `JSON.stringify` without an exponent, so they arrive as integers; `NaN` and the infinities
 * are written as `null`.
 */
export function fromJs(value: unknown): PsValue {
  if (value === null || value === undefined) {
    return { type: 'null' };
  }
  if (typeof value === 'string') {
    return { type: 'string', value };
  }
  if (typeof value === 'boolean') {
    return { type: 'bool', value };
  }
  if (typeof value === 'bigint') {
    return { type: 'int', value };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return { type: 'null' };
    }
    if (Number.isInteger(value) && Math.abs(value) < 1e21) {
      return { type: 'int', value: BigInt(value) };
    }
    return { type: 'double', value };
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { type: 'null' } : { type: 'string', value: value.toISOString() };
  }
  if (Array.isArray(value)) {
    return { type: 'array', items: value.map((item: unknown) => fromJs(item)) };
  }
  if (value instanceof SecureStringValue) {
    return { type: 'runtime', kind: 'securestring' };
  }
  if (value instanceof PSCredentialValue) {
    return { type: 'runtime', kind: 'credential' };
  }
  if (value instanceof ScriptBlockValue) {
    return { type: 'runtime', kind: 'scriptblock' };
  }
  if (typeof value === 'object') {
    return { type: 'hashtable', size: Object.keys(value).length };
  }
  return { type: 'string', value: String(value) };
}

/** Returns the text PowerShell makes of a value (`[string]$value`). */
export function psText(value: PsValue): string {
  switch (value.type) {
    case 'null':
      return '';
    case 'string':
      return value.value;
    case 'int':
      return value.value.toString();
    case 'double':
      return dotnetDoubleText(value.value);
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'array':
      return value.items.map((item) => (item.type === 'array' ? 'System.Object[]' : psText(item))).join(' ');
    case 'hashtable':
      return 'System.Management.Automation.OrderedHashtable';
    case 'runtime':
      return RUNTIME_TYPE_NAMES[value.kind];
  }
}

const RUNTIME_TYPE_NAMES = {
  securestring: 'System.Security.SecureString',
  credential: 'System.Management.Automation.PSCredential',
  scriptblock: 'System.Management.Automation.ScriptBlock',
} as const;

/**
 * Formats a double like .NET's `Double.ToString()`: the shortest text that round-trips, in
 * exponent form (`1E+15`, `1E-05`) when the decimal exponent is at least 15 or below -5.
 */
export function dotnetDoubleText(value: number): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? '∞' : '-∞';
  }
  if (value === 0) {
    return Object.is(value, -0) ? '-0' : '0';
  }
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent >= 15 || exponent < -5) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const exponentSign = exponent < 0 ? '-' : '+';
    return `${sign}${digits[0] ?? '0'}${fraction}E${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) {
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/**
 * Checks one argument value against a parameter's type and accepted values, the way
 * PowerShell 7.6 converts and validates an argument bound to an advanced function.
 *
 * Values are what a generated call passes and the runner sends as JSON: strings, numbers
 * (integers arrive as Int64, others as Double), booleans, null, arrays and plain objects (which
 * arrive as hashtables). A `Date` is sent as its ISO text.
 */
import { BindFailure, quoted } from './binder-errors.ts';
import type { BinderKind, TableParameter } from './binder-table.ts';

/** Integer kinds with their inclusive ranges. */
const INTEGER_RANGES: ReadonlyMap<BinderKind, readonly [bigint, bigint, string]> = new Map([
  ['sbyte', [-128n, 127n, 'SByte']],
  ['byte', [0n, 255n, 'Byte']],
  ['int16', [-32768n, 32767n, 'Int16']],
  ['uint16', [0n, 65535n, 'UInt16']],
  ['int32', [-2147483648n, 2147483647n, 'Int32']],
  ['uint32', [0n, 4294967295n, 'UInt32']],
  ['int64', [-9223372036854775808n, 9223372036854775807n, 'Int64']],
  ['uint64', [0n, 18446744073709551615n, 'UInt64']],
] as const);

/**
 * Throws a `BindFailure` when `value` cannot be bound to `parameter`: a conversion failure
 * (ParameterArgumentTransformationError, or CannotConvertArgumentNoMessage for a common
 * parameter) or a ValidateSet failure (ParameterArgumentValidationError).
 */
export function checkValue(parameter: TableParameter, argument: string, value: unknown): void {
  const converted = convert(parameter, argument, value, parameter.arrayDepth);
  if (parameter.acceptedValues !== null) {
    validateSet(parameter, argument, converted);
  }
  if (parameter.minimum !== null && typeof converted === 'number' && converted < parameter.minimum) {
    fail(parameter, argument, value, 'ParameterArgumentValidationError', `a value of at least ${parameter.minimum}`);
  }
}

/** Returns the value as PowerShell would hold it after conversion, for the validation step. */
function convert(parameter: TableParameter, argument: string, value: unknown, depth: number): unknown {
  if (depth > 0) {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => convert(parameter, argument, item, depth - 1));
  }
  const result = convertScalar(parameter.kind, value);
  if (result === invalid) {
    const id = parameter.declared ? 'ParameterArgumentTransformationError' : 'CannotConvertArgumentNoMessage';
    fail(parameter, argument, value, id, typeLabel(parameter.kind));
  }
  return result;
}

const invalid: unique symbol = Symbol('invalid');

function convertScalar(kind: BinderKind, value: unknown): unknown {
  if (value instanceof Date) {
    return convertScalar(kind, value.toISOString());
  }
  const range = INTEGER_RANGES.get(kind);
  if (range !== undefined) {
    return convertInteger(value, range[0], range[1]);
  }
  switch (kind) {
    case 'string':
      return Array.isArray(value) ? value.map((item) => textOf(item)).join(' ') : textOf(value);
    case 'boolean':
    case 'switch':
      if (typeof value === 'boolean') {
        return value;
      }
      if (typeof value === 'number' || typeof value === 'bigint') {
        return Number(value) !== 0;
      }
      return invalid;
    case 'single':
    case 'double':
    case 'decimal':
      return convertNumber(value);
    case 'hashtable':
      return isPlainObject(value) ? value : invalid;
    default:
      return value;
  }
}

function convertInteger(value: unknown, minimum: bigint, maximum: bigint): unknown {
  let integer: bigint;
  if (typeof value === 'bigint') {
    integer = value;
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return invalid;
    }
    integer = BigInt(roundHalfEven(value));
  } else if (typeof value === 'boolean') {
    integer = value ? 1n : 0n;
  } else if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!/^[+-]?\d+$/.test(trimmed)) {
      return invalid;
    }
    integer = BigInt(trimmed);
  } else {
    return invalid;
  }
  return integer >= minimum && integer <= maximum ? Number(integer) : invalid;
}

function convertNumber(value: unknown): unknown {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : invalid;
  }
  if (typeof value === 'bigint') {
    return Number(value);
  }
  if (typeof value === 'boolean') {
    return value ? 1 : 0;
  }
  if (typeof value === 'string') {
    const parsed = Number(value.trim());
    return value.trim() !== '' && Number.isFinite(parsed) ? parsed : invalid;
  }
  return invalid;
}

/** Rounds to the nearest integer, ties to even, as .NET converts Double to an integer type. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) {
    return floor + 1;
  }
  if (fraction < 0.5) {
    return floor;
  }
  return floor % 2 === 0 ? floor : floor + 1;
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (isPlainObject(value)) {
    return 'System.Collections.Hashtable';
  }
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Compares each element's text with the accepted values, ignoring case, like `[ValidateSet()]`. */
function validateSet(parameter: TableParameter, argument: string, converted: unknown): void {
  const accepted = parameter.acceptedValues;
  if (accepted === null) {
    return;
  }
  const elements = flatten(converted);
  for (const element of elements) {
    if (element === null || element === undefined || !accepted.has(textOf(element).toLowerCase())) {
      fail(parameter, argument, element, 'ParameterArgumentValidationError', `one of ${quoted(parameter.acceptedList)}`);
    }
  }
}

function flatten(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap((item) => flatten(item)) : [value];
}

function typeLabel(kind: BinderKind): string {
  const range = INTEGER_RANGES.get(kind);
  if (range !== undefined) {
    return `an integer from ${range[0]} to ${range[1]} (${range[2]})`;
  }
  return kind;
}

function fail(parameter: TableParameter, argument: string, value: unknown, id: 'ParameterArgumentValidationError' | 'ParameterArgumentTransformationError' | 'CannotConvertArgumentNoMessage', expected: string): never {
  const actual = describe(value);
  const what = id === 'ParameterArgumentValidationError' ? 'is not valid for' : 'cannot be converted for';
  throw new BindFailure({
    id,
    message: `The value ${actual} ${what} parameter -${parameter.name}: it takes ${expected}.`,
    argument,
    parameter: parameter.name,
    expected,
    actual,
  });
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    return `'${value}'`;
  }
  if (typeof value === 'bigint') {
    return value.toString();
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

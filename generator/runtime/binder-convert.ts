/**
 * Conversion of one decoded value to a scalar parameter type, following what PowerShell 7.6.10
 * accepts when it binds an argument to a typed parameter of an advanced function.
 */
import type { BinderKind } from './binder-table.ts';
import { psText, type PsValue } from './binder-psvalue.ts';

/** A converted value: what validation attributes see. Hashtables and untyped values stay decoded. */
export type Converted = null | string | number | bigint | boolean | PsValue | Converted[];

/** Marks a value the type cannot take. */
export const invalid: unique symbol = Symbol('invalid');

type Result = Converted | typeof invalid;

interface IntegerType {
  minimum: bigint;
  maximum: bigint;
  bits: number;
}

const INTEGER_TYPES: ReadonlyMap<BinderKind, IntegerType> = new Map<BinderKind, IntegerType>([
  ['sbyte', { minimum: -128n, maximum: 127n, bits: 8 }],
  ['byte', { minimum: 0n, maximum: 255n, bits: 8 }],
  ['int16', { minimum: -32768n, maximum: 32767n, bits: 16 }],
  ['uint16', { minimum: 0n, maximum: 65535n, bits: 16 }],
  ['int32', { minimum: -2147483648n, maximum: 2147483647n, bits: 32 }],
  ['uint32', { minimum: 0n, maximum: 4294967295n, bits: 32 }],
  ['int64', { minimum: -9223372036854775808n, maximum: 9223372036854775807n, bits: 64 }],
  ['uint64', { minimum: 0n, maximum: 18446744073709551615n, bits: 64 }],
]);

const INT64: IntegerType = { minimum: -9223372036854775808n, maximum: 9223372036854775807n, bits: 64 };

/** Largest DateTime in ticks (9999-12-31T23:59:59.9999999). */
const MAX_DATETIME_TICKS = 3155378975999999999;

/** Largest Decimal magnitude. */
const MAX_DECIMAL = 79228162514264337593543950335;

/**
 * Converts `input` to one value of `kind`. `topLevel` is false for an element of an array
 * parameter: there an array element becomes text for a string element, while an array given
 * to a scalar parameter is always rejected (except for untyped parameters).
 */
export function convertScalar(kind: BinderKind | 'loose-boolean', input: PsValue, topLevel: boolean): Result {
  if (kind === 'loose-boolean') {
    return looseBoolean(input);
  }
  if (input.type === 'array' && kind !== 'object' && kind !== 'unknown') {
    return kind === 'string' && !topLevel ? psText(input) : invalid;
  }
  const integerType = INTEGER_TYPES.get(kind);
  if (integerType !== undefined) {
    return toInteger(input, integerType);
  }
  switch (kind) {
    case 'string':
      return psText(input);
    case 'char':
      return toChar(input);
    case 'boolean':
      if (input.type === 'bool') {
        return input.value;
      }
      if (input.type === 'int' || input.type === 'double') {
        return input.value != 0;
      }
      return invalid;
    case 'switch':
      if (input.type === 'bool') {
        return input.value;
      }
      return input.type === 'null' ? false : invalid;
    case 'single':
    case 'double':
    case 'decimal':
      return toReal(input, kind);
    case 'datetime':
      return toDateTime(input);
    case 'timespan':
      return toTimeSpan(input);
    case 'guid':
      if (isEmptyHashtable(input)) {
        return '00000000-0000-0000-0000-000000000000';
      }
      return input.type === 'string' && isGuidText(input.value) ? input.value.trim().toLowerCase() : invalid;
    case 'uri':
      if (input.type === 'null') {
        return null;
      }
      return input.type === 'string' || input.type === 'int' || input.type === 'double' ? psText(input) : invalid;
    case 'hashtable':
      if (input.type === 'null') {
        return null;
      }
      return input.type === 'hashtable' ? input : invalid;
    case 'securestring':
    case 'scriptblock':
    case 'credential':
      // These types have no JSON form: the caller passes the runtime wrapper of the same kind,
      // which the session rebuilds in pwsh. A string given for a PSCredential would make pwsh
      // prompt for a password, which fails in a non-interactive session.
      if (input.type === 'runtime') {
        return input.kind === kind ? input : invalid;
      }
      return input.type === 'null' ? null : invalid;
    default:
      return untyped(input);
  }
}

/** Converts to Boolean by PowerShell's general rules: empty text, 0 and null are false. */
function looseBoolean(input: PsValue): Result {
  switch (input.type) {
    case 'null':
      return false;
    case 'bool':
      return input.value;
    case 'string':
      return input.value.length > 0;
    case 'int':
    case 'double':
      return input.value != 0;
    case 'hashtable':
      return true;
    default:
      return invalid;
  }
}

function untyped(input: PsValue): Converted {
  if (input.type === 'null') {
    return null;
  }
  if (input.type === 'array') {
    return input.items.map((item) => untyped(item));
  }
  return input;
}

function isEmptyHashtable(input: PsValue): boolean {
  return input.type === 'hashtable' && input.size === 0;
}

function toChar(input: PsValue): Result {
  if (input.type === 'null') {
    return '\0';
  }
  if (input.type === 'string') {
    return input.value.length === 1 ? input.value : invalid;
  }
  if (input.type === 'int' && input.value >= 0n && input.value <= 65535n) {
    return String.fromCharCode(Number(input.value));
  }
  return invalid;
}

function toInteger(input: PsValue, type: IntegerType): Result {
  let value: bigint;
  switch (input.type) {
    case 'null':
      return 0;
    case 'bool':
      return input.value ? 1 : 0;
    case 'int':
      value = input.value;
      break;
    case 'double': {
      const rounded = roundHalfEven(input.value);
      if (rounded === null) {
        return invalid;
      }
      value = rounded;
      break;
    }
    case 'string': {
      const parsed = parseNumberText(input.value, type);
      if (parsed === null) {
        return invalid;
      }
      if (typeof parsed === 'bigint') {
        value = parsed;
      } else {
        const rounded = roundHalfEven(parsed);
        if (rounded === null) {
          return invalid;
        }
        value = rounded;
      }
      break;
    }
    default:
      return invalid;
  }
  return value >= type.minimum && value <= type.maximum ? value : invalid;
}

function toReal(input: PsValue, kind: 'single' | 'double' | 'decimal'): Result {
  let value: number;
  switch (input.type) {
    case 'null':
      return 0;
    case 'bool':
      return input.value ? 1 : 0;
    case 'int':
      value = Number(input.value);
      break;
    case 'double':
      value = input.value;
      break;
    case 'string': {
      const parsed = parseNumberText(input.value, INT64, kind === 'decimal');
      if (parsed === null) {
        return invalid;
      }
      value = Number(parsed);
      break;
    }
    case 'hashtable':
      return kind === 'decimal' && input.size === 0 ? 0 : invalid;
    default:
      return invalid;
  }
  if (kind === 'decimal' && !(Math.abs(value) <= MAX_DECIMAL)) {
    return invalid;
  }
  return value;
}

function toDateTime(input: PsValue): Result {
  switch (input.type) {
    case 'string':
      return isDateTimeText(input.value) ? input.value : invalid;
    case 'int':
    case 'double': {
      const ticks = Number(input.value);
      return ticks >= 0 && ticks <= MAX_DATETIME_TICKS ? psText(input) : invalid;
    }
    case 'hashtable':
      return input.size === 0 ? '01/01/0001 00:00:00' : invalid;
    default:
      return invalid;
  }
}

function toTimeSpan(input: PsValue): Result {
  switch (input.type) {
    case 'string':
      return isTimeSpanText(input.value) ? input.value.trim() : invalid;
    case 'int':
      return input.value >= INT64.minimum && input.value <= INT64.maximum ? input.value : invalid;
    case 'hashtable':
      return input.size === 0 ? '00:00:00' : invalid;
    default:
      return invalid;
  }
}

/** Rounds to the nearest integer, ties to even, as .NET converts a Double to an integer type. */
function roundHalfEven(value: number): bigint | null {
  if (!Number.isFinite(value)) {
    return null;
  }
  const floor = Math.floor(value);
  const fraction = value - floor;
  let rounded = floor;
  if (fraction > 0.5 || (fraction === 0.5 && floor % 2 !== 0)) {
    rounded = floor + 1;
  }
  return BigInt(rounded);
}

const MULTIPLIERS: ReadonlyMap<string, bigint> = new Map([
  ['kb', 1024n],
  ['mb', 1024n ** 2n],
  ['gb', 1024n ** 3n],
  ['tb', 1024n ** 4n],
  ['pb', 1024n ** 5n],
]);

const LITERAL =
  /^([+-]?)(?:0x([0-9a-f]*)|0b([01]+)|((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?))(uy|us|ul|y|s|l|u|n|d)?(kb|mb|gb|tb|pb)?$/i;

/**
 * Parses number text the way PowerShell converts a string to a number. It tries a PowerShell
 * numeric literal first: hex `0x`, binary `0b`, an exponent, type suffixes such as `l` or `d`,
 * and multipliers `kb` to `pb`. Then it tries invariant-culture number text with thousands
 * separators. Empty text is 0. Returns a bigint for an integer, a number for a real, or null.
 *
 * NOTE: a type suffix is accepted without checking that the number fits the suffix type.
 */
export function parseNumberText(text: string, target: IntegerType, trailingSign = false): bigint | number | null {
  const trimmed = text.trim();
  if (trimmed === '') {
    return 0n;
  }

  const literal = LITERAL.exec(trimmed);
  if (literal !== null) {
    const [, sign = '', hex, binary, decimal, , multiplierText] = literal;
    const multiplier = multiplierText === undefined ? 1n : (MULTIPLIERS.get(multiplierText.toLowerCase()) ?? 1n);
    const negative = sign === '-';
    if (hex !== undefined || binary !== undefined) {
      const digits = hex !== undefined ? hex : (binary ?? '');
      const magnitude = digits === '' ? 0n : BigInt(hex !== undefined ? `0x${digits}` : `0b${digits}`);
      const value = wrapToTarget(magnitude, target);
      if (value === null) {
        return null;
      }
      return (negative ? -value : value) * multiplier;
    }
    if (decimal !== undefined) {
      if (/^\d+$/.test(decimal)) {
        const value = BigInt(decimal) * multiplier;
        return negative ? -value : value;
      }
      const value = Number(decimal) * Number(multiplier);
      return negative ? -value : value;
    }
  }
  if (!trailingSign && /^[+-]?(infinity|nan|∞)$/i.test(trimmed)) {
    return trimmed.startsWith('-') ? -Infinity : trimmed.toLowerCase().includes('nan') ? NaN : Infinity;
  }

  const grouped = trailingSign ? /^([+-]?)(\d[\d,]*)(\.\d*)?([+-]?)$/.exec(trimmed) : /^([+-]?)(\d[\d,]*)(\.\d*)?()$/.exec(trimmed);
  if (grouped !== null) {
    const [, leading = '', whole = '', fraction = '', trailing = ''] = grouped;
    if (leading !== '' && trailing !== '') {
      return null;
    }
    const negative = leading === '-' || trailing === '-';
    const digits = whole.replace(/,/g, '');
    if (fraction === '' || fraction === '.') {
      const value = BigInt(digits);
      return negative ? -value : value;
    }
    const value = Number(`${digits}${fraction}`);
    return negative ? -value : value;
  }
  return null;
}

/**
 * Reads hex or binary digits as a value of the target integer width, so that `0xFFFFFFFF` is
 * -1 for Int32 but 4294967295 for UInt64; digits wider than the type are rejected.
 */
function wrapToTarget(magnitude: bigint, target: IntegerType): bigint | null {
  const width = BigInt(target.bits);
  if (magnitude >= 1n << width) {
    return null;
  }
  if (target.minimum < 0n && magnitude > target.maximum) {
    return magnitude - (1n << width);
  }
  return magnitude;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Accepts date and time text that `DateTime.Parse` reads in the invariant culture: ISO 8601
 * dates with an optional time and zone, `M/d[/yyyy]` and `M.d[.yyyy]` dates, and times of day.
 *
 * NOTE: this covers the common forms only, so month names and other forms that .NET also
 * reads are rejected here.
 */
function isDateTimeText(text: string): boolean {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i.exec(trimmed);
  if (iso !== null) {
    return validDate(Number(iso[2]), Number(iso[3]), Number(iso[1])) && validTime(iso[4], iso[5], iso[6]);
  }
  const dated = /^(\d{1,2})([/.,-])(\d{1,2})(?:\2(\d{1,4}))?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(trimmed);
  if (dated !== null) {
    const year = dated[4] === undefined ? 2000 : Number(dated[4]);
    return validDate(Number(dated[1]), Number(dated[3]), year) && validTime(dated[5], dated[6], dated[7]);
  }
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?$/.exec(trimmed);
  return time !== null && validTime(time[1], time[2], time[3]);
}

function validDate(month: number, day: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1) {
    return false;
  }
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 31);
  return day <= days;
}

function validTime(hours: string | undefined, minutes: string | undefined, seconds: string | undefined): boolean {
  return Number(hours ?? 0) <= 23 && Number(minutes ?? 0) <= 59 && Number(seconds ?? 0) <= 59;
}

/** Accepts `TimeSpan.Parse` text: `[-]d` or `[-][d.]hh:mm[:ss[.fffffff]]`. */
function isTimeSpanText(text: string): boolean {
  const match = /^-?(?:(\d+)|(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d{1,7})?)?)$/.exec(text.trim());
  if (match === null) {
    return false;
  }
  const days = Number(match[1] ?? match[2] ?? 0);
  return days <= 10675199 && Number(match[3] ?? 0) <= 23 && Number(match[4] ?? 0) <= 59 && Number(match[5] ?? 0) <= 59;
}

/** Accepts the Guid formats `Guid.Parse` reads: 32 digits, plain, in braces or in parentheses. */
function isGuidText(text: string): boolean {
  const trimmed = text.trim();
  return (
    /^[0-9a-f]{32}$/i.test(trimmed) ||
    /^([({]?)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}([)}]?)$/i.test(trimmed) &&
      ['', '{}', '()'].includes(`${/^[({]/.exec(trimmed)?.[0] ?? ''}${/[)}]$/.exec(trimmed)?.[0] ?? ''}`)
  );
}

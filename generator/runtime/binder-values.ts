/**
 * Checks one argument value against a parameter's type and accepted values, the way
 * PowerShell 7.6.10 converts and validates an argument bound to an advanced function. The rules
 * were taken from pwsh runs, one call per type and value, not from documentation.
 *
 * Values are what a generated call passes and the runner sends as JSON, decoded by
 * `ConvertFrom-Json -AsHashtable -DateKind String`. Integral numbers arrive as Int64 (BigInteger
 * beyond its range) and other numbers as Double. Objects arrive as hashtables, arrays as
 * `Object[]`, and a `Date` as its ISO text.
 */
import { BindFailure, quoted, type BindErrorId } from './binder-errors.ts';
import type { BinderKind, TableParameter } from './binder-table.ts';
import { fromJs, psText, type PsValue } from './binder-psvalue.ts';
import { convertScalar, invalid, type Converted } from './binder-convert.ts';

/**
 * Throws a `BindFailure` when `value` cannot be bound to `parameter`, with the error id pwsh
 * raises: a conversion failure, a validation failure (ValidateSet, and the range and variable
 * name checks of the common parameters), or a null or empty value for a parameter that is
 * mandatory in some set.
 */
export function checkValue(parameter: TableParameter, argument: string, value: unknown): void {
  const input = fromJs(value);

  // 1. Type conversion.
  const converted = parameter.declared ? convertDeclared(parameter, input) : convertCommon(parameter, input);
  if (converted.error !== undefined) {
    fail(parameter, argument, input, converted.error, typeLabel(parameter));
  }

  // 2. Validation attributes.
  if (parameter.acceptedValues !== null) {
    validateSet(parameter, argument, converted.value);
  }
  if (!parameter.declared) {
    validateCommon(parameter, argument, input, converted.value);
  }

  // 3. Null and empty checks, only for a parameter that is mandatory in some set.
  if (parameter.mandatoryInSomeSet) {
    checkNotEmpty(parameter, argument, input, converted.value);
  }
}

interface Conversion {
  value: Converted;
  error?: BindErrorId;
}

/** Converts to a declared parameter's type: scalar kinds, or arrays of them. */
function convertDeclared(parameter: TableParameter, input: PsValue): Conversion {
  if (parameter.nullable && input.type === 'null') {
    // Observed on pwsh 7.6.10: a null Nullable<bool> is bound as false, other nullables as null.
    return { value: parameter.kind === 'boolean' ? false : null };
  }
  // The binder's strict Boolean rules cover Boolean and Boolean[] only. A Boolean[][] element
  // is converted by PowerShell's general rules, which read any non-empty string as true.
  const kind = parameter.kind === 'boolean' && parameter.arrayDepth > 1 ? 'loose-boolean' : parameter.kind;
  const value = convertToDepth(kind, parameter.arrayDepth, input, true);
  if (value === invalid) {
    return { value: null, error: 'ParameterArgumentTransformationError' };
  }
  return { value };
}

function convertToDepth(kind: BinderKind | 'loose-boolean', depth: number, input: PsValue, topLevel: boolean): Converted | typeof invalid {
  if (depth === 0) {
    return convertScalar(kind, input, topLevel);
  }
  if (input.type === 'null') {
    // Observed on pwsh 7.6.10: Boolean[] rejects null as Boolean does; other arrays stay null.
    return kind === 'boolean' && depth === 1 ? invalid : null;
  }
  if (kind === 'char' && depth === 1 && input.type === 'string') {
    // A string converts to Char[] as its characters.
    return [...input.value];
  }
  const items = input.type === 'array' ? input.items : [input];
  const result: Converted[] = [];
  for (const item of items) {
    const converted = convertToDepth(kind, depth - 1, item, false);
    if (converted === invalid) {
      return invalid;
    }
    result.push(converted);
  }
  return result;
}

/**
 * Converts a common parameter's value. These parameters belong to the compiled common
 * parameter class, so a failure is CannotConvertArgumentNoMessage, or CannotConvertArgument for
 * an array given to a scalar, as for a compiled cmdlet.
 */
function convertCommon(parameter: TableParameter, input: PsValue): Conversion {
  if (parameter.kind === 'actionpreference') {
    return convertActionPreference(input);
  }
  if (parameter.kind === 'switch') {
    switch (input.type) {
      case 'null':
        return { value: false };
      case 'bool':
        return { value: input.value };
      case 'int':
      case 'double':
        return { value: input.value != 0 };
      default:
        return { value: null, error: 'CannotConvertArgument' };
    }
  }
  if (input.type === 'array') {
    return { value: null, error: 'CannotConvertArgument' };
  }
  if (parameter.kind === 'variablename') {
    if (input.type === 'hashtable') {
      return { value: null, error: 'CannotConvertArgument' };
    }
    return { value: input.type === 'null' ? null : psText(input) };
  }
  const value = convertScalar(parameter.kind, input, true);
  return value === invalid ? { value: null, error: 'CannotConvertArgumentNoMessage' } : { value };
}

const ACTION_PREFERENCES: readonly string[] = [
  'SilentlyContinue', 'Stop', 'Continue', 'Inquire', 'Ignore', 'Suspend', 'Break',
];

/** Value of ActionPreference.Suspend, which the `-*Action` parameters reject after conversion. */
const SUSPEND = 5;

/**
 * Converts to ActionPreference like PowerShell's enum conversion: a decimal number, or names
 * ignoring case in a comma list whose values are OR-ed. The result must be a defined value. An array is joined
 * with commas first, and an empty hashtable gives the default value.
 */
function convertActionPreference(input: PsValue): Conversion {
  const failed: Conversion = { value: null, error: 'CannotConvertArgumentNoMessage' };
  let number: number;
  switch (input.type) {
    case 'null':
      return { value: null, error: 'ParameterBindingFailed' };
    case 'int':
      number = Number(input.value);
      break;
    case 'hashtable':
      if (input.size !== 0) {
        return failed;
      }
      number = 0;
      break;
    case 'string': {
      const parsed = parseEnumText(input.value, ACTION_PREFERENCES);
      if (parsed === null) {
        return failed;
      }
      number = parsed;
      break;
    }
    case 'array': {
      // Each element converts on its own and the values are OR-ed; an empty array is invalid.
      const parsed = input.items.length === 0 ? null : enumFromArray(input.items);
      if (parsed === null) {
        return failed;
      }
      number = parsed;
      break;
    }
    default:
      return failed;
  }
  if (!Number.isInteger(number) || number < 0 || number >= ACTION_PREFERENCES.length) {
    return failed;
  }
  if (number === SUSPEND) {
    return { value: null, error: 'ParameterBindingFailed' };
  }
  return { value: ACTION_PREFERENCES[number] ?? null };
}

/** Converts and ORs the elements of an array given for an ActionPreference. */
function enumFromArray(items: PsValue[]): number | null {
  let result = 0;
  for (const item of items) {
    let value: number | null = null;
    if (item.type === 'int') {
      value = Number(item.value);
    } else if (item.type === 'string') {
      value = parseEnumText(item.value, ACTION_PREFERENCES);
    } else if (item.type === 'array') {
      value = item.items.length === 0 ? null : enumFromArray(item.items);
    } else if (item.type === 'hashtable' && item.size === 0) {
      value = 0;
    }
    if (value === null) {
      return null;
    }
    result |= value;
  }
  return result;
}

/** Reads enum text: a whole decimal number, or one or more names (ignoring case) joined by commas. */
function parseEnumText(text: string, names: readonly string[]): number | null {
  const trimmed = text.trim();
  if (/^[+-]?\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  let result = 0;
  for (const part of text.split(',')) {
    const index = names.findIndex((name) => name.toLowerCase() === part.trim().toLowerCase());
    if (index < 0) {
      return null;
    }
    result |= index;
  }
  return result;
}

/** Scope qualifiers a variable name may carry, as `ValidateVariableName` accepts them. */
const VARIABLE_SCOPES: ReadonlySet<string> = new Set(['global', 'local', 'private', 'script', 'variable']);

function validateCommon(parameter: TableParameter, argument: string, input: PsValue, converted: Converted): void {
  if (parameter.minimum !== null) {
    // ValidateRange rejects null before the conversion to Int32 would turn it into 0.
    const below = typeof converted === 'bigint' && converted < BigInt(parameter.minimum);
    if (input.type === 'null' || below) {
      fail(parameter, argument, input, 'ParameterArgumentValidationError', `an integer of at least ${parameter.minimum}`);
    }
  }
  if (parameter.kind === 'variablename' && typeof converted === 'string') {
    const name = converted.startsWith('+') ? converted.slice(1) : converted;
    const colon = name.indexOf(':');
    const scope = colon > 0 ? name.slice(0, colon).toLowerCase() : null;
    if (name === '' || (scope !== null && !VARIABLE_SCOPES.has(scope))) {
      fail(parameter, argument, input, 'ParameterArgumentValidationError', 'a variable name, optionally with a scope such as global:');
    }
  }
}

/** Compares each element's text with the accepted values, ignoring case, like `[ValidateSet()]`. */
function validateSet(parameter: TableParameter, argument: string, converted: Converted): void {
  const accepted = parameter.acceptedValues;
  if (accepted === null) {
    return;
  }
  // Only the top level is enumerated: a nested array is one element, whose text is its type name.
  const elements = Array.isArray(converted) ? converted : [converted];
  for (const element of elements) {
    if (element === null || !accepted.has(convertedText(element).toLowerCase())) {
      const expected = `one of ${quoted(parameter.acceptedList)}`;
      fail(parameter, argument, element === null ? { type: 'null' } : { type: 'string', value: convertedText(element) }, 'ParameterArgumentValidationError', expected);
    }
  }
}

function convertedText(value: Converted): string {
  if (value === null) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return 'System.Object[]';
  }
  return psText(value);
}

/**
 * PowerShell's checks for a parameter that is mandatory in some set: no null, no empty string
 * (for strings and string arrays), no empty array.
 */
function checkNotEmpty(parameter: TableParameter, argument: string, input: PsValue, converted: Converted): void {
  const isString = parameter.kind === 'string';
  if (converted === null && parameter.kind === 'credential' && parameter.arrayDepth === 0) {
    // NOTE: observed on pwsh 7.6.10: null for a mandatory PSCredential parameter fails in the
    // type transformation, not in the null check.
    fail(parameter, argument, input, 'ParameterArgumentTransformationError', typeLabel(parameter));
  }
  if (converted === null) {
    if (isString && parameter.arrayDepth === 0) {
      fail(parameter, argument, input, 'ParameterArgumentValidationErrorEmptyStringNotAllowed', 'a non-empty string');
    }
    fail(parameter, argument, input, 'ParameterArgumentValidationErrorNullNotAllowed', 'a value other than null');
  }
  if (isString && parameter.arrayDepth <= 1) {
    const strings = Array.isArray(converted) ? converted : [converted];
    if (strings.some((item) => item === '' || item === null)) {
      fail(parameter, argument, input, 'ParameterArgumentValidationErrorEmptyStringNotAllowed', 'a non-empty string');
    }
  }
  if (Array.isArray(converted) && converted.some((item) => item === null)) {
    fail(parameter, argument, input, 'ParameterArgumentValidationErrorNullNotAllowed', 'an array without null elements');
  }
  if (parameter.arrayDepth > 0 && Array.isArray(converted) && converted.length === 0) {
    fail(parameter, argument, input, 'ParameterArgumentValidationErrorEmptyArrayNotAllowed', 'a non-empty array');
  }
}

function typeLabel(parameter: TableParameter): string {
  const element = KIND_LABELS.get(parameter.kind) ?? parameter.kind;
  return parameter.arrayDepth === 0 ? element : `${element}${'[]'.repeat(parameter.arrayDepth)}`;
}

const KIND_LABELS: ReadonlyMap<BinderKind, string> = new Map<BinderKind, string>([
  ['string', 'String'], ['char', 'Char (one character or a code from 0 to 65535)'],
  ['boolean', 'Boolean ($true, $false or a number)'], ['switch', 'SwitchParameter (true or false)'],
  ['sbyte', 'SByte (-128 to 127)'], ['byte', 'Byte (0 to 255)'], ['int16', 'Int16 (-32768 to 32767)'],
  ['uint16', 'UInt16 (0 to 65535)'], ['int32', 'Int32 (-2147483648 to 2147483647)'],
  ['uint32', 'UInt32 (0 to 4294967295)'], ['int64', 'Int64'], ['uint64', 'UInt64 (not negative)'],
  ['single', 'Single'], ['double', 'Double'], ['decimal', 'Decimal'], ['datetime', 'DateTime'],
  ['timespan', 'TimeSpan'], ['guid', 'Guid'], ['uri', 'Uri'], ['hashtable', 'Hashtable'],
  ['scriptblock', 'ScriptBlock'], ['securestring', 'SecureString'], ['credential', 'PSCredential'],
  ['actionpreference', `ActionPreference (${ACTION_PREFERENCES.filter((_, i) => i !== SUSPEND).join(', ')})`],
  ['variablename', 'a variable name'],
]);

function fail(parameter: TableParameter, argument: string, value: PsValue, id: BindErrorId, expected: string): never {
  const actual = describe(value);
  const problem =
    id === 'ParameterArgumentTransformationError' || id.startsWith('CannotConvert') || id === 'ParameterBindingFailed'
      ? `cannot be converted to the type of parameter -${parameter.name}`
      : id === 'ParameterArgumentValidationErrorEmptyStringNotAllowed'
        ? `is empty, and mandatory parameter -${parameter.name} does not allow that`
        : id === 'ParameterArgumentValidationErrorNullNotAllowed'
          ? `is null, and mandatory parameter -${parameter.name} does not allow that`
          : id === 'ParameterArgumentValidationErrorEmptyArrayNotAllowed'
            ? `is an empty array, and mandatory parameter -${parameter.name} does not allow that`
            : `is not valid for parameter -${parameter.name}`;
  throw new BindFailure({
    id,
    message: `The value ${actual} ${problem}. Pass ${expected}.`,
    argument,
    parameter: parameter.name,
    expected,
    actual,
  });
}

function describe(value: PsValue): string {
  switch (value.type) {
    case 'null':
      return 'null';
    case 'string':
      return `'${value.value}'`;
    case 'array':
      return `[${value.items.map((item) => describe(item)).join(', ')}]`;
    case 'hashtable':
      return 'a hashtable';
    default:
      return psText(value);
  }
}

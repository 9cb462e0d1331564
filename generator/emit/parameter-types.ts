import { mapDotNetType } from '../model/dotnet-types.ts';
import { ALL_PARAMETER_SETS, type CommandModel, type ParameterModel, type ParameterSetMembership } from '../model/types.ts';

/**
 * Makes the property key of a parameter: the PowerShell name with its leading capitals lowered
 * (`CallId` gives `callId`, `IPAddress` gives `ipAddress`). Every other character is kept, so the
 * key still equals the PowerShell name when compared ignoring case, which is how the runtime
 * binder matches it back.
 */
export function parameterKey(name: string): string {
  const leadingCapitals = /^\p{Lu}+/u.exec(name)?.[0] ?? '';
  if (leadingCapitals.length <= 1 || leadingCapitals.length === name.length) {
    return name.charAt(0).toLowerCase() + name.slice(1);
  }
  const lowered = /\p{Ll}/u.test(name.charAt(leadingCapitals.length)) ? leadingCapitals.length - 1 : leadingCapitals.length;
  return name.slice(0, lowered).toLowerCase() + name.slice(lowered);
}

/**
 * Maps the parameter's .NET type to the TypeScript type of its value and reports whether the
 * type was recognised. A one-level array also takes a single element (`string | string[]`),
 * because PowerShell wraps a single value given to an array parameter.
 */
export function parameterValueType(parameter: ParameterModel): { ts: string; known: boolean; isSwitch: boolean } {
  const mapping = mapDotNetType(parameter.type, parameter.acceptedValues);
  const ts = mapping.arrayDepth === 1 ? withSingleElement(mapping.ts) : mapping.ts;
  return { ts, known: mapping.known, isSwitch: mapping.kind === 'switch' };
}

/** Turns `T[]` or `Array<T>` into `T | T[]`; other types are returned as they are. */
export function withSingleElement(arrayType: string): string {
  const generic = /^Array<(.*)>$/.exec(arrayType);
  const element = generic ? generic[1]! : arrayType.endsWith('[]') ? arrayType.slice(0, -2) : null;
  if (element === null || element.endsWith('[]') || /^Array</.test(element)) return arrayType;
  return `${element} | ${arrayType}`;
}

/** Returns the entry of `parameter` that applies to set `set`: its own entry, else its all-sets entry. */
export function membershipIn(parameter: ParameterModel, set: string): ParameterSetMembership | undefined {
  return parameter.sets.find((entry) => entry.set === set) ?? parameter.sets.find((entry) => entry.set === ALL_PARAMETER_SETS);
}

/** Sets to emit one interface for: the documented sets, or one all-sets group when there are none. */
export function emittedSets(command: CommandModel): string[] {
  const names = command.parameterSets.map((set) => set.name).filter((name) => name !== ALL_PARAMETER_SETS);
  return names.length > 0 ? names : [ALL_PARAMETER_SETS];
}

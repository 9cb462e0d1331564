/**
 * Seeded random calls for one command, built with fast-check: subsets of its parameters,
 * written as canonical names, camelCase, odd letter case, aliases, prefixes and misspellings,
 * with values inside and outside each parameter's type and accepted values.
 */
import fc from 'fast-check';
import type { CommandMetadata, ParameterMetadata } from '../../../generator/runtime/metadata.ts';
import { valuePool, commonValuePool } from './values.ts';

/** One call: argument names as a caller writes them, with their values, in order. */
export type CallArguments = Array<[string, unknown]>;

/** Names and aliases of the common parameters, as a caller may write them. */
const COMMON_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['Verbose', 'vb'], ['Debug', 'db'], ['ErrorAction', 'ea'], ['WarningAction', 'wa'],
  ['InformationAction', 'infa'], ['ProgressAction', 'proga'], ['ErrorVariable', 'ev'],
  ['WarningVariable', 'wv'], ['InformationVariable', 'iv'], ['OutVariable', 'ov'],
  ['OutBuffer', 'ob'], ['PipelineVariable', 'pv'],
];

const SHOULD_PROCESS_NAMES: ReadonlyArray<readonly [string, string]> = [['WhatIf', 'wi'], ['Confirm', 'cf']];

/** Names no parameter has, including names of `Object.prototype` members. */
const UNKNOWN_NAMES = ['Bogus', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'Zzz'];

/** Builds the fast-check arbitrary of calls for one command. */
export function callArbitrary(metadata: CommandMetadata): fc.Arbitrary<CallArguments> {
  const targets = metadata.sets.length === 0 ? [-1] : [-1, ...metadata.sets.map((_, index) => index)];
  return fc.constantFrom(...targets).chain((target) => callForTarget(metadata, target));
}

/** Returns `count` calls for `metadata`, the same ones for the same seed. */
export function sampleCalls(metadata: CommandMetadata, count: number, seed: number): CallArguments[] {
  return fc.sample(callArbitrary(metadata), { seed, numRuns: count });
}

/**
 * Picks arguments with a bias towards one set (`target`, or -1 for none). Its mandatory
 * parameters are usually given and its optional ones often, so that many calls bind. Other
 * parameters, common parameters, unknown names and repeats come in now and then.
 */
function callForTarget(metadata: CommandMetadata, target: number): fc.Arbitrary<CallArguments> {
  const declared = metadata.parameters.map((parameter) => {
    const weight = includeWeight(parameter, target);
    return weighted(entryArbitrary(parameter), weight);
  });
  const common = (metadata.cmdletBinding ? commonNames(metadata) : shouldProcessNames(metadata)).map(([name, alias]) =>
    weighted(fc.tuple(fc.constantFrom(...nameForms(name, [alias], false)), fc.constantFrom(...commonValuePool(name))), 2),
  );
  const unknown = weighted(fc.tuple(fc.constantFrom(...UNKNOWN_NAMES, ...misspellings(metadata)), fc.constantFrom<unknown>('x', 1, true)), 8);
  const repeat = weighted(fc.nat(), 10);

  return fc.tuple(fc.tuple(...declared), fc.tuple(...common), unknown, repeat).chain(([chosen, commons, extra, repeatIndex]) => {
    const entries: CallArguments = [];
    for (const entry of [...chosen, ...commons, extra]) {
      if (entry !== null) {
        entries.push(entry as [string, unknown]);
      }
    }
    if (repeatIndex !== null && entries.length > 0) {
      const [name, value] = entries[repeatIndex % entries.length] as [string, unknown];
      entries.push([name.toUpperCase() === name ? name.toLowerCase() : name.toUpperCase(), value]);
    }
    const unique = dropExactRepeats(entries);
    return fc.shuffledSubarray(unique, { minLength: unique.length, maxLength: unique.length });
  });
}

/** Returns the weight (out of 100) with which a parameter joins a call aimed at `target`. */
function includeWeight(parameter: ParameterMetadata, target: number): number {
  const entry = parameter.sets.find((candidate) => candidate.set === target);
  const inAll = parameter.sets.find((candidate) => candidate.set === 'all');
  const own = entry ?? inAll;
  if (own === undefined) {
    return 4;
  }
  if (own.mandatory) {
    return 85;
  }
  return entry !== undefined ? 35 : 15;
}

/** Returns an arbitrary that gives `arbitrary`'s value with the given chance in percent, else null. */
function weighted<T>(arbitrary: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> {
  return fc.oneof(
    { arbitrary: fc.constant(null), weight: 100 - percent },
    { arbitrary, weight: percent },
  );
}

function entryArbitrary(parameter: ParameterMetadata): fc.Arbitrary<[string, unknown]> {
  return fc.tuple(fc.constantFrom(...nameForms(parameter.name, parameter.aliases, true)), fc.constantFrom(...valuePool(parameter)));
}

/**
 * Spellings of a parameter name: canonical, camelCase, lower and upper case, its aliases,
 * prefixes of several lengths, and (for declared parameters) one misspelling.
 */
export function nameForms(name: string, aliases: readonly string[], misspell: boolean): string[] {
  const forms = new Set<string>();
  forms.add(name);
  forms.add(name.charAt(0).toLowerCase() + name.slice(1));
  forms.add(name.toLowerCase());
  forms.add(name.toUpperCase());
  for (const alias of aliases) {
    forms.add(alias);
  }
  for (const length of [1, 2, 3, Math.ceil(name.length / 2), name.length - 1]) {
    if (length > 0 && length < name.length) {
      forms.add(name.slice(0, length));
    }
  }
  if (misspell && name.length > 3) {
    forms.add(name.slice(0, 1) + name.slice(2));
    forms.add(name.slice(0, -2) + name.slice(-1) + name.slice(-2, -1));
  }
  forms.delete('');
  return [...forms];
}

function misspellings(metadata: CommandMetadata): string[] {
  return metadata.parameters
    .filter((parameter) => parameter.name.length > 4)
    .slice(0, 3)
    .map((parameter) => `${parameter.name}x`);
}

function commonNames(metadata: CommandMetadata): ReadonlyArray<readonly [string, string]> {
  return [...COMMON_NAMES, ...(metadata.supportsShouldProcess ? SHOULD_PROCESS_NAMES : [])];
}

function shouldProcessNames(metadata: CommandMetadata): ReadonlyArray<readonly [string, string]> {
  return metadata.supportsShouldProcess ? SHOULD_PROCESS_NAMES : [];
}

function dropExactRepeats(entries: CallArguments): CallArguments {
  const seen = new Set<string>();
  return entries.filter(([name]) => {
    if (seen.has(name)) {
      return false;
    }
    seen.add(name);
    return true;
  });
}

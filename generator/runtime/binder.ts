/**
 * Runtime parameter binder: resolves the parameter set for a call the way PowerShell 7.6 binds
 * an advanced function or cmdlet, and reports the error PowerShell would raise.
 *
 * NOTE: a generated call passes every argument by name and nothing through the pipeline, so the
 * binder models named binding with no pipeline input. It still follows the pipeline-aware rule
 * that lets PowerShell postpone a set decision while a pipeline-capable parameter is unbound,
 * because that rule decides which error comes first.
 */
import { BindFailure, closestName, dashed, quoted, type BindError } from './binder-errors.ts';
import {
  ALL_SETS,
  MAX_SETS,
  binderTable,
  bitCount,
  entriesFor,
  inCandidates,
  type BinderTable,
  type TableEntry,
  type TableParameter,
} from './binder-table.ts';
import { checkValue } from './binder-values.ts';
import type { CommandMetadata } from './metadata.ts';

export type { BindError, BindErrorId } from './binder-errors.ts';

/** The outcome of binding one call. */
export type BindResult =
  | { ok: true; parameterSet: string; parameters: Record<string, unknown> }
  | { ok: false; errors: BindError[] };

/** Name PowerShell reports when a command's sets were never narrowed. */
const ALL_PARAMETER_SETS = '__AllParameterSets';

/** The result of matching one argument name against the parameter table. */
export type NameMatch =
  | { kind: 'found'; parameter: TableParameter }
  | { kind: 'not-found' }
  | { kind: 'ambiguous'; candidates: TableParameter[] };

/** Mutable state of one binding run. */
interface BindState {
  table: BinderTable;
  candidates: number;
  bound: Map<TableParameter, unknown>;
  /** Arguments whose names matched no parameter, in call order. */
  leftover: Array<{ argument: string; value: unknown }>;
  /** Set chosen by the last set check, as `$PSCmdlet.ParameterSetName` would show it. */
  setName: string;
}

/**
 * Binds `params` to the command described by `metadata`. Keys are parameter names as a caller
 * writes them: any case, aliases and unambiguous prefixes. An `undefined` value counts as not
 * given. A non-common switch given `false` is dropped before binding, so it neither binds nor
 * narrows the sets. `-WhatIf`, `-Confirm`, `-Verbose` and `-Debug` given `false` are kept.
 */
export function bindParameters(metadata: CommandMetadata, params: Record<string, unknown>): BindResult {
  const table = binderTable(metadata);
  if (table.setCount > MAX_SETS) {
    return failure({
      id: 'ParsingTooManyParameterSets',
      message: `${metadata.name} declares ${table.setCount} parameter sets; PowerShell allows at most ${MAX_SETS}.`,
    });
  }
  const state: BindState = {
    table,
    candidates: ALL_SETS,
    bound: new Map(),
    leftover: [],
    setName: ALL_PARAMETER_SETS,
  };
  try {
    bindAll(state, params);
  } catch (error) {
    if (error instanceof BindFailure) {
      return failure(error.error);
    }
    throw error;
  }

  const parameters: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [parameter, value] of state.bound) {
    parameters[parameter.name] = value;
  }
  return { ok: true, parameterSet: state.setName, parameters };
}

/**
 * Matches an argument name to a parameter: an exact name, then an exact alias, then a unique
 * prefix of names and aliases. When a prefix matches several parameters and exactly one of them
 * is declared (not common), the declared one wins.
 */
export function matchParameter(metadata: CommandMetadata, argument: string): NameMatch {
  return matchName(binderTable(metadata), argument);
}

function bindAll(state: BindState, params: Record<string, unknown>): void {
  // 1. Named binding, in call order.
  for (const argument of Object.keys(params)) {
    const value = params[argument];
    if (value !== undefined) {
      bindNamed(state, argument, value);
    }
  }

  // 2. Positional binding has no arguments to take, but PowerShell still checks the position
  // table for conflicts whenever some argument is left over.
  if (state.leftover.length > 0) {
    checkPositionConflicts(state);
  }

  // 3. First set check, which may postpone the decision while a pipeline parameter is unbound.
  checkSets(state, true, false);

  // 4. Leftover arguments go to a ValueFromRemainingArguments parameter, or are errors.
  if (state.leftover.length > 0) {
    bindRemaining(state);
  }

  // 5. Second set check, now final, then the mandatory parameters of the chosen set.
  checkSets(state, false, true);
  checkMandatory(state);

  // 6. Nothing narrowed the sets: the default set, or ambiguity.
  if (state.table.setCount > 1 && state.candidates === ALL_SETS) {
    if (state.table.defaultBit === 0) {
      throw new BindFailure(ambiguousSetError(state, []));
    }
    state.candidates = state.table.defaultBit;
    state.setName = setNameOf(state.table, state.table.defaultBit);
  }
}

function bindNamed(state: BindState, argument: string, value: unknown): void {
  const match = matchName(state.table, argument);
  if (match.kind === 'ambiguous') {
    const names = match.candidates.map((candidate) => candidate.name);
    throw new BindFailure({
      id: 'AmbiguousParameter',
      message: `Parameter name '${argument}' is ambiguous: it matches ${dashed(names)}. Write more of the name.`,
      argument,
      parameters: names,
    });
  }
  if (match.kind === 'not-found') {
    state.leftover.push({ argument, value });
    return;
  }

  const parameter = match.parameter;
  if (parameter.declared && parameter.kind === 'switch' && parameter.arrayDepth === 0 && value === false) {
    return;
  }
  if (state.bound.has(parameter)) {
    throw new BindFailure({
      id: 'ParameterAlreadyBound',
      message: `Parameter -${parameter.name} is given more than once ('${argument}' repeats it). Pass it once, with an array if it takes several values.`,
      argument,
      parameter: parameter.name,
    });
  }
  checkValue(parameter, argument, value);
  state.bound.set(parameter, value);
  if (parameter.mask !== 0) {
    state.candidates = (state.candidates & parameter.mask) >>> 0;
  }
}

function matchName(table: BinderTable, argument: string): NameMatch {
  const typed = argument.toLowerCase();
  const exact = table.exact.get(typed);
  if (exact !== undefined) {
    return { kind: 'found', parameter: exact };
  }

  const candidates: TableParameter[] = [];
  for (const parameter of table.parameters) {
    if (parameter.lowerName.startsWith(typed)) {
      candidates.push(parameter);
    }
  }
  for (const parameter of table.parameters) {
    if (!candidates.includes(parameter) && parameter.lowerAliases.some((alias) => alias.startsWith(typed))) {
      candidates.push(parameter);
    }
  }

  if (candidates.length === 0) {
    return { kind: 'not-found' };
  }
  if (candidates.length === 1 && candidates[0] !== undefined) {
    return { kind: 'found', parameter: candidates[0] };
  }
  const declared = candidates.filter((candidate) => candidate.declared);
  if (declared.length === 1 && declared[0] !== undefined) {
    return { kind: 'found', parameter: declared[0] };
  }
  return { kind: 'ambiguous', candidates };
}

/**
 * Raises AmbiguousPositionalParameterNoName when two unbound parameters of the candidate sets
 * share a position within one set (or both in all sets).
 */
function checkPositionConflicts(state: BindState): void {
  const byPosition = new Map<number, Array<{ parameter: TableParameter; bit: number }>>();
  for (const parameter of state.table.parameters) {
    if (state.bound.has(parameter) || !inCandidates(parameter, state.candidates)) {
      continue;
    }
    for (const entry of entriesFor(parameter, state.candidates)) {
      if (entry.position === null || entry.remaining) {
        continue;
      }
      const list = byPosition.get(entry.position) ?? [];
      list.push({ parameter, bit: entry.bit });
      byPosition.set(entry.position, list);
    }
  }
  for (const [position, list] of byPosition) {
    for (let i = 0; i < list.length; i += 1) {
      for (let j = i + 1; j < list.length; j += 1) {
        const a = list[i];
        const b = list[j];
        if (a === undefined || b === undefined || a.parameter === b.parameter) {
          continue;
        }
        if ((a.bit === 0 && b.bit === 0) || (a.bit & b.bit) !== 0) {
          throw new BindFailure({
            id: 'AmbiguousPositionalParameterNoName',
            message: `Parameters -${a.parameter.name} and -${b.parameter.name} both take position ${position}, so PowerShell cannot bind positional arguments for ${state.table.metadata.name}.`,
            parameters: [a.parameter.name, b.parameter.name],
          });
        }
      }
    }
  }
}

/**
 * Binds leftover arguments to the one ValueFromRemainingArguments parameter, if there is one.
 * Like PowerShell, it reads one entry per parameter for the candidate sets (see `entryFor`). The
 * parameter receives each leftover name as text
 * (`-Name:`) followed by its value, and is converted and validated like any argument.
 */
function bindRemaining(state: BindState): void {
  const remaining = state.table.parameters.filter(
    (parameter) => !state.bound.has(parameter) && entryFor(parameter, state.candidates)?.remaining === true,
  );
  if (remaining.length > 1) {
    throw new BindFailure(ambiguousSetError(state, remaining.map((parameter) => parameter.name)));
  }
  const target = remaining[0];
  if (target !== undefined) {
    const values: unknown[] = [];
    for (const item of state.leftover) {
      values.push(`-${item.argument}:`, item.value);
    }
    checkValue(target, target.name, values);
    state.bound.set(target, values);
    if (target.mask !== 0) {
      state.candidates = (state.candidates & target.mask) >>> 0;
    }
    state.leftover = [];
    return;
  }

  const first = state.leftover[0];
  if (first !== undefined) {
    const suggestion = closestName(first.argument, state.table.parameters.flatMap((p) => [p.name, ...p.aliases]));
    const error: BindError = {
      id: 'NamedParameterNotFound',
      message:
        `${state.table.metadata.name} has no parameter named '${first.argument}'.` +
        (suggestion === undefined ? '' : ` Did you mean -${suggestion}?`),
      argument: first.argument,
    };
    if (suggestion !== undefined) {
      error.suggestion = suggestion;
    }
    throw new BindFailure(error);
  }
}

/**
 * Runs PowerShell's set check. With `prePipeline` it postpones the decision while an unbound
 * parameter could still take pipeline input. With `commit` it narrows the candidates to the
 * default set when it picks that set. The mandatory tie-break always narrows.
 */
function checkSets(state: BindState, prePipeline: boolean, commit: boolean): void {
  const { table } = state;
  const candidates = state.candidates;

  // A. No set fits every bound parameter.
  if (candidates === 0) {
    throw new BindFailure(ambiguousSetError(state, []));
  }

  // B. Several sets remain.
  if (candidates !== ALL_SETS && bitCount(candidates) > 1) {
    if (table.defaultBit !== 0 && (candidates & table.defaultBit) !== 0) {
      chooseDefault(state, commit);
      return;
    }
    if (prePipeline && pipelineParameterUnbound(state)) {
      return;
    }
    tieBreak(state, candidates);
    return;
  }

  // C. Nothing narrowed the sets yet.
  if (candidates === ALL_SETS) {
    if (prePipeline && pipelineParameterUnbound(state)) {
      return;
    }
    if (table.defaultBit !== 0) {
      chooseDefault(state, commit);
      return;
    }
    if (table.setCount > 1) {
      tieBreak(state, candidates);
    }
    return;
  }

  // D. Exactly one set.
  state.setName = setNameOf(table, candidates);
}

function chooseDefault(state: BindState, commit: boolean): void {
  state.setName = setNameOf(state.table, state.table.defaultBit);
  if (commit) {
    state.candidates = state.table.defaultBit;
  }
}

/**
 * Returns the entry PowerShell reads for `candidates`: the first entry of a candidate set, else
 * the all-sets entry.
 *
 * NOTE: pwsh 7.6 stores a script parameter's `[Parameter()]` entries in reverse declaration
 * order, so the scan runs from the last declared entry to the first.
 */
function entryFor(parameter: TableParameter, candidates: number): TableEntry | undefined {
  let allSets: TableEntry | undefined;
  for (let index = parameter.entries.length - 1; index >= 0; index -= 1) {
    const entry = parameter.entries[index];
    if (entry === undefined) {
      continue;
    }
    if (entry.bit === 0) {
      allSets = entry;
    } else if ((entry.bit & candidates) !== 0) {
      return entry;
    }
  }
  return allSets;
}

/** Returns true when an unbound parameter takes pipeline input in one of the candidate sets. */
function pipelineParameterUnbound(state: BindState): boolean {
  for (const parameter of state.table.parameters) {
    if (state.bound.has(parameter)) {
      continue;
    }
    if (entriesFor(parameter, state.candidates).some((entry) => entry.pipeline)) {
      return true;
    }
  }
  return false;
}

/**
 * Keeps the candidate sets in which no unbound parameter is mandatory. Exactly one must remain;
 * it is chosen and committed.
 */
function tieBreak(state: BindState, candidates: number): void {
  let remaining = (candidates & state.table.namedSetsMask) >>> 0;
  for (const parameter of state.table.parameters) {
    if (state.bound.has(parameter)) {
      continue;
    }
    for (const entry of parameter.entries) {
      if (entry.mandatory && entry.bit !== 0) {
        remaining = (remaining & ~entry.bit) >>> 0;
      }
    }
  }
  if (bitCount(remaining) !== 1) {
    throw new BindFailure(ambiguousSetError(state, []));
  }
  state.candidates = remaining;
  state.setName = setNameOf(state.table, remaining);
}

/** Raises MissingMandatoryParameter for the mandatory parameters of the chosen set still unbound. */
function checkMandatory(state: BindState): void {
  const missing: string[] = [];
  for (const parameter of state.table.parameters) {
    if (state.bound.has(parameter) || !parameter.mandatoryInSomeSet) {
      continue;
    }
    const mandatory = parameter.entries.some(
      (entry) => entry.mandatory && (entry.bit === 0 || (entry.bit & state.candidates) !== 0),
    );
    if (mandatory) {
      missing.push(parameter.name);
    }
  }
  if (missing.length > 0) {
    const setText = state.setName === ALL_PARAMETER_SETS ? '' : ` in parameter set '${state.setName}'`;
    throw new BindFailure({
      id: 'MissingMandatoryParameter',
      message: `${state.table.metadata.name} is missing mandatory parameters${setText}: ${dashed(missing)}.`,
      parameters: missing,
      sets: state.setName === ALL_PARAMETER_SETS ? [] : [state.setName],
    });
  }
}

function ambiguousSetError(state: BindState, clashing: string[]): BindError {
  const { table } = state;
  const bound = [...state.bound.keys()].filter((parameter) => parameter.mask !== 0);
  const fittingMask = state.candidates === ALL_SETS ? table.namedSetsMask | table.defaultBit : state.candidates;
  const fitting = setNamesOf(table, fittingMask);
  let message: string;
  if (clashing.length > 0) {
    message = `Parameters ${dashed(clashing)} all take the remaining arguments, so PowerShell cannot choose a parameter set. Name the arguments.`;
  } else if (state.candidates === 0) {
    const memberships = bound.map((parameter) => `-${parameter.name} is in ${quoted(setNamesOf(table, parameter.mask))}`);
    message = `Parameters ${dashed(bound.map((parameter) => parameter.name))} are not in one parameter set together: ${memberships.join(', and ')}. Remove one of them.`;
    clashing = bound.map((parameter) => parameter.name);
  } else {
    const needs = fitting.map((set) => missingMandatoryIn(state, set)).filter((missing) => missing !== '');
    message =
      needs.length === fitting.length && needs.length > 0
        ? `Parameter set cannot be resolved: the parameters given fit ${quoted(fitting)}, and each of these sets needs more (${needs.join(', ')}). Pass the mandatory parameters of one set.`
        : `Parameter set cannot be resolved: the parameters given fit ${quoted(fitting)}. Add a parameter that only one of these sets has.`;
  }
  return {
    id: 'AmbiguousParameterSet',
    message: `${table.metadata.name}: ${message}`,
    parameters: clashing,
    sets: state.candidates === 0 ? [] : fitting,
  };
}

/** Describes the unbound mandatory parameters of one set, as `'Set' needs -A, -B`, or ''. */
function missingMandatoryIn(state: BindState, setName: string): string {
  const index = state.table.metadata.sets.indexOf(setName);
  const bit = index < 0 ? 0 : (1 << index) >>> 0;
  const missing = state.table.parameters
    .filter((parameter) => !state.bound.has(parameter))
    .filter((parameter) => parameter.entries.some((entry) => entry.mandatory && (entry.bit === 0 || entry.bit === bit)))
    .map((parameter) => parameter.name);
  return missing.length === 0 ? '' : `'${setName}' needs ${dashed(missing)}`;
}

function setNameOf(table: BinderTable, bit: number): string {
  return setNamesOf(table, bit)[0] ?? ALL_PARAMETER_SETS;
}

function setNamesOf(table: BinderTable, mask: number): string[] {
  const names: string[] = [];
  table.metadata.sets.forEach((name, index) => {
    if ((mask & ((1 << index) >>> 0)) !== 0) {
      names.push(name);
    }
  });
  return names;
}

function failure(error: BindError): BindResult {
  return { ok: false, errors: [error] };
}

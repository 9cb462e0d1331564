/**
 * Turns a parsed command into the compact table that the runtime binder reads
 * (`generator/runtime/metadata.ts`). The table follows PowerShell's own metadata rules, so the
 * binder and a PowerShell function declared from the same table resolve the same parameter set.
 */
import { mapDotNetType } from '../model/dotnet-types.ts';
import { ALL_PARAMETER_SETS, type CommandModel, type ParameterModel } from '../model/types.ts';
import type { CommandMetadata, ParameterMetadata, ParameterSetEntry } from '../runtime/metadata.ts';

/**
 * Names and aliases of the parameters that every advanced function and cmdlet gets, and of the
 * ShouldProcess pair. A declared parameter may not reuse them (PowerShell 7.6 rejects such a
 * command when it is invoked), so declared aliases that collide are dropped.
 */
export const COMMON_PARAMETER_NAMES: readonly string[] = [
  'Verbose', 'vb', 'Debug', 'db', 'ErrorAction', 'ea', 'WarningAction', 'wa',
  'InformationAction', 'infa', 'ProgressAction', 'proga', 'ErrorVariable', 'ev',
  'WarningVariable', 'wv', 'InformationVariable', 'iv', 'OutVariable', 'ov',
  'OutBuffer', 'ob', 'PipelineVariable', 'pv',
];

/** `-WhatIf` and `-Confirm` with their aliases. */
export const SHOULD_PROCESS_PARAMETER_NAMES: readonly string[] = ['WhatIf', 'wi', 'Confirm', 'cf'];

/** Builds the binder table for one command. */
export function commandMetadata(command: CommandModel): CommandMetadata {
  const cmdletBinding = command.cmdletBinding;
  const supportsShouldProcess = command.supportsShouldProcess;

  // 1. Reserved names: the common parameters, and the ShouldProcess pair when it applies.
  const taken = new Set<string>();
  for (const name of COMMON_PARAMETER_NAMES) {
    taken.add(name.toLowerCase());
  }
  if (supportsShouldProcess) {
    for (const name of SHOULD_PROCESS_PARAMETER_NAMES) {
      taken.add(name.toLowerCase());
    }
  }

  // 2. Declared parameters: the first of two equal names wins, as a second declaration would
  // make PowerShell reject the whole command.
  const declared: ParameterModel[] = [];
  for (const parameter of command.parameters) {
    const key = parameter.name.trim().toLowerCase();
    if (key === '' || taken.has(key)) {
      continue;
    }
    taken.add(key);
    declared.push(parameter);
  }

  // 3. Set numbering: the default set first, then the sets in the order parameters name them.
  // Aliases are checked after all names, because a name wins over another parameter's alias.
  const defaultSet = defaultSetName(command);
  const sets: string[] = defaultSet === null ? [] : [defaultSet];
  const parameters = declared.map((parameter) => parameterMetadata(parameter, sets, taken));

  return {
    name: command.name,
    module: command.module,
    sets,
    defaultSet,
    cmdletBinding,
    supportsShouldProcess,
    parameters,
  };
}

/** Returns true for a set name that PowerShell reads as "every set". */
export function isAllSetsName(name: string): boolean {
  return name.trim() === '' || name.trim().toLowerCase() === ALL_PARAMETER_SETS.toLowerCase();
}

function defaultSetName(command: CommandModel): string | null {
  const name = command.defaultParameterSet;
  if (name === null || isAllSetsName(name)) {
    return null;
  }
  return name.trim();
}

function parameterMetadata(parameter: ParameterModel, sets: string[], taken: Set<string>): ParameterMetadata {
  const mapping = mapDotNetType(parameter.type, parameter.acceptedValues);
  const aliases: string[] = [];
  for (const alias of parameter.aliases) {
    const trimmed = alias.trim();
    if (trimmed === '' || taken.has(trimmed.toLowerCase())) {
      continue;
    }
    taken.add(trimmed.toLowerCase());
    aliases.push(trimmed);
  }

  const metadata: ParameterMetadata = {
    name: parameter.name.trim(),
    aliases,
    kind: mapping.kind,
    arrayDepth: mapping.arrayDepth,
    acceptedValues: acceptedValues(parameter),
    sets: setEntries(parameter, sets),
  };
  if (mapping.nullable === true && mapping.arrayDepth === 0) {
    metadata.nullable = true;
  }
  return metadata;
}

function acceptedValues(parameter: ParameterModel): string[] {
  const seen = new Set<string>();
  const values: string[] = [];
  for (const value of parameter.acceptedValues) {
    const trimmed = value.trim();
    if (trimmed === '' || seen.has(trimmed.toLowerCase())) {
      continue;
    }
    seen.add(trimmed.toLowerCase());
    values.push(trimmed);
  }
  return values;
}

/**
 * Builds one entry per membership. A set named twice on one parameter (ignoring case) keeps its
 * first entry, because PowerShell rejects a parameter declared twice in one set.
 */
function setEntries(parameter: ParameterModel, sets: string[]): ParameterSetEntry[] {
  const entries: ParameterSetEntry[] = [];
  const named = new Set<string>();
  for (const membership of parameter.sets) {
    const all = isAllSetsName(membership.set);
    const key = all ? ALL_PARAMETER_SETS.toLowerCase() : membership.set.trim().toLowerCase();
    if (named.has(key)) {
      continue;
    }
    named.add(key);

    let set: number | 'all' = 'all';
    if (!all) {
      const name = membership.set.trim();
      let index = sets.indexOf(name);
      if (index < 0) {
        index = sets.length;
        sets.push(name);
      }
      set = index;
    }

    const entry: ParameterSetEntry = {
      set,
      mandatory: membership.required,
      position: membership.position !== null && membership.position >= 0 ? membership.position : null,
    };
    if (membership.valueFromPipeline) {
      entry.valueFromPipeline = true;
    }
    if (membership.valueFromPipelineByPropertyName) {
      entry.valueFromPipelineByPropertyName = true;
    }
    if (membership.valueFromRemainingArguments) {
      entry.valueFromRemainingArguments = true;
    }
    entries.push(entry);
  }

  if (entries.length === 0) {
    entries.push({ set: 'all', mandatory: false, position: null });
  }
  return entries;
}

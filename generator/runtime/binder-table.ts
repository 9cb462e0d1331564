/**
 * The binder's working form of a `CommandMetadata`: declared parameters followed by the common
 * parameters PowerShell adds, with set bit masks and case-insensitive name lookups. Built once
 * per metadata object and cached.
 */
import type { ValueKind } from '../model/dotnet-types.ts';
import type { CommandMetadata, ParameterSetEntry } from './metadata.ts';

/** Value kinds of the common parameters, beside the kinds a declared parameter can have. */
export type BinderKind = ValueKind | 'actionpreference' | 'variablename';

/** A set mask with every bit set: the candidate sets before anything narrowed them. */
export const ALL_SETS = 0xffffffff;

/** PowerShell keeps set membership in a 32-bit mask, so a command can have at most 32 sets. */
export const MAX_SETS = 32;

/** One `[Parameter()]` entry with its set turned into a bit (0 for an all-sets entry). */
export interface TableEntry {
  bit: number;
  mandatory: boolean;
  position: number | null;
  pipeline: boolean;
  remaining: boolean;
}

/** One parameter of the merged table. */
export interface TableParameter {
  name: string;
  aliases: string[];
  /** Lower-case name, then lower-case aliases. */
  lowerName: string;
  lowerAliases: string[];
  /** False for the common parameters and the ShouldProcess pair. */
  declared: boolean;
  kind: BinderKind;
  arrayDepth: number;
  /** True when a null argument stays null (`Nullable<T>` of a value type). */
  nullable: boolean;
  /** Lower-case accepted values, or null when any value is allowed. */
  acceptedValues: Set<string> | null;
  acceptedList: string[];
  /** Inclusive lower bound checked after conversion (`-OutBuffer` only). */
  minimum: number | null;
  /** OR of the bits of the named-set entries; 0 for a parameter that is only in all sets. */
  mask: number;
  inAllSets: boolean;
  entries: TableEntry[];
  mandatoryInSomeSet: boolean;
  /** Index in table order. */
  index: number;
}

/** The merged parameter table of one command. */
export interface BinderTable {
  metadata: CommandMetadata;
  parameters: TableParameter[];
  /** Exact lower-case name or alias to parameter. */
  exact: Map<string, TableParameter>;
  /** Bit of the default set, or 0 when there is none. */
  defaultBit: number;
  /** OR of every set bit that some parameter names. */
  namedSetsMask: number;
  setCount: number;
}

interface CommonParameter {
  name: string;
  alias: string;
  kind: BinderKind;
  minimum?: number;
}

const COMMON_PARAMETERS: readonly CommonParameter[] = [
  { name: 'Verbose', alias: 'vb', kind: 'switch' },
  { name: 'Debug', alias: 'db', kind: 'switch' },
  { name: 'ErrorAction', alias: 'ea', kind: 'actionpreference' },
  { name: 'WarningAction', alias: 'wa', kind: 'actionpreference' },
  { name: 'InformationAction', alias: 'infa', kind: 'actionpreference' },
  { name: 'ProgressAction', alias: 'proga', kind: 'actionpreference' },
  { name: 'ErrorVariable', alias: 'ev', kind: 'variablename' },
  { name: 'WarningVariable', alias: 'wv', kind: 'variablename' },
  { name: 'InformationVariable', alias: 'iv', kind: 'variablename' },
  { name: 'OutVariable', alias: 'ov', kind: 'variablename' },
  { name: 'OutBuffer', alias: 'ob', kind: 'int32', minimum: 0 },
  { name: 'PipelineVariable', alias: 'pv', kind: 'variablename' },
];

const SHOULD_PROCESS_PARAMETERS: readonly CommonParameter[] = [
  { name: 'WhatIf', alias: 'wi', kind: 'switch' },
  { name: 'Confirm', alias: 'cf', kind: 'switch' },
];

/** Value types that `Nullable<T>` can wrap; for other kinds the nullable flag changes nothing. */
export const NULLABLE_KINDS: ReadonlySet<BinderKind> = new Set<BinderKind>([
  'char', 'boolean', 'sbyte', 'byte', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64',
  'single', 'double', 'decimal', 'datetime', 'timespan', 'guid',
]);

const cache = new WeakMap<CommandMetadata, BinderTable>();

/** Returns the merged table for `metadata`, building it on first use. */
export function binderTable(metadata: CommandMetadata): BinderTable {
  let table = cache.get(metadata);
  if (table === undefined) {
    table = buildTable(metadata);
    cache.set(metadata, table);
  }
  return table;
}

function buildTable(metadata: CommandMetadata): BinderTable {
  const parameters: TableParameter[] = [];
  let namedSetsMask = 0;

  // 1. Declared parameters, in declaration order.
  for (const parameter of metadata.parameters) {
    const entries = parameter.sets.map(tableEntry);
    let mask = 0;
    for (const entry of entries) {
      mask = (mask | entry.bit) >>> 0;
    }
    namedSetsMask = (namedSetsMask | mask) >>> 0;
    const accepted = parameter.acceptedValues.length > 0 ? parameter.acceptedValues : null;
    parameters.push({
      name: parameter.name,
      aliases: parameter.aliases,
      lowerName: parameter.name.toLowerCase(),
      lowerAliases: parameter.aliases.map((alias) => alias.toLowerCase()),
      declared: true,
      kind: parameter.kind,
      arrayDepth: parameter.arrayDepth,
      nullable: parameter.nullable === true && parameter.arrayDepth === 0 && NULLABLE_KINDS.has(parameter.kind),
      acceptedValues: accepted === null ? null : new Set(accepted.map((value) => value.toLowerCase())),
      acceptedList: accepted ?? [],
      minimum: null,
      mask,
      inAllSets: entries.some((entry) => entry.bit === 0),
      entries,
      mandatoryInSomeSet: entries.some((entry) => entry.mandatory),
      index: parameters.length,
    });
  }

  // 2. Common parameters, then WhatIf and Confirm: in all sets, optional, named only.
  const added = [
    ...(metadata.cmdletBinding ? COMMON_PARAMETERS : []),
    ...(metadata.supportsShouldProcess ? SHOULD_PROCESS_PARAMETERS : []),
  ];
  for (const common of added) {
    parameters.push({
      name: common.name,
      aliases: [common.alias],
      lowerName: common.name.toLowerCase(),
      lowerAliases: [common.alias.toLowerCase()],
      declared: false,
      kind: common.kind,
      arrayDepth: 0,
      nullable: false,
      acceptedValues: null,
      acceptedList: [],
      minimum: common.minimum ?? null,
      mask: 0,
      inAllSets: true,
      entries: [{ bit: 0, mandatory: false, position: null, pipeline: false, remaining: false }],
      mandatoryInSomeSet: false,
      index: parameters.length,
    });
  }

  // 3. Exact lookup: names first, so that a name wins over another parameter's equal alias.
  const exact = new Map<string, TableParameter>();
  for (const parameter of parameters) {
    if (!exact.has(parameter.lowerName)) {
      exact.set(parameter.lowerName, parameter);
    }
  }
  for (const parameter of parameters) {
    for (const alias of parameter.lowerAliases) {
      if (!exact.has(alias)) {
        exact.set(alias, parameter);
      }
    }
  }

  return {
    metadata,
    parameters,
    exact,
    defaultBit: defaultBit(metadata),
    namedSetsMask,
    setCount: metadata.sets.length,
  };
}

/** Returns the default set's bit, or 0 when there is no default or `sets` does not list it. */
function defaultBit(metadata: CommandMetadata): number {
  const index = metadata.defaultSet === null ? -1 : metadata.sets.indexOf(metadata.defaultSet);
  return index < 0 || index >= MAX_SETS ? 0 : (1 << index) >>> 0;
}

function tableEntry(entry: ParameterSetEntry): TableEntry {
  return {
    bit: entry.set === 'all' ? 0 : (1 << entry.set) >>> 0,
    mandatory: entry.mandatory,
    position: entry.position,
    pipeline: entry.valueFromPipeline === true || entry.valueFromPipelineByPropertyName === true,
    remaining: entry.valueFromRemainingArguments === true,
  };
}

/** Counts the set bits of a mask. */
export function bitCount(mask: number): number {
  let count = 0;
  let rest = mask >>> 0;
  while (rest !== 0) {
    rest = (rest & (rest - 1)) >>> 0;
    count += 1;
  }
  return count;
}

/** Returns true when the parameter belongs to a set of `candidates` (or to all sets). */
export function inCandidates(parameter: TableParameter, candidates: number): boolean {
  return parameter.inAllSets || (parameter.mask & candidates) !== 0;
}

/** Returns the entries of `parameter` that apply to the sets of `candidates`. */
export function entriesFor(parameter: TableParameter, candidates: number): TableEntry[] {
  return parameter.entries.filter((entry) => entry.bit === 0 || (entry.bit & candidates) !== 0);
}

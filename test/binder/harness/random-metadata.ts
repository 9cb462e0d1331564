/**
 * Random parameter tables for the differential test: few sets with clashing names (including
 * names that differ only in case), parameters whose names share prefixes, mandatory entries,
 * positions, pipeline and remaining-arguments flags, and phantom default sets. They reach binder
 * rules that real docs seldom use.
 */
import fc from 'fast-check';
import type { ValueKind } from '../../../generator/model/dotnet-types.ts';
import type { CommandMetadata, ParameterMetadata, ParameterSetEntry } from '../../../generator/runtime/metadata.ts';
import type { CorpusCommand } from './corpus.ts';

const SET_NAMES = ['A', 'B', 'C', 'a', 'Set1', 'Set2'];
const PARAMETER_NAMES = ['Name', 'Names', 'Path', 'PassThru', 'Value', 'Verb', 'Id', 'Item', 'Force', 'Filter', 'Wait', 'Count'];
const ALIASES = ['N', 'P', 'Pth', 'I', 'F', 'Cnt'];
const KINDS: ValueKind[] = ['string', 'int32', 'switch', 'object', 'boolean', 'byte', 'char', 'datetime', 'guid', 'hashtable', 'uri', 'double', 'credential'];

const entryArbitrary = fc.record({
  set: fc.oneof({ arbitrary: fc.constant('all' as const), weight: 1 }, { arbitrary: fc.nat({ max: SET_NAMES.length - 1 }), weight: 3 }),
  mandatory: fc.boolean().chain((chosen) => (chosen ? fc.boolean() : fc.constant(false))),
  position: fc.option(fc.nat({ max: 2 }), { freq: 2 }),
  valueFromPipeline: fc.constantFrom(false, false, false, false, true),
  valueFromPipelineByPropertyName: fc.constantFrom(false, false, false, false, false, true),
  valueFromRemainingArguments: fc.constantFrom(false, false, false, false, false, false, false, false, true),
});

const parameterArbitrary = fc.record({
  name: fc.constantFrom(...PARAMETER_NAMES),
  alias: fc.option(fc.constantFrom(...ALIASES), { freq: 3 }),
  kind: fc.constantFrom(...KINDS),
  array: fc.constantFrom(0, 0, 0, 1, 1, 2),
  nullable: fc.constantFrom(false, false, true),
  accepted: fc.constantFrom<string[]>([], [], [], ['Low', 'High']),
  entries: fc.array(entryArbitrary, { minLength: 1, maxLength: 3 }),
});

/** Builds the arbitrary of random tables. */
export function metadataArbitrary(): fc.Arbitrary<CommandMetadata> {
  return fc
    .record({
      defaultSet: fc.constantFrom<string | null>(null, null, 'A', 'B', 'None'),
      supportsShouldProcess: fc.boolean(),
      parameters: fc.array(parameterArbitrary, { minLength: 1, maxLength: 6 }),
    })
    .map(({ defaultSet, supportsShouldProcess, parameters }) => build(defaultSet, supportsShouldProcess, parameters));
}

/** Returns `count` random tables as corpus commands named after their index. */
export function sampleRandomCommands(count: number, seed: number): CorpusCommand[] {
  return fc.sample(metadataArbitrary(), { seed, numRuns: count }).map((metadata, index) => ({
    source: `random table ${index} (seed ${seed}): ${JSON.stringify(metadata)}`,
    metadata: { ...metadata, name: `Test-Random${index}` },
  }));
}

type ParameterDraft = {
  name: string;
  alias: string | null;
  kind: ValueKind;
  array: number;
  nullable: boolean;
  accepted: string[];
  entries: Array<{
    set: number | 'all';
    mandatory: boolean;
    position: number | null;
    valueFromPipeline: boolean;
    valueFromPipelineByPropertyName: boolean;
    valueFromRemainingArguments: boolean;
  }>;
};

function build(defaultSet: string | null, supportsShouldProcess: boolean, drafts: ParameterDraft[]): CommandMetadata {
  const sets: string[] = defaultSet === null ? [] : [defaultSet];
  const names = new Set<string>();
  const parameters: ParameterMetadata[] = [];
  for (const draft of drafts) {
    if (names.has(draft.name.toLowerCase())) {
      continue;
    }
    names.add(draft.name.toLowerCase());
    const entries: ParameterSetEntry[] = [];
    const used = new Set<string>();
    for (const draftEntry of draft.entries) {
      const setName = draftEntry.set === 'all' ? '*' : (SET_NAMES[draftEntry.set] ?? 'A');
      if (used.has(setName.toLowerCase())) {
        continue;
      }
      used.add(setName.toLowerCase());
      let set: number | 'all' = 'all';
      if (setName !== '*') {
        set = sets.indexOf(setName);
        if (set < 0) {
          set = sets.length;
          sets.push(setName);
        }
      }
      const entry: ParameterSetEntry = { set, mandatory: draftEntry.mandatory, position: draftEntry.position };
      if (draftEntry.valueFromPipeline) entry.valueFromPipeline = true;
      if (draftEntry.valueFromPipelineByPropertyName) entry.valueFromPipelineByPropertyName = true;
      if (draftEntry.valueFromRemainingArguments) entry.valueFromRemainingArguments = true;
      entries.push(entry);
    }
    const remaining = entries.some((entry) => entry.valueFromRemainingArguments === true);
    const parameter: ParameterMetadata = {
      name: draft.name,
      aliases: [],
      kind: remaining ? 'object' : draft.kind,
      arrayDepth: remaining ? 1 : draft.array,
      acceptedValues: draft.kind === 'string' && !remaining ? draft.accepted : [],
      sets: entries,
    };
    if (draft.nullable && parameter.arrayDepth === 0) {
      parameter.nullable = true;
    }
    parameters.push(parameter);
    if (draft.alias !== null) {
      aliasFor(parameters[parameters.length - 1], draft.alias, names);
    }
  }
  return { name: 'Test-Random', module: 'TestModule', sets, defaultSet, cmdletBinding: true, supportsShouldProcess, parameters };
}

/** Adds an alias when no parameter name or alias already uses it. */
function aliasFor(parameter: ParameterMetadata | undefined, alias: string, names: Set<string>): void {
  if (parameter !== undefined && !names.has(alias.toLowerCase())) {
    names.add(alias.toLowerCase());
    parameter.aliases.push(alias);
  }
}

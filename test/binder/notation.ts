/**
 * Builds a `CommandMetadata` from a short notation, so that test tables read like binder
 * examples: `'[switch]S1{Set1}, S2{Set2; Set3}, [int]N{* m p0 V}'`.
 *
 * Each parameter is `[type]Name(alias,alias){entry; entry}`. An entry is a set name, or `*` for
 * all sets, followed by flags: `m` mandatory, `pN` position N, `V` ValueFromPipeline, `P`
 * ValueFromPipelineByPropertyName, `R` ValueFromRemainingArguments. The type defaults to
 * `string`; `[type]` takes any .NET type name the model maps, such as `int`, `switch` or
 * `string[]`.
 */
import { mapDotNetType } from '../../generator/model/dotnet-types.ts';
import type { CommandMetadata, ParameterMetadata, ParameterSetEntry } from '../../generator/runtime/metadata.ts';

export interface CommandOptions {
  name?: string;
  defaultSet?: string;
  cmdletBinding?: boolean;
  supportsShouldProcess?: boolean;
  /** Accepted values by parameter name. */
  accepted?: Record<string, string[]>;
}

/** Builds the metadata of a test command from the notation described above. */
export function command(parameters: string, options: CommandOptions = {}): CommandMetadata {
  const sets: string[] = options.defaultSet === undefined ? [] : [options.defaultSet];
  const specs = parameters.trim() === '' ? [] : splitTopLevel(parameters);
  return {
    name: options.name ?? 'Test-Binder',
    module: 'TestModule',
    sets,
    defaultSet: options.defaultSet ?? null,
    cmdletBinding: options.cmdletBinding ?? true,
    supportsShouldProcess: options.supportsShouldProcess ?? false,
    parameters: specs.map((spec) => parameter(spec, sets, options.accepted ?? {})),
  };
}

function parameter(spec: string, sets: string[], accepted: Record<string, string[]>): ParameterMetadata {
  const match = /^(?:\[((?:[^[\]]|\[\])+)\])?([^({]+)(?:\(([^)]*)\))?\{([^}]*)\}$/.exec(spec.trim());
  if (match === null) {
    throw new Error(`Invalid parameter notation '${spec}': write [type]Name(aliases){entries}.`);
  }
  const [, type = 'string', name = '', aliasText, entryText = ''] = match;
  const mapping = mapDotNetType(type);
  return {
    name: name.trim(),
    aliases: aliasText === undefined ? [] : aliasText.split(',').map((alias) => alias.trim()),
    kind: mapping.kind,
    arrayDepth: mapping.arrayDepth,
    acceptedValues: accepted[name.trim()] ?? [],
    sets: entryText.split(';').map((entry) => setEntry(entry, sets)),
  };
}

function setEntry(text: string, sets: string[]): ParameterSetEntry {
  const [setName = '*', ...flags] = text.trim().split(/\s+/);
  let set: number | 'all' = 'all';
  if (setName !== '*') {
    set = sets.indexOf(setName);
    if (set < 0) {
      set = sets.length;
      sets.push(setName);
    }
  }
  const entry: ParameterSetEntry = { set, mandatory: flags.includes('m'), position: null };
  for (const flag of flags) {
    if (/^p\d+$/.test(flag)) {
      entry.position = Number(flag.slice(1));
    } else if (flag === 'V') {
      entry.valueFromPipeline = true;
    } else if (flag === 'P') {
      entry.valueFromPipelineByPropertyName = true;
    } else if (flag === 'R') {
      entry.valueFromRemainingArguments = true;
    } else if (flag !== 'm') {
      throw new Error(`Unknown flag '${flag}' in set entry '${text}'.`);
    }
  }
  return entry;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of text) {
    if (character === '{' || character === '[' || character === '(') {
      depth += 1;
    } else if (character === '}' || character === ']' || character === ')') {
      depth -= 1;
    }
    if (character === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  parts.push(current);
  return parts.filter((part) => part.trim() !== '');
}

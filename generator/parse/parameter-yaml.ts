import * as yaml from 'js-yaml';
import { ALL_PARAMETER_SETS, type ParameterSetMembership } from '../model/types.ts';
import type { DiagnosticSink } from './diagnostics.ts';
import { splitList } from './text.ts';

/** Parameter metadata read from one YAML fence under a `### -Name` heading. */
export interface ParameterFence {
  type: string;
  aliases: string[];
  acceptedValues: string[];
  defaultValue: string;
  supportsWildcards: boolean;
  dontShow: boolean;
  helpMessage: string;
  sets: ParameterSetMembership[];
  extra: Record<string, string>;
  /** Line of the opening fence. */
  line: number;
}

/**
 * Reads one parameter fence. The shape is detected per fence, not per file, because real docs mix
 * v2 front matter with v1 fences: a fence with `ParameterSets:` or `IsRequired:` is v2 YAML,
 * anything else is the v1 line format.
 */
export function readParameterFence(value: string, line: number, parameter: string, sink: DiagnosticSink): ParameterFence | null {
  if (/^(ParameterSets|IsRequired|DefaultValue|SupportsWildcards)\s*:/m.test(value)) {
    return readV2Fence(value, line, parameter, sink);
  }
  return readV1Fence(value, line, parameter, sink);
}

// v1 ----------------------------------------------------------------------------------------

const V1_KEYS = new Map([
  ['type', 'Type'],
  ['parameter sets', 'Parameter Sets'],
  ['aliases', 'Aliases'],
  ['accepted values', 'Accepted values'],
  ['required', 'Required'],
  ['position', 'Position'],
  ['default value', 'Default value'],
  ['accept pipeline input', 'Accept pipeline input'],
  ['accept wildcard characters', 'Accept wildcard characters'],
]);

/**
 * Reads a v1 fence line by line: the key is the text before the first colon and the value the rest
 * of the line, kept as text. A YAML library would turn `* (all)` into an alias, `>` into an empty
 * block scalar and `[int32]::MaxValue` into a list, so none is used here.
 */
function readV1Fence(value: string, line: number, parameter: string, sink: DiagnosticSink): ParameterFence {
  const fields = new Map<string, string>();
  const extra: Record<string, string> = {};
  value.split('\n').forEach((text, index) => {
    if (text.trim() === '') return;
    const colon = text.indexOf(':');
    const sourceLine = line + 1 + index;
    if (colon <= 0) {
      sink.warn('parameter-yaml-line', sourceLine, `Line \`${text.trim()}\` in the YAML block of \`-${parameter}\` is not a \`Key: value\` pair and was ignored.`);
      return;
    }
    const key = text.slice(0, colon).trim();
    const known = V1_KEYS.get(key.toLowerCase());
    const fieldValue = text.slice(colon + 1).trim();
    if (known) {
      fields.set(known, fieldValue);
    } else {
      extra[key] = fieldValue;
      sink.info('parameter-yaml-extra-key', sourceLine, `Key \`${key}\` in the YAML block of \`-${parameter}\` is not part of the PlatyPS format; it was kept as extra data.`);
    }
  });

  const setNames = readSetNames(fields.get('Parameter Sets') ?? '');
  const required = readRequired(fields.get('Required') ?? 'False', setNames, parameter, line, sink);
  const position = readPosition(fields.get('Position') ?? 'Named', parameter, line, sink);
  const pipeline = readPipelineInput(fields.get('Accept pipeline input') ?? 'False', parameter, line, sink);
  const defaultValue = fields.get('Default value') ?? '';
  return {
    type: fields.get('Type') ?? '',
    aliases: splitList(fields.get('Aliases') ?? '').filter((alias) => alias.toLowerCase() !== 'none'),
    acceptedValues: splitList(fields.get('Accepted values') ?? ''),
    defaultValue: /^none$/i.test(defaultValue) ? '' : defaultValue,
    supportsWildcards: /^true$/i.test(fields.get('Accept wildcard characters') ?? ''),
    dontShow: false,
    helpMessage: '',
    sets: setNames.map((set) => ({
      set,
      position,
      required: required.get(set) ?? false,
      valueFromPipeline: pipeline.byValue,
      valueFromPipelineByPropertyName: pipeline.byPropertyName,
      valueFromRemainingArguments: false,
    })),
    extra,
    line,
  };
}

/** `(All)`, `(All))` and an empty value mean every set; other names lose stray parentheses, `(Filter)` gives `Filter`. */
function readSetNames(value: string): string[] {
  const names = splitList(value).map((name) => (/^\(all\)*$/i.test(name) ? ALL_PARAMETER_SETS : name.replace(/^\((.+)\)$/, '$1')));
  const unique = [...new Set(names)];
  return unique.length > 0 ? unique : [ALL_PARAMETER_SETS];
}

/**
 * Reads `Required`: a boolean for every set, or groups such as `True (SetA, SetB), False (SetC)`.
 * Returns the requiredness per set name.
 */
export function readRequired(value: string, setNames: readonly string[], parameter: string, line: number, sink: DiagnosticSink): Map<string, boolean> {
  const result = new Map<string, boolean>();
  const words = value.trim().split(/\s+/);
  if (words.every((word) => /^(true|false)$/i.test(word))) {
    const flag = /^true$/i.test(words[0] ?? '');
    if (new Set(words.map((word) => word.toLowerCase())).size > 1) {
      sink.warn('parameter-required-invalid', line, `\`Required: ${value}\` of \`-${parameter}\` mixes True and False without set names; the first value was used.`, 'Write `Required: True (SetA), False (SetB)`.');
    }
    for (const set of setNames) result.set(set, flag);
    return result;
  }
  const groups = [...value.matchAll(/(true|false)\s*\(([^)]*)\)/gi)];
  if (groups.length === 0) {
    sink.warn('parameter-required-invalid', line, `\`Required: ${value}\` of \`-${parameter}\` is neither a boolean nor \`True (sets)\`; the parameter is treated as optional.`, 'Write `Required: True`, `Required: False` or `Required: True (SetA), False (SetB)`.');
    for (const set of setNames) result.set(set, false);
    return result;
  }
  const known = new Map(setNames.map((set) => [set.toLowerCase(), set]));
  for (const group of groups) {
    const flag = /^true$/i.test(group[1] ?? '');
    for (const name of splitList(group[2] ?? '')) {
      const set = known.get(name.toLowerCase()) ?? (known.has('__allparametersets') && /^\(?all\)?$/i.test(name) ? ALL_PARAMETER_SETS : undefined);
      if (set === undefined) {
        sink.warn('parameter-required-unknown-set', line, `\`Required\` of \`-${parameter}\` names \`${name}\`, which is not in its \`Parameter Sets\` (${setNames.join(', ')}); that name was ignored.`, 'Use the set names listed under `Parameter Sets`.');
        continue;
      }
      result.set(set, flag);
    }
  }
  for (const set of setNames) if (!result.has(set)) result.set(set, false);
  return result;
}

function readPosition(value: string, parameter: string, line: number, sink: DiagnosticSink): number | null {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (/^named$/i.test(text) || text === '') return null;
  sink.warn('parameter-position-invalid', line, `\`Position: ${text}\` of \`-${parameter}\` is neither a number nor \`Named\`; the parameter is treated as named.`, 'Write `Position: Named` or a number such as `Position: 0`.');
  return null;
}

/** Reads `Accept pipeline input` in all the forms real docs use. */
export function readPipelineInput(value: string, parameter: string, line: number, sink: DiagnosticSink): { byValue: boolean; byPropertyName: boolean } {
  const text = value.trim();
  if (/^false$/i.test(text) || text === '') return { byValue: false, byPropertyName: false };
  if (/^true$/i.test(text)) return { byValue: true, byPropertyName: true };
  const listed = /^true\s*\((.*)\)$/i.exec(text);
  if (listed) {
    const kinds = splitList(listed[1] ?? '').map((kind) => kind.toLowerCase());
    return { byValue: kinds.includes('byvalue'), byPropertyName: kinds.some((kind) => kind === 'bypropertyname' || kind === 'byname') };
  }
  const byValue = /byvalue\s*\(\s*(true|false)\s*\)/i.exec(text);
  const byName = /by(?:property)?name\s*\(\s*(true|false)\s*\)/i.exec(text);
  if (byValue || byName) {
    return { byValue: /^true$/i.test(byValue?.[1] ?? ''), byPropertyName: /^true$/i.test(byName?.[1] ?? '') };
  }
  if (/^(byvalue|bypropertyname)(\s*,\s*(byvalue|bypropertyname))*$/i.test(text)) {
    return { byValue: /byvalue/i.test(text), byPropertyName: /bypropertyname/i.test(text) };
  }
  sink.warn('parameter-pipeline-invalid', line, `\`Accept pipeline input: ${text}\` of \`-${parameter}\` is not understood; no pipeline input is assumed.`, 'Write `False`, `True (ByValue)`, `True (ByPropertyName)` or `True (ByPropertyName, ByValue)`.');
  return { byValue: false, byPropertyName: false };
}

// v2 ----------------------------------------------------------------------------------------

const V2_KEYS = new Set(['Type', 'DefaultValue', 'SupportsWildcards', 'Aliases', 'ParameterSets', 'DontShow', 'AcceptedValues', 'HelpMessage', 'ParameterValue', 'Globbing']);

function readV2Fence(value: string, line: number, parameter: string, sink: DiagnosticSink): ParameterFence | null {
  let data: unknown;
  try {
    data = yaml.load(value);
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    sink.error('parameter-yaml-invalid', line + 1 + (mark?.line ?? 0), `The YAML block of \`-${parameter}\` is not valid YAML: ${reason}.`, 'Fix the YAML syntax; quote values that contain `: ` or start with `*`, `[` or `>`.', (mark?.column ?? 0) + 1);
    return null;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    sink.error('parameter-yaml-invalid', line, `The YAML block of \`-${parameter}\` is not a mapping of keys to values.`);
    return null;
  }
  const record = data as Record<string, unknown>;
  const extra: Record<string, string> = {};
  for (const [key, field] of Object.entries(record)) {
    if (!V2_KEYS.has(key)) extra[key] = text(field);
  }
  const sets: ParameterSetMembership[] = [];
  const entries = Array.isArray(record.ParameterSets) ? record.ParameterSets : [];
  for (const entry of entries) {
    if (entry === null || typeof entry !== 'object') continue;
    const set = entry as Record<string, unknown>;
    const name = text(set.Name).trim();
    const position = text(set.Position).trim();
    sets.push({
      set: name === '' || /^\(all\)$/i.test(name) || name.toLowerCase() === '__allparametersets' ? ALL_PARAMETER_SETS : name,
      position: /^\d+$/.test(position) ? Number(position) : readPosition(position || 'Named', parameter, line, sink),
      required: flag(set.IsRequired),
      valueFromPipeline: flag(set.ValueFromPipeline),
      valueFromPipelineByPropertyName: flag(set.ValueFromPipelineByPropertyName),
      valueFromRemainingArguments: flag(set.ValueFromRemainingArguments),
    });
  }
  if (sets.length === 0) {
    sets.push({ set: ALL_PARAMETER_SETS, position: null, required: false, valueFromPipeline: false, valueFromPipelineByPropertyName: false, valueFromRemainingArguments: false });
  }
  const defaultValue = text(record.DefaultValue).trim();
  return {
    type: text(record.Type).trim(),
    aliases: list(record.Aliases),
    acceptedValues: list(record.AcceptedValues),
    defaultValue: /^none$/i.test(defaultValue) ? '' : defaultValue,
    supportsWildcards: flag(record.SupportsWildcards ?? record.Globbing),
    dontShow: flag(record.DontShow),
    helpMessage: text(record.HelpMessage).trim(),
    sets,
    extra,
    line,
  };
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function flag(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^true$/i.test(value.trim()));
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text).map((item) => item.trim()).filter((item) => item !== '');
  if (typeof value === 'string') return splitList(value);
  return [];
}

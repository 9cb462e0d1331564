import type { ParameterModel } from '../model/types.ts';
import type { CodeBlock } from './blocks.ts';
import type { DiagnosticSink } from './diagnostics.ts';
import { readParameterFence, type ParameterFence } from './parameter-yaml.ts';
import { splitSubSections, type Section } from './sections.ts';
import { sliceLines, withoutPlaceholders } from './text.ts';

/** Common parameters PowerShell adds to every advanced command, with their aliases. */
export const COMMON_PARAMETERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Verbose', ['vb']],
  ['Debug', ['db']],
  ['ErrorAction', ['ea']],
  ['WarningAction', ['wa']],
  ['InformationAction', ['infa']],
  ['ProgressAction', ['proga']],
  ['ErrorVariable', ['ev']],
  ['WarningVariable', ['wv']],
  ['InformationVariable', ['iv']],
  ['OutVariable', ['ov']],
  ['OutBuffer', ['ob']],
  ['PipelineVariable', ['pv']],
]);

/** Parameters PowerShell adds when a cmdlet supports ShouldProcess. */
export const RISK_PARAMETERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['WhatIf', ['wi']],
  ['Confirm', ['cf']],
]);

const COMMON_BY_LOWER = new Map([...COMMON_PARAMETERS.keys()].map((name) => [name.toLowerCase(), name]));
const RISK_BY_LOWER = new Map([...RISK_PARAMETERS.keys()].map((name) => [name.toLowerCase(), name]));

export interface ParametersSection {
  /** Declared parameters; `sets` is empty for a parameter whose YAML is missing or unreadable. */
  parameters: ParameterModel[];
  /** A `### CommonParameters` heading is present. */
  commonParametersHeading: boolean;
  /** Common parameters documented as ordinary ones (removed from `parameters`). */
  documentedCommon: string[];
  /** `-WhatIf` or `-Confirm` documented as switches. */
  documentsShouldProcess: boolean;
}

/** Reads PARAMETERS: one `### -Name` heading, a description and one or more YAML fences each. */
export function readParameters(section: Section | undefined, lines: readonly string[], sink: DiagnosticSink): ParametersSection {
  const result: ParametersSection = { parameters: [], commonParametersHeading: false, documentedCommon: [], documentsShouldProcess: false };
  if (!section) return result;
  const byName = new Map<string, ParameterModel>();

  for (const part of splitSubSections(section)) {
    const headingText = part.heading.text.trim();
    const line = part.heading.startLine;
    if (/^(workflow)?commonparameters$/i.test(headingText)) {
      result.commonParametersHeading = true;
      continue;
    }
    const name = headingText.replace(/^[-\u2013\u2014]+/, '').split(/\s+/)[0]?.replace(/[^\p{L}\p{N}_]/gu, '') ?? '';
    if (name === '') {
      sink.warn('parameter-heading-invalid', line, `Heading \`### ${headingText}\` in PARAMETERS names no parameter; it was ignored.`, 'Write parameter headings as `### -Name`.');
      continue;
    }

    const fences = findFences(part.blocks, name, sink);
    const firstFence = fences[0];
    const descriptionEnd = firstFence ? firstFence.startLine - 1 : part.end;
    const description = withoutPlaceholders(sliceLines(lines, part.start - 1, descriptionEnd));
    const readFences = fences
      .map((fence) => readParameterFence(fence.value, fence.startLine, name, sink))
      .filter((fence): fence is ParameterFence => fence !== null);
    if (fences.length === 0) {
      sink.warn('parameter-without-yaml', line, `Parameter \`-${name}\` has no YAML block; its type and sets were taken from SYNTAX.`, 'Add a ```` ```yaml ```` block with Type, Parameter Sets, Required and Position under the heading.');
    }

    const parameter = mergeFences(name, description, readFences, line, sink);
    const lower = name.toLowerCase();

    const common = COMMON_BY_LOWER.get(lower);
    if (common !== undefined) {
      result.documentedCommon.push(common);
      sink.info('common-parameter-documented', line, `\`-${name}\` is a common parameter; it is offered through the common parameters, not as a parameter of this command.`);
      continue;
    }
    if (RISK_BY_LOWER.has(lower) && (parameter.type === '' || /switch/i.test(parameter.type))) {
      result.documentsShouldProcess = true;
      if (byName.has(lower)) {
        sink.warn('parameter-duplicate', line, `\`-${name}\` is documented twice (first at line ${byName.get(lower)!.position.line}); the first section was kept.`, 'Delete one of the two sections.');
      }
      byName.set(lower, parameter);
      continue;
    }

    const previous = byName.get(lower);
    if (previous) {
      mergeDuplicate(previous, parameter, sink);
      continue;
    }
    byName.set(lower, parameter);
    result.parameters.push(parameter);
  }
  return result;
}

/** YAML fences under one parameter heading; an untagged fence that contains parameter YAML counts too. */
function findFences(blocks: readonly import('./blocks.ts').Block[], name: string, sink: DiagnosticSink): CodeBlock[] {
  const codes = blocks.filter((block): block is CodeBlock => block.type === 'code');
  const tagged = codes.filter((block) => /^yaml/i.test(block.lang));
  if (tagged.length > 0) return tagged;
  const untagged = codes.filter((block) => /^(Type|Parameter ?Sets)\s*:/m.test(block.value) && /^(Parameter ?Sets|Required|IsRequired)\s*:/m.test(block.value));
  for (const block of untagged) {
    sink.warn('parameter-yaml-untagged', block.startLine, `The metadata block of \`-${name}\` is not tagged \`yaml\`; it was read anyway.`, 'Open the block with ```` ```yaml ````.');
  }
  return untagged;
}

/**
 * Combines the fences of one parameter. Authors write one fence per group of sets when
 * `Required` differs between them; the sets of all fences are kept. Type and aliases must agree.
 */
function mergeFences(name: string, description: string, fences: readonly ParameterFence[], line: number, sink: DiagnosticSink): ParameterModel {
  const first = fences[0];
  const parameter: ParameterModel = {
    name,
    type: first?.type ?? '',
    description,
    aliases: first?.aliases ?? [],
    defaultValue: first?.defaultValue ?? '',
    acceptedValues: first?.acceptedValues ?? [],
    supportsWildcards: first?.supportsWildcards ?? false,
    dontShow: first?.dontShow ?? false,
    helpMessage: first?.helpMessage ?? '',
    sets: [],
    extra: first?.extra ?? {},
    position: { line, column: 1 },
  };
  for (const fence of fences) {
    if (first && fence !== first) {
      if (normalizeType(fence.type) !== normalizeType(first.type)) {
        sink.error('parameter-fences-disagree', fence.line, `The YAML blocks of \`-${name}\` disagree on \`Type\`: \`${first.type}\` (line ${first.line}) and \`${fence.type}\` (line ${fence.line}).`, 'Give every YAML block of the parameter the same Type.');
      }
      if (fence.aliases.length > 0 && first.aliases.length > 0 && !sameList(fence.aliases, first.aliases)) {
        sink.error('parameter-fences-disagree', fence.line, `The YAML blocks of \`-${name}\` disagree on \`Aliases\`: \`${first.aliases.join(', ')}\` (line ${first.line}) and \`${fence.aliases.join(', ')}\` (line ${fence.line}).`, 'Give every YAML block of the parameter the same Aliases.');
      }
      if (parameter.aliases.length === 0) parameter.aliases = fence.aliases;
      if (parameter.acceptedValues.length === 0) parameter.acceptedValues = fence.acceptedValues;
    }
    for (const membership of fence.sets) {
      if (parameter.sets.some((existing) => existing.set === membership.set)) {
        sink.warn('parameter-set-repeated', fence.line, `\`-${name}\` lists set \`${membership.set}\` in more than one YAML block; the first entry was kept.`, 'List each set in one block only.');
        continue;
      }
      parameter.sets.push(membership);
    }
  }
  return parameter;
}

/** Merges a second section of the same parameter (names compared ignoring case). */
function mergeDuplicate(previous: ParameterModel, duplicate: ParameterModel, sink: DiagnosticSink): void {
  const line = duplicate.position.line;
  const sameSets = JSON.stringify(previous.sets) === JSON.stringify(duplicate.sets) || duplicate.sets.length === 0;
  if (normalizeType(previous.type) !== normalizeType(duplicate.type) && duplicate.type !== '') {
    sink.error('parameter-duplicate-conflict', line, `\`-${duplicate.name}\` is documented twice with different types: \`${previous.type}\` (line ${previous.position.line}) and \`${duplicate.type}\` (line ${line}).`, 'Delete the stale section.');
  } else if (!sameSets) {
    sink.error('parameter-duplicate-conflict', line, `\`-${duplicate.name}\` is documented twice with different parameter sets (lines ${previous.position.line} and ${line}).`, 'Merge the two sections into one with one YAML block per group of sets.');
  } else {
    sink.warn('parameter-duplicate', line, `\`-${duplicate.name}\` is documented twice (lines ${previous.position.line} and ${line}); the first description was kept.`, 'Delete one of the two sections.');
  }
}

function normalizeType(type: string): string {
  return type.replace(/^System\./i, '').replace(/\s+/g, '').toLowerCase();
}

function sameList(left: readonly string[], right: readonly string[]): boolean {
  const normalize = (items: readonly string[]) => items.map((item) => item.toLowerCase()).sort().join(',');
  return normalize(left) === normalize(right);
}

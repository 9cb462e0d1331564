/**
 * Renders command metadata as a PlatyPS v2 cmdlet page (`PlatyPS schema version: 2024-05-01`).
 * Text that metadata cannot supply (synopsis, descriptions, examples) is left as the `{{ ... }}`
 * placeholders PlatyPS writes, so a reader of the page can tell it is still to be written.
 *
 * Everything is sorted with an ordinal, locale-independent comparison and nothing depends on the
 * machine or the time, so the same PowerShell version always gives the same bytes.
 */
import * as yaml from 'js-yaml';
import type { CommandMetadata, ParameterMetadata, ParameterSetEntry, ParameterSetMetadata } from './metadata.ts';

const ALL_SETS = '__AllParameterSets';
const SYNTAX_WIDTH = 100;
const COMMON_PARAMETERS = [
  'Debug',
  'ErrorAction',
  'ErrorVariable',
  'InformationAction',
  'InformationVariable',
  'OutBuffer',
  'OutVariable',
  'PipelineVariable',
  'ProgressAction',
  'Verbose',
  'WarningAction',
  'WarningVariable',
];
const COMMON_PARAMETERS_URL = 'https://go.microsoft.com/fwlink/?LinkID=113216';

/** Renders one command page; the text ends with a single newline. */
export function renderCommandMarkdown(command: CommandMetadata): string {
  const sets = orderSets(command.parameterSets);
  const sections = [
    renderFrontMatter(command),
    `# ${command.name}`,
    '## SYNOPSIS',
    '{{ Fill in the Synopsis }}',
    '## SYNTAX',
    ...sets.flatMap((set) => renderSyntax(command, set)),
    '## ALIASES',
    renderAliases(command),
    '## DESCRIPTION',
    '{{ Fill in the Description }}',
    '## EXAMPLES',
    '### Example 1',
    '```powershell\n{{ Add example code here }}\n```',
    '{{ Add example description here }}',
    '## PARAMETERS',
    ...sortByName(command.parameters).flatMap((parameter) => renderParameter(parameter, sets)),
    ...(command.cmdletBinding ? ['### CommonParameters', renderCommonParameters()] : []),
    '## INPUTS',
    ...renderTypes(inputTypes(command)),
    '## OUTPUTS',
    ...renderTypes(command.outputTypes.length > 0 ? command.outputTypes : ['System.Object']),
    '## NOTES',
    renderNotes(command),
    '## RELATED LINKS',
    command.helpUri ? `- [Online Version](${command.helpUri})` : '{{ Fill in the related links here }}',
  ];
  return `${sections.join('\n\n')}\n`;
}

function renderFrontMatter(command: CommandMetadata): string {
  const keys: Array<[string, string]> = [
    ['document type', 'cmdlet'],
    ['external help file', command.helpFile ?? `${command.module}-help.xml`],
    ['HelpUri', command.helpUri ?? ''],
    ['Locale', 'en-US'],
    ['Module Name', command.module],
    ['PlatyPS schema version', '2024-05-01'],
    ['title', command.name],
  ];
  return ['---', ...keys.map(([key, value]) => `${key}: ${yamlScalar(value)}`), '---'].join('\n');
}

/** Puts the default set first, then the others by name. */
function orderSets(sets: ParameterSetMetadata[]): ParameterSetMetadata[] {
  return [...sets].sort((left, right) => Number(right.isDefault) - Number(left.isDefault) || compareNames(left.name, right.name));
}

function renderSyntax(command: CommandMetadata, set: ParameterSetMetadata): string[] {
  const heading = set.isDefault ? `### ${set.name} (Default)` : `### ${set.name}`;
  return [heading, `\`\`\`\n${wrapSyntax(`${command.name} ${set.syntax}`.trim())}\n\`\`\``];
}

/** Wraps a syntax line before a parameter, continuing with a one-space indent as PlatyPS does. */
export function wrapSyntax(syntax: string): string {
  // A parameter starts at a space followed by `-` or `[`, so the space before `<Type>` stays.
  const tokens = syntax.split(/ (?=[-[])/);
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (line !== '' && line.length + 1 + token.length > SYNTAX_WIDTH) {
      lines.push(line);
      line = ` ${token}`;
    } else {
      line = line === '' ? token : `${line} ${token}`;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

function renderAliases(command: CommandMetadata): string {
  const kind = command.commandType === 'Cmdlet' ? 'cmdlet' : 'function';
  if (command.aliases.length === 0) {
    return `This ${kind} has no aliases.`;
  }
  const list = command.aliases.map((alias) => `- \`${alias}\``).join('\n');
  return `This ${kind} has the following aliases:\n\n${list}`;
}

function renderParameter(parameter: ParameterMetadata, sets: ParameterSetMetadata[]): string[] {
  const setOrder = new Map(sets.map((set, index) => [set.name, index]));
  const entries = [...parameter.parameterSets].sort(
    (left, right) => setRank(left, setOrder) - setRank(right, setOrder) || compareNames(left.name, right.name),
  );
  const lines = [
    `Type: ${yamlScalar(parameter.type)}`,
    `DefaultValue: ${yamlScalar(parameter.defaultValue ?? 'None')}`,
    `SupportsWildcards: ${parameter.supportsWildcards}`,
    ...yamlList('Aliases', parameter.aliases),
    'ParameterSets:',
    ...entries.flatMap(renderSetEntry),
    `DontShow: ${parameter.dontShow}`,
    ...yamlList('AcceptedValues', parameter.acceptedValues),
    `HelpMessage: ${yamlScalar(parameter.helpMessage ?? '')}`,
  ];
  return [`### -${parameter.name}`, `{{ Fill ${parameter.name} Description }}`, `\`\`\`yaml\n${lines.join('\n')}\n\`\`\``];
}

function setRank(entry: ParameterSetEntry, setOrder: Map<string, number>): number {
  return entry.name === ALL_SETS ? -1 : (setOrder.get(entry.name) ?? setOrder.size);
}

function renderSetEntry(entry: ParameterSetEntry): string[] {
  return [
    `- Name: ${yamlScalar(entry.name === ALL_SETS ? '(All)' : entry.name)}`,
    `  Position: ${entry.position === null ? 'Named' : entry.position}`,
    `  IsRequired: ${entry.isMandatory}`,
    `  ValueFromPipeline: ${entry.valueFromPipeline}`,
    `  ValueFromPipelineByPropertyName: ${entry.valueFromPipelineByPropertyName}`,
    `  ValueFromRemainingArguments: ${entry.valueFromRemainingArguments}`,
  ];
}

function renderCommonParameters(): string {
  const names = COMMON_PARAMETERS.map((name) => `-${name}`);
  const list = `${names.slice(0, -1).join(', ')}, and ${names.at(-1)}`;
  return (
    `This cmdlet supports the common parameters: ${list}. ` +
    `For more information, see [about_CommonParameters](${COMMON_PARAMETERS_URL}).`
  );
}

/** Types the command accepts from the pipeline, by value or by property name, sorted; `None` when there are none. */
function inputTypes(command: CommandMetadata): string[] {
  const types = new Set(
    command.parameters
      .filter((parameter) => parameter.parameterSets.some((entry) => entry.valueFromPipeline || entry.valueFromPipelineByPropertyName))
      .map((parameter) => parameter.type),
  );
  return types.size === 0 ? ['None'] : [...types].sort(compareNames);
}

function renderTypes(types: string[]): string[] {
  return types.flatMap((type) => [`### ${type}`, '{{ Fill in the Description }}']);
}

function renderNotes(command: CommandMetadata): string {
  if (command.confirmImpact === 'High') {
    return (
      `\`${command.name}\` has ConfirmImpact High, so it asks for confirmation by default. ` +
      'Pass `-Confirm:$false` to run it without a prompt.'
    );
  }
  return '{{ Fill in the Notes }}';
}

function yamlList(key: string, values: string[]): string[] {
  return values.length === 0 ? [`${key}: []`] : [`${key}:`, ...values.map((value) => `- ${yamlScalar(value)}`)];
}

/** Writes a string as a plain YAML scalar when YAML reads it back as the same string, else quoted. */
export function yamlScalar(value: string): string {
  if (value === '') {
    return "''";
  }
  if (/[\u0000-\u001F\u007F]/.test(value)) {
    return JSON.stringify(value);
  }
  try {
    if (yaml.load(value) === value && !value.includes(' #') && value.trim() === value) {
      return value;
    }
  } catch {
    // Not valid as a plain scalar: quote it.
  }
  return `'${value.replaceAll("'", "''")}'`;
}

function sortByName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((left, right) => compareNames(left.name, right.name));
}

/** Orders names ignoring case, then by code unit, the same on every machine and locale. */
export function compareNames(left: string, right: string): number {
  const leftFolded = left.toLowerCase();
  const rightFolded = right.toLowerCase();
  if (leftFolded !== rightFolded) {
    return leftFolded < rightFolded ? -1 : 1;
  }
  if (left === right) {
    return 0;
  }
  return left < right ? -1 : 1;
}

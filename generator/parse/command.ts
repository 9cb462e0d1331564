import path from 'node:path';
import {
  ALL_PARAMETER_SETS,
  type CommandModel,
  type ParameterModel,
  type ParameterSetModel,
  type ParseResult,
  type SchemaVersion,
} from '../model/types.ts';
import { readBlocks, type HeadingBlock } from './blocks.ts';
import { checkCommand } from './cross-checks.ts';
import { DiagnosticSink } from './diagnostics.ts';
import { frontMatterText, readFrontMatter } from './front-matter.ts';
import { readParameters } from './parameters.ts';
import { parseComplexParameters } from './notes.ts';
import { readAliases, readExamples, readLinks, readTypeDocs, sectionText, splitSections, type Section } from './sections.ts';
import { readSyntax } from './syntax-section.ts';
import { normalizeNewlines } from './text.ts';

/** Parses the text of one PlatyPS doc; `file` names it in the model and in diagnostics. */
export function parseMarkdown(source: string, file: string): ParseResult {
  const sink = new DiagnosticSink(file);
  const text = normalizeNewlines(source);
  const lines = text.split('\n');

  // 1. Front matter, replaced by blank lines so that block positions keep their real line numbers.
  const frontMatter = readFrontMatter(lines, sink);
  const body = lines.map((line, index) => (index < frontMatter.lineCount ? '' : line)).join('\n');
  const values = frontMatter.values;

  // 2. Kind of page.
  const documentType = frontMatterText(values, 'document type').toLowerCase();
  const title = frontMatterText(values, 'title');
  if (documentType === 'module' || frontMatterText(values, 'Module Guid') !== '') {
    return skip(sink, 'module-page', file, 'module landing page');
  }
  const blocks = readBlocks(body, lines);
  const h1 = blocks.find((block): block is HeadingBlock => block.type === 'heading' && block.depth === 1);
  const sections = splitSections(blocks, lines.length);
  const byTitle = new Map<string, Section>();
  for (const section of sections) {
    if (byTitle.has(section.title)) {
      sink.warn('section-duplicate', section.heading.startLine, `Section \`## ${section.heading.text}\` appears twice; the first one was read.`, 'Merge the two sections.');
      continue;
    }
    byTitle.set(section.title, section);
  }
  if (/^about_/i.test(title) || (/^about_/i.test(h1?.text ?? '') && !byTitle.has('SYNTAX'))) {
    return skip(sink, 'about-topic', file, 'about_ topic');
  }
  if (!h1) {
    sink.error('missing-title', 1, 'No `# Command-Name` heading was found, so this is not a cmdlet help page.', 'Start the page with `# Verb-Noun` after the front matter.');
    return { command: null, skipped: null, diagnostics: sink.diagnostics };
  }
  if (/\smodule$/i.test(h1.text) && !byTitle.has('SYNTAX')) {
    return skip(sink, 'module-page', file, 'module landing page');
  }
  if (!byTitle.has('SYNTAX') && !byTitle.has('PARAMETERS')) {
    sink.error('missing-syntax', h1.startLine, `\`# ${h1.text}\` has neither a SYNTAX nor a PARAMETERS section, so no command can be generated from it.`, 'Add `## SYNTAX` with one code block per parameter set.');
    return { command: null, skipped: null, diagnostics: sink.diagnostics };
  }
  const schema = readSchema(values, sink);

  // 3. Sections.
  const name = h1.text.split(/\s+/)[0] ?? '';
  if (title !== '' && title.toLowerCase() !== name.toLowerCase()) {
    sink.warn('title-mismatch', h1.startLine, `The heading names \`${name}\` but the front matter \`title\` is \`${title}\`; the heading was used.`, 'Make `title` and the `#` heading agree.');
  }
  const syntaxSets = readSyntax(byTitle.get('SYNTAX'), sink);
  const parametersSection = readParameters(byTitle.get('PARAMETERS'), lines, sink);
  for (const expected of ['SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS']) {
    if (!byTitle.has(expected)) sink.info('section-missing', h1.startLine, `Section \`## ${expected}\` is missing; it was read as empty.`);
  }

  // 4. Parameters and sets, reconciled between SYNTAX and the YAML blocks.
  const parameters = completeFromSyntax(parametersSection.parameters, syntaxSets, sink);
  const { sets, defaultSet } = reconcileSets(syntaxSets, parameters, sink);
  const syntaxNames = new Set(syntaxSets.flatMap((set) => set.syntaxParameters.map((parameter) => parameter.name.toLowerCase())));
  const commonInSyntax = syntaxSets.some((set) => set.commonParameters);

  const frontMatterAliases = values.aliases;
  const aliases = byTitle.has('ALIASES')
    ? readAliases(byTitle.get('ALIASES'), lines, name)
    : Array.isArray(frontMatterAliases)
      ? frontMatterAliases
      : [];

  const notes = byTitle.get('NOTES');
  const complex = notes
    ? parseComplexParameters(lines.slice(notes.start - 1, notes.end), notes.start, parameters.map((parameter) => parameter.name), file)
    : { complexParameters: [], diagnostics: [] };
  sink.diagnostics.push(...complex.diagnostics);

  const command: CommandModel = {
    name,
    module: frontMatterText(values, 'Module Name') || path.basename(path.dirname(path.resolve(file))),
    schema,
    source: file,
    frontMatter: values,
    synopsis: sectionText(byTitle.get('SYNOPSIS'), lines),
    description: sectionText(byTitle.get('DESCRIPTION'), lines),
    aliases,
    parameterSets: sets,
    defaultParameterSet: defaultSet,
    parameters,
    cmdletBinding: commonInSyntax || parametersSection.commonParametersHeading || parametersSection.documentedCommon.length > 0 || [...syntaxNames].some(isCommonParameter),
    supportsShouldProcess: parametersSection.documentsShouldProcess || syntaxNames.has('whatif') || syntaxNames.has('confirm'),
    examples: readExamples(byTitle.get('EXAMPLES'), lines),
    inputs: readTypeDocs(byTitle.get('INPUTS'), lines),
    outputs: readTypeDocs(byTitle.get('OUTPUTS'), lines),
    notes: sectionText(byTitle.get('NOTES'), lines),
    complexParameters: complex.complexParameters,
    links: readLinks(byTitle.get('RELATED LINKS'), lines),
    position: { line: h1.startLine, column: 1 },
  };
  checkCommand(command, syntaxSets, parametersSection.commonParametersHeading, sink);
  return { command, skipped: null, diagnostics: sink.diagnostics };
}

function skip(sink: DiagnosticSink, kind: 'module-page' | 'about-topic', file: string, what: string): ParseResult {
  sink.info('skipped-page', 1, `Skipped: this is a ${what}, not cmdlet help.`);
  return { command: null, skipped: { kind, source: file, reason: what }, diagnostics: sink.diagnostics };
}

function readSchema(values: Record<string, string | string[]>, sink: DiagnosticSink): SchemaVersion {
  if (frontMatterText(values, 'PlatyPS schema version') !== '') return 'v2';
  if (frontMatterText(values, 'schema') !== '') return 'v1';
  sink.info('schema-unknown', 1, 'The front matter has neither `PlatyPS schema version` nor `schema`; the format was detected per YAML block.', 'Add `PlatyPS schema version: 2024-05-01` (v2) or `schema: 2.0.0` (v1).');
  return 'unknown';
}

/**
 * Fills in what the YAML left out from SYNTAX: parameters that appear only in a syntax line, and
 * parameters whose YAML block is missing, get their type, sets, requiredness and position from
 * the syntax lines that mention them.
 */
function completeFromSyntax(documented: ParameterModel[], syntaxSets: readonly ParameterSetModel[], sink: DiagnosticSink): ParameterModel[] {
  const parameters = [...documented];
  const byName = new Map(parameters.map((parameter) => [parameter.name.toLowerCase(), parameter]));
  // Parameters whose sets come from syntax lines, because they have no YAML block or no section.
  const fromSyntax = new Set<ParameterModel>();
  for (const set of syntaxSets) {
    let positional = 0;
    for (const token of set.syntaxParameters) {
      const position = token.positional ? positional++ : null;
      const lower = token.name.toLowerCase();
      if (isAddedByPowerShell(lower)) continue;
      let parameter = byName.get(lower);
      if (!parameter) {
        sink.warn('parameter-missing-section', set.position.line, `\`-${token.name}\` appears in the syntax of set \`${set.name}\` but has no section in PARAMETERS; it was taken from SYNTAX.`, `Add a \`### -${token.name}\` section with a YAML block.`);
        parameter = {
          name: token.name,
          type: '',
          description: '',
          aliases: [],
          defaultValue: '',
          acceptedValues: [],
          supportsWildcards: false,
          dontShow: false,
          helpMessage: '',
          sets: [],
          extra: {},
          position: { ...set.position },
        };
        parameters.push(parameter);
        byName.set(lower, parameter);
        fromSyntax.add(parameter);
      }
      if (parameter.sets.length === 0 || fromSyntax.has(parameter)) {
        fromSyntax.add(parameter);
        if (parameter.type === '') parameter.type = token.type === null ? 'System.Management.Automation.SwitchParameter' : token.type;
        parameter.sets.push({
          set: set.name,
          position,
          required: token.mandatory,
          valueFromPipeline: false,
          valueFromPipelineByPropertyName: false,
          valueFromRemainingArguments: false,
        });
      }
    }
  }
  for (const parameter of parameters) {
    if (parameter.sets.length === 0) {
      parameter.sets.push({ set: ALL_PARAMETER_SETS, position: null, required: false, valueFromPipeline: false, valueFromPipelineByPropertyName: false, valueFromRemainingArguments: false });
    }
    if (parameter.type === '') parameter.type = 'System.Object';
  }
  return parameters;
}

function isCommonParameter(lowerName: string): boolean {
  return isAddedByPowerShell(lowerName) && lowerName !== 'whatif' && lowerName !== 'confirm';
}

function isAddedByPowerShell(lowerName: string): boolean {
  return ['verbose', 'debug', 'erroraction', 'warningaction', 'informationaction', 'progressaction', 'errorvariable', 'warningvariable', 'informationvariable', 'outvariable', 'outbuffer', 'pipelinevariable', 'whatif', 'confirm'].includes(lowerName);
}

/**
 * Decides the command's parameter sets. The YAML blocks list the sets of each parameter, as
 * PowerShell's own metadata does, so they win over SYNTAX headings. A set exists when a
 * parameter names it or SYNTAX marks it as the default. A SYNTAX set that no parameter names is
 * dropped; a YAML set that SYNTAX does not declare is kept and reported.
 */
function reconcileSets(syntaxSets: readonly ParameterSetModel[], parameters: ParameterModel[], sink: DiagnosticSink): { sets: ParameterSetModel[]; defaultSet: string | null } {
  const syntaxByLower = new Map(syntaxSets.map((set) => [set.name.toLowerCase(), set]));
  const used = new Map<string, string>();
  for (const parameter of parameters) {
    for (const membership of parameter.sets) {
      if (membership.set === ALL_PARAMETER_SETS) continue;
      if (membership.set.toLowerCase() === 'all' && !syntaxByLower.has('all')) {
        sink.warn('parameter-set-all', parameter.position.line, `\`-${parameter.name}\` lists set \`All\`, which SYNTAX does not declare; it was read as \`(All)\`.`, 'Write `Parameter Sets: (All)`.');
        membership.set = ALL_PARAMETER_SETS;
        continue;
      }
      if (!used.has(membership.set)) used.set(membership.set, membership.set);
    }
  }

  const sets: ParameterSetModel[] = [];
  const usedLower = new Map([...used.keys()].map((name) => [name.toLowerCase(), name]));
  for (const set of syntaxSets) {
    const yamlName = used.has(set.name) ? set.name : usedLower.get(set.name.toLowerCase());
    if (yamlName !== undefined && yamlName !== set.name) {
      sink.warn('set-name-case', set.position.line, `Set \`${set.name}\` in SYNTAX is spelled \`${yamlName}\` in the YAML blocks; PowerShell compares set names with case, so \`${yamlName}\` was used.`, 'Spell the set name the same way everywhere.');
    }
    if (yamlName !== undefined || set.isDefault) {
      sets.push({ ...set, name: yamlName ?? set.name });
    } else if (set.name !== ALL_PARAMETER_SETS && used.size > 0) {
      sink.warn('set-without-parameters', set.position.line, `Set \`${set.name}\` in SYNTAX is not named by any parameter's YAML block, so PowerShell would not have it; it was dropped.`, 'List the set under `Parameter Sets` of the parameters that belong to it.');
    }
  }
  for (const name of used.keys()) {
    if (sets.some((set) => set.name === name)) continue;
    const parameter = parameters.find((candidate) => candidate.sets.some((membership) => membership.set === name));
    sink.warn('set-not-in-syntax', parameter?.position.line ?? 1, `Set \`${name}\`, named in the YAML block of \`-${parameter?.name ?? '?'}\`, has no block in SYNTAX.`, `Add \`### ${name}\` with its syntax line to SYNTAX, or fix the set name.`);
    sets.push({ name, isDefault: false, syntax: '', syntaxParameters: [], commonParameters: false, position: { line: parameter?.position.line ?? 1, column: 1 } });
  }
  const defaultSet = sets.find((set) => set.isDefault && set.name !== ALL_PARAMETER_SETS)?.name ?? null;
  return { sets, defaultSet };
}

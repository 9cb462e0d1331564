import { ALL_PARAMETER_SETS, type ParameterSetModel } from '../model/types.ts';
import type { CodeBlock } from './blocks.ts';
import type { DiagnosticSink } from './diagnostics.ts';
import { splitSubSections, type Section } from './sections.ts';
import { parseSyntaxLine } from './syntax-line.ts';

/**
 * Reads SYNTAX: one `### SetName` heading and one code block per parameter set. `(Default)` marks
 * the default set in any letter case. A ` - Xyz provider` suffix marks a provider-specific variant of
 * a set listed before, whose parameters are merged into that set. With no `###` heading, the first
 * code block is the command's only set, `__AllParameterSets`.
 */
export function readSyntax(section: Section | undefined, sink: DiagnosticSink): ParameterSetModel[] {
  if (!section) return [];
  const parts = splitSubSections(section);
  const sets: ParameterSetModel[] = [];

  if (parts.length === 0) {
    const codes = section.blocks.filter((block): block is CodeBlock => block.type === 'code');
    const first = codes[0];
    if (!first) return [];
    if (codes.length > 1) {
      sink.warn('syntax-unnamed-sets', codes[1]!.startLine, `SYNTAX has ${codes.length} code blocks but no \`###\` set headings; only the first was read as the command's syntax.`, 'Put a `### SetName` heading before each code block.');
    }
    sets.push(toSet(ALL_PARAMETER_SETS, false, first));
    return sets;
  }

  for (const part of parts) {
    const heading = part.heading.text.trim();
    const { name, isDefault } = readSetHeading(heading);
    const code = part.blocks.find((block): block is CodeBlock => block.type === 'code');
    if (!code) {
      sink.warn('syntax-set-without-code', part.heading.startLine, `Set \`${heading}\` in SYNTAX has no code block; it was ignored.`, 'Add a code block with the syntax line under the heading.');
      continue;
    }
    const set = toSet(name, isDefault, code);
    set.position = { line: part.heading.startLine, column: 1 };
    const existing = sets.find((other) => other.name === name);
    if (existing) {
      for (const parameter of set.syntaxParameters) {
        if (!existing.syntaxParameters.some((other) => other.name.toLowerCase() === parameter.name.toLowerCase())) existing.syntaxParameters.push(parameter);
      }
      existing.isDefault ||= isDefault;
      continue;
    }
    sets.push(set);
  }
  const defaults = sets.filter((set) => set.isDefault);
  for (const extra of defaults.slice(1)) {
    sink.warn('syntax-two-defaults', extra.position.line, `Sets \`${defaults[0]!.name}\` and \`${extra.name}\` are both marked \`(Default)\`; \`${defaults[0]!.name}\` was used.`, 'Mark one set only as `(Default)`.');
    extra.isDefault = false;
  }
  return sets;
}

/** Splits `Name (Default) - Xyz provider` into the set name and its default flag. */
export function readSetHeading(heading: string): { name: string; isDefault: boolean } {
  let text = heading.replace(/\s+-\s+[^-]*\bproviders?\s*$/i, '').trim();
  const marker = /\s*\(default\)\s*$/i.exec(text);
  const isDefault = marker !== null;
  if (marker) text = text.slice(0, marker.index).trim();
  return { name: text, isDefault };
}

function toSet(name: string, isDefault: boolean, code: CodeBlock): ParameterSetModel {
  const syntax = code.value.split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' ');
  const parsed = parseSyntaxLine(syntax);
  return {
    name,
    isDefault,
    syntax,
    syntaxParameters: parsed.parameters,
    commonParameters: parsed.commonParameters,
    position: { line: code.startLine, column: 1 },
  };
}

/**
 * Reads the COMPLEX PARAMETER PROPERTIES tree that AutoRest-generated help (Microsoft Graph,
 * Teams config API) writes into NOTES: one block per hashtable parameter, such as
 *
 *     BODYPARAMETER `<IWidget>`: description
 *       [Id <String>]: optional property
 *       Label `<String>`: required property
 *         [Parts <IPart[]>]: nested by indentation
 *     wrapped description text continues at column 0
 *
 * The reader works on raw source lines, because to a CommonMark parser `<IWidget>` is an inline
 * HTML tag and the hard-wrapped lines merge into one paragraph.
 */
import type { ComplexParameterModel, ComplexPropertyModel, Diagnostic, Severity } from '../model/types.ts';

/** Result of reading one NOTES section. */
export interface ComplexParametersResult {
  complexParameters: ComplexParameterModel[];
  diagnostics: Diagnostic[];
}

/** One entry line, split into its parts. */
interface EntryLine {
  name: string;
  type: string;
  /** Written in `[...]`, so the property may be left out. */
  optional: boolean;
  description: string;
  /** Column (0-based) where the entry text starts, after indentation and any list marker. */
  column: number;
  /** Written as a markdown heading (`#### BODY <IType>: ...`), which always starts a block. */
  heading: boolean;
}

/** A node of the tree under construction, with the column its children must exceed. */
interface OpenNode {
  column: number;
  properties: ComplexPropertyModel[];
  descriptionLines: string[];
  /** The model object whose description is filled when the node closes. */
  target: { description: string };
}

const MARKER = /^ {0,3}(?:(#{1,6})[ \t]+)?[*_]{0,2}COMPLEX PARAMETER PROPERTIES[*_]{0,2}[ \t]*#*[ \t]*$/i;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const LIST_MARKER = /^[-*+][ \t]+/;
const PROPERTY_NAME = /^(?:\(Any\)|[A-Za-z_@$][\w.@$-]*)/;
const TYPE_TEXT = /^[A-Za-z_][\w.`]*(?:[<[][\w.,`?<>[\] ]*[>\]])*\??$/;
const MARKDOWN_ESCAPE = /\\([!-/:-@[-`{-~])/g;
const TAB_WIDTH = 4;

/**
 * Parses the COMPLEX PARAMETER PROPERTIES tree of a NOTES section.
 *
 * @param lines Raw source lines of the NOTES section (the heading line may be included).
 * @param firstLine 1-based source line number of `lines[0]`.
 * @param parameterNames Names of the documented parameters, matched case-insensitively to the
 *   top-level block names.
 * @param file Source path copied into the diagnostics.
 * @returns One model per top-level block, and diagnostics for blocks that match no parameter,
 *   repeated names and entries that cannot be placed in the tree.
 */
export function parseComplexParameters(
  lines: readonly string[],
  firstLine: number,
  parameterNames: readonly string[],
  file = '',
): ComplexParametersResult {
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Severity, ruleId: string, index: number, column: number, message: string, hint?: string) => {
    const diagnostic: Diagnostic = { file, line: firstLine + index, column: column + 1, severity, ruleId, message };
    if (hint !== undefined) diagnostic.hint = hint;
    diagnostics.push(diagnostic);
  };

  const start = lines.findIndex((line) => MARKER.test(line));
  if (start < 0) {
    return { complexParameters: [], diagnostics };
  }
  const markerLevel = MARKER.exec(lines[start] ?? '')?.[1]?.length ?? 0;
  const parameters = new Map(parameterNames.map((name) => [name.toLowerCase(), name]));

  const roots: ComplexParameterModel[] = [];
  const rootNames = new Set<string>();
  let stack: OpenNode[] = [];
  let rootColumn = 0;
  let afterBlank = false;
  let skipping = false;

  // 1. Walk the lines after the marker: entries open nodes, other text continues a description.
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '' || line.trim() === '\\') {
      afterBlank = true;
      continue;
    }

    const entry = readEntryLine(line);
    const heading = HEADING.exec(line);
    if (entry === null && heading !== null) {
      // A heading that is not an entry ends the tree, unless it is deeper than the marker heading.
      if (markerLevel === 0 || (heading[1] ?? '').length <= markerLevel) {
        break;
      }
      closeNodes(stack, 0);
      stack = [];
      afterBlank = true;
      continue;
    }

    if (entry === null) {
      const open = stack.at(-1);
      if (open !== undefined && !afterBlank) {
        open.descriptionLines.push(cleanText(line));
      } else if (roots.length > 0 && !skipping) {
        report('info', 'complex-notes-text-skipped', index, 0, 'Text between COMPLEX PARAMETER PROPERTIES blocks belongs to no entry and was skipped.');
        skipping = true;
      }
      continue;
    }
    afterBlank = false;
    skipping = false;

    // 2. Decide whether the entry starts a new top-level block or nests under an open node.
    const current = stack[0];
    if (current === undefined || entry.heading || (entry.column <= rootColumn && isRootEntry(entry, parameters))) {
      closeNodes(stack, 0);
      stack = [];
      const root = openRoot(entry, firstLine + index);
      rootColumn = entry.heading ? -1 : entry.column;
      if (entry.optional) {
        report('warning', 'complex-parameter-optional-root', index, entry.column, `Top-level entry \`${entry.name}\` is written in brackets like an optional property; it is read as a parameter block.`);
      }
      const parameter = parameters.get(entry.name.toLowerCase());
      if (parameter === undefined) {
        report('warning', 'complex-parameter-unknown', index, entry.column, `COMPLEX PARAMETER PROPERTIES block \`${entry.name}\` matches no documented parameter.`, 'Rename the block after a `### -Name` parameter of this page, or remove it.');
      } else {
        root.parameter = parameter;
      }
      if (rootNames.has(entry.name.toLowerCase())) {
        report('warning', 'complex-parameter-duplicate', index, entry.column, `COMPLEX PARAMETER PROPERTIES block \`${entry.name}\` appears twice; the first block is used.`);
        stack = [{ column: rootColumn, properties: [], descriptionLines: [entry.description], target: { description: '' } }];
        continue;
      }
      rootNames.add(entry.name.toLowerCase());
      roots.push(root);
      stack = [{ column: rootColumn, properties: root.properties, descriptionLines: [entry.description], target: root }];
      continue;
    }

    // Entries at the root column that are not blocks (the unindented variant) are children of the root.
    const column = entry.column <= rootColumn ? rootColumn + 1 : entry.column;
    while (stack.length > 1 && (stack.at(-1)?.column ?? 0) >= column) {
      closeNode(stack.pop());
    }
    const parent = stack.at(-1) ?? current;
    const property: ComplexPropertyModel = {
      name: entry.name,
      type: entry.type,
      required: !entry.optional,
      description: '',
      properties: [],
      line: firstLine + index,
    };
    const duplicate = parent.properties.find((other) => other.name.toLowerCase() === entry.name.toLowerCase());
    if (duplicate !== undefined) {
      report('warning', 'complex-property-duplicate', index, entry.column, `Property \`${entry.name}\` appears twice in one object (first on line ${duplicate.line}); the first entry is used.`, 'Hashtable keys compare case-insensitively, so one of the entries is redundant.');
      stack.push({ column, properties: [], descriptionLines: [entry.description], target: { description: '' } });
      continue;
    }
    parent.properties.push(property);
    stack.push({ column, properties: property.properties, descriptionLines: [entry.description], target: property });
  }

  // 3. Close the nodes still open when the section ends.
  closeNodes(stack, 0);
  return { complexParameters: roots, diagnostics };
}

function openRoot(entry: EntryLine, line: number): ComplexParameterModel {
  return { name: entry.name, type: entry.type, description: '', properties: [], line };
}

/**
 * True when an entry at the root column starts a block: written without brackets and named
 * after a parameter, or in upper case as AutoRest writes block names.
 */
function isRootEntry(entry: EntryLine, parameters: ReadonlyMap<string, string>): boolean {
  if (entry.optional) {
    return false;
  }
  return parameters.has(entry.name.toLowerCase()) || entry.name === entry.name.toUpperCase();
}

function closeNodes(stack: OpenNode[], keep: number): void {
  while (stack.length > keep) {
    closeNode(stack.pop());
  }
}

/** Joins the description lines of a node into its model, reading a lone `.` as no description. */
function closeNode(node: OpenNode | undefined): void {
  if (node === undefined) {
    return;
  }
  const text = node.descriptionLines
    .map((line) => line.trim())
    .join('\n')
    .trim();
  node.target.description = text === '.' ? '' : text;
}

/**
 * Splits one line into an entry, or returns null when the line is not one. An entry is
 * indentation, an optional list marker or heading marks, then `[Name <Type>]: description` with
 * optional brackets and backticks. The `<Type>` and the colon are required, so wrapped prose
 * that starts with a word and contains `: ` or brackets is not taken for an entry.
 */
export function readEntryLine(rawLine: string): EntryLine | null {
  const expanded = rawLine.replace(/\t/g, ' '.repeat(TAB_WIDTH));
  let column = expanded.length - expanded.trimStart().length;
  let text = expanded.trimStart();
  let heading = false;

  const headingMarks = /^#{1,6}[ \t]+/.exec(text);
  if (headingMarks !== null) {
    heading = true;
    text = text.slice(headingMarks[0].length);
  } else {
    const listMarker = LIST_MARKER.exec(text);
    if (listMarker !== null) {
      column += listMarker[0].length;
      text = text.slice(listMarker[0].length);
    }
  }

  const head = readEntryHead(cleanText(text));
  if (head === null) {
    return null;
  }
  return { ...head, column, heading };
}

/** Reads `[Name <Type>]: description` with the backtick placements seen in real help. */
function readEntryHead(text: string): Omit<EntryLine, 'column' | 'heading'> | null {
  let position = 0;
  const skipBackticks = () => {
    while (text[position] === '`') position += 1;
  };

  // 1. Optional opening bracket and the property name.
  skipBackticks();
  const optional = text[position] === '[';
  if (optional) position += 1;
  skipBackticks();
  const name = PROPERTY_NAME.exec(text.slice(position))?.[0];
  if (name === undefined) {
    return null;
  }
  position += name.length;

  // 2. The type in balanced angle brackets, such as `<List<List<String>>>`.
  const spaces = /^ +/.exec(text.slice(position));
  if (spaces === null) {
    return null;
  }
  position += spaces[0].length;
  skipBackticks();
  if (text[position] !== '<') {
    return null;
  }
  const typeEnd = matchingAngle(text, position);
  if (typeEnd < 0) {
    return null;
  }
  const type = text.slice(position + 1, typeEnd).trim();
  if (!TYPE_TEXT.test(type)) {
    return null;
  }
  position = typeEnd + 1;

  // 3. Closing bracket, then the colon and the description.
  skipBackticks();
  if (optional) {
    if (text[position] !== ']') {
      return null;
    }
    position += 1;
    skipBackticks();
  }
  while (text[position] === ' ') position += 1;
  if (text[position] !== ':') {
    return null;
  }
  position += 1;
  skipBackticks();
  return { name, type, optional, description: text.slice(position).trim() };
}

/** Index of the `>` that closes the `<` at `open`, or -1 when the brackets do not balance. */
function matchingAngle(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    const character = text[index];
    if (character === '<') {
      depth += 1;
    } else if (character === '>') {
      depth -= 1;
      if (depth === 0) {
        return index;
      }
    }
  }
  return -1;
}

/** Removes markdown backslash escapes (`\<`, `\[`) and a trailing hard-break backslash. */
function cleanText(line: string): string {
  return line
    .trimEnd()
    .replace(/\\$/, '')
    .replace(MARKDOWN_ESCAPE, '$1')
    .trimEnd();
}

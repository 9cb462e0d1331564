/**
 * Checks the NOTES reader and the shared interfaces against the real Graph and Teams help in the
 * doc corpus, read in place. Expected trees come from a separate, simpler reading of the same
 * lines (the Graph layout only: two spaces per level, no list markers), so the tests hold for
 * any corpus content and commit nothing derived from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildComplexTypes, type ComplexTypeSource, type ModuleComplexTypes } from '../../generator/emit/complex-types.ts';
import type { ComplexPropertyModel } from '../../generator/model/types.ts';
import { parseMarkdown } from '../../generator/parse/index.ts';
import { parseComplexParameters } from '../../generator/parse/notes.ts';
import { CORPUS, corpusAvailable, flatten, notesSection, readLines } from './helpers.ts';
import { anyTypeUses, runtimeImport, typeCheck } from './typecheck.ts';

const available = corpusAvailable();
const MARKER = 'COMPLEX PARAMETER PROPERTIES';

/** An entry of the expected tree, read without the parser. */
interface ExpectedEntry {
  path: string;
  type: string;
  required: boolean;
  depth: number;
  description: string;
}

/**
 * Reads a Graph NOTES tree the simple way: an entry is `indent [Name <Type>]: text` with the
 * depth given by indent / 2; any other non-blank line continues the last entry's description.
 */
function expectedTree(lines: readonly string[]): ExpectedEntry[] {
  const entries: ExpectedEntry[] = [];
  const descriptions: string[][] = [];
  const stack: string[] = [];
  let inTree = false;
  for (const line of lines) {
    if (line.trim() === MARKER) {
      inTree = true;
      continue;
    }
    if (!inTree || line.trim() === '') continue;
    const match = /^( *)(\[?)(\(Any\)|[A-Za-z]\w*) `?<(.+?)>`?\]?: ?(.*)$/.exec(line);
    if (match === null) {
      descriptions.at(-1)?.push(line.trim());
      continue;
    }
    const [, indent = '', bracket, name = '', type = '', text = ''] = match;
    const depth = indent.length / 2;
    stack.length = depth;
    stack.push(name);
    entries.push({ path: stack.join('/'), type, required: bracket === '' || depth === 0, depth, description: '' });
    descriptions.push([text]);
  }
  return entries.map((entry, index) => {
    const text = (descriptions[index] ?? []).join('\n').replace(/\\([!-/:-@[-`{-~])/g, '$1').trim();
    return { ...entry, description: text === '.' ? '' : text };
  });
}

function graphFiles(): string[] {
  const root = join(CORPUS, 'graph');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(root, name))
    .sort();
}

/** Parses a doc and fills in its complex parameters; fails the test on reader diagnostics. */
function loadCommand(file: string): ComplexTypeSource | null {
  const lines = readLines(file);
  const result = parseMarkdown(lines.join('\n'), file);
  if (result.command === null) return null;
  const section = notesSection(lines);
  const notes = parseComplexParameters(section.lines, section.firstLine, result.command.parameters.map((parameter) => parameter.name), file);
  expect(notes.diagnostics, file).toEqual([]);
  return { ...result.command, complexParameters: notes.complexParameters };
}

describe.skipIf(!available)('Graph NOTES trees', () => {
  const files = available ? graphFiles().filter((file) => readFileSync(file, 'utf8').includes(MARKER)) : [];

  test('corpus has NOTES trees', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  test('every tree matches its NOTES text', () => {
    let entries = 0;
    for (const file of files) {
      const lines = readLines(file);
      const section = notesSection(lines);
      const parameters = lines.filter((line) => line.startsWith('### -')).map((line) => line.slice(5).trim());
      const parsed = parseComplexParameters(section.lines, section.firstLine, parameters, file);
      const expected = expectedTree(section.lines);
      const actualEntries = flatten(parsed.complexParameters);
      expect(actualEntries, file).toEqual(expected.map(({ path, type, required }) => ({ path, type, required })));
      expect(parsed.diagnostics, file).toEqual([]);
      entries += expected.length;
    }
    expect(entries).toBeGreaterThan(1000);
  });

  test('descriptions include continuation lines', () => {
    for (const file of files) {
      const section = notesSection(readLines(file));
      const parsed = parseComplexParameters(section.lines, section.firstLine, [], file);
      const descriptions: string[] = [];
      const walk = (properties: readonly ComplexPropertyModel[]) => {
        for (const property of properties) {
          descriptions.push(property.description);
          walk(property.properties);
        }
      };
      for (const block of parsed.complexParameters) {
        descriptions.push(block.description);
        walk(block.properties);
      }
      expect(descriptions, file).toEqual(expectedTree(section.lines).map((entry) => entry.description));
    }
  });

  test('New-MgApplication body is deeply nested', () => {
    const file = join(CORPUS, 'graph/Microsoft.Graph.Applications/New-MgApplication.md');
    const section = notesSection(readLines(file));
    const expected = expectedTree(section.lines).filter((entry) => entry.path.startsWith('BODYPARAMETER/'));
    const parsed = parseComplexParameters(section.lines, section.firstLine, ['BodyParameter'], file);
    const body = parsed.complexParameters.find((block) => block.name === 'BODYPARAMETER');
    expect(body?.parameter).toBe('BodyParameter');
    const maxDepth = (properties: NonNullable<typeof body>['properties']): number =>
      properties.reduce((depth, property) => Math.max(depth, 1 + maxDepth(property.properties)), 0);
    expect(maxDepth(body?.properties ?? [])).toBe(Math.max(...expected.map((entry) => entry.depth)));
    expect(maxDepth(body?.properties ?? [])).toBeGreaterThanOrEqual(5);
    const addIns = body?.properties.find((property) => property.name === 'AddIns');
    expect(addIns?.type).toBe('IMicrosoftGraphAddIn[]');
    expect(addIns?.properties.find((property) => property.name === 'Properties')?.properties.map((property) => property.name)).toEqual(['Key', 'Value']);
  });
});

describe.skipIf(!available)('Teams NOTES trees', () => {
  test('escaped, bulleted and flat trees', () => {
    const root = join(CORPUS, 'teams');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.md'))
      .map((name) => join(root, name))
      .filter((file) => readFileSync(file, 'utf8').includes(MARKER));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const lines = readLines(file);
      const section = notesSection(lines);
      const parameters = lines.filter((line) => line.startsWith('### -')).map((line) => line.slice(5).trim());
      const parsed = parseComplexParameters(section.lines, section.firstLine, parameters, file);
      expect(parsed.diagnostics, file).toEqual([]);
      expect(parsed.complexParameters.every((block) => block.parameter !== undefined), file).toBe(true);
      const entryLines = section.lines.filter((line) => /^\s*(- )?`?\\?\[?[\w()]+ \\?<.+>`?\\?\]?`?:/.test(line));
      expect(flatten(parsed.complexParameters), file).toHaveLength(entryLines.length);
    }
  });
});

describe.skipIf(!available)('Graph module interfaces', () => {
  const modules = new Map<string, { commands: ComplexTypeSource[]; types: ModuleComplexTypes }>();
  if (available) {
    const byModule = new Map<string, ComplexTypeSource[]>();
    for (const file of graphFiles()) {
      const command = loadCommand(file);
      if (command === null) continue;
      const module = file.split('/').at(-2) ?? '';
      byModule.set(module, [...(byModule.get(module) ?? []), command]);
    }
    for (const [module, commands] of byModule) modules.set(module, { commands, types: buildComplexTypes(commands) });
  }

  test('no conflicts or unknown types', () => {
    for (const [module, { types }] of modules) {
      expect(types.diagnostics, module).toEqual([]);
    }
  });

  test('every module compiles strict without any', () => {
    const files: Record<string, string> = {};
    for (const [module, { types }] of modules) {
      const text = `${runtimeImport(types.runtimeImports)}${types.declarations}\nexport {};\n`;
      expect(anyTypeUses(text), module).toEqual([]);
      files[`${module}.ts`] = text;
    }
    expect(typeCheck(files)).toEqual([]);
  });

  test('group lifecycle cmdlets share body and identity', () => {
    const groups = modules.get('Microsoft.Graph.Groups')?.types;
    const body = groups?.typeForParameter('New-MgGroupLifecyclePolicy', 'BodyParameter');
    expect(body).toBe('IMicrosoftGraphGroupLifecyclePolicy');
    expect(groups?.typeForParameter('Update-MgGroupLifecyclePolicy', 'BodyParameter')).toBe(body);
    const identity = groups?.typeForParameter('New-MgGroupLifecyclePolicy', 'InputObject');
    expect(identity).toBe('IGroupsIdentity');
    expect(groups?.typeForParameter('Update-MgGroupLifecyclePolicy', 'InputObject')).toBe(identity);
    expect(groups?.declarations.match(/export interface IMicrosoftGraphGroupLifecyclePolicy \{/g)).toHaveLength(1);
    expect(groups?.declarations.match(/export interface IGroupsIdentity \{/g)).toHaveLength(1);
  });

  test.each([
    ['Microsoft.Graph.Groups', 'New-MgGroupLifecyclePolicy'],
    ['Microsoft.Graph.Groups', 'Update-MgGroupLifecyclePolicy'],
    ['Microsoft.Graph.Applications', 'New-MgApplication'],
  ])('%s %s members follow NOTES', (module, commandName) => {
    const entry = modules.get(module);
    const command = entry?.commands.find((candidate) => candidate.name === commandName);
    expect(command).toBeDefined();
    const section = notesSection(readLines(command?.source ?? ''));
    const expected = expectedTree(section.lines);
    // Each described object's interface must list its NOTES children with matching optionality and arrays.
    for (const parent of expected.filter((candidate) => expected.some((child) => child.path.startsWith(`${candidate.path}/`)))) {
      const typeName = parent.type.replace(/\[\]$/, '');
      const body = new RegExp(`export interface ${typeName} \\{([\\s\\S]*?)\\n\\}`).exec(entry?.types.declarations ?? '')?.[1] ?? '';
      expect(body, `${parent.path} <${parent.type}>`).not.toBe('');
      for (const child of expected.filter((candidate) => candidate.path.startsWith(`${parent.path}/`) && candidate.depth === parent.depth + 1)) {
        const name = child.path.split('/').at(-1) ?? '';
        if (name === '(Any)') {
          expect(body, `${child.path}`).toContain('  [property: string]: unknown;');
          continue;
        }
        const member = new RegExp(`\\n  ${name}(\\??): ([^\\n]*);`).exec(`\n${body}`);
        expect(member, `${child.path}`).not.toBeNull();
        // Merging may make a property optional that one doc marks required, but never the reverse.
        if (!child.required) expect(member?.[1], `${child.path} optional`).toBe('?');
        expect(member?.[2]?.endsWith('[]') || member?.[2]?.startsWith('Array<'), `${child.path} array`).toBe(child.type.endsWith('[]'));
      }
    }
  });

  test('share of complex parameters typed', () => {
    for (const [module, { commands, types }] of modules) {
      const blocks = commands.flatMap((command) => command.complexParameters.map((block) => [command.name, block.parameter ?? block.name] as const));
      for (const [commandName, parameter] of blocks) {
        const mapping = types.mappingForParameter(commandName, parameter);
        expect(mapping?.known, `${module} ${commandName} -${parameter}`).toBe(true);
        expect(mapping?.kind).toBe('hashtable');
      }
    }
  });
});

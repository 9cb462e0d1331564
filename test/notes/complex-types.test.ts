import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildComplexTypes, type ComplexTypeSource } from '../../generator/emit/complex-types.ts';
import type { ComplexParameterModel, ComplexPropertyModel } from '../../generator/model/types.ts';
import { parseMarkdown } from '../../generator/parse/index.ts';
import { parseComplexParameters } from '../../generator/parse/notes.ts';
import { FIXTURES, notesSection, readLines } from './helpers.ts';
import { anyTypeUses, runtimeImport, typeCheck } from './typecheck.ts';

/** Parses every doc of a fixture module, with its NOTES tree read by the complex-parameter reader. */
function loadModule(folder: string): ComplexTypeSource[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const file = join(folder, name);
      const lines = readLines(file);
      const result = parseMarkdown(lines.join('\n'), file);
      if (result.command === null) throw new Error(`${file} did not parse as a command.`);
      const section = notesSection(lines);
      const notes = parseComplexParameters(section.lines, section.firstLine, result.command.parameters.map((parameter) => parameter.name), file);
      expect(notes.diagnostics).toEqual([]);
      return { ...result.command, complexParameters: notes.complexParameters };
    });
}

function property(name: string, type: string, required = false, properties: ComplexPropertyModel[] = []): ComplexPropertyModel {
  return { name, type, required, description: '', properties, line: 1 };
}

function command(name: string, blocks: ComplexParameterModel[]): ComplexTypeSource {
  return { name, source: `${name}.md`, parameters: [], complexParameters: blocks };
}

function block(name: string, type: string, properties: ComplexPropertyModel[]): ComplexParameterModel {
  return { name, parameter: name, type, description: '', properties, line: 1 };
}

describe('buildComplexTypes on widget fixtures', () => {
  const commands = loadModule(join(FIXTURES, 'Contoso.Widgets'));
  const types = buildComplexTypes(commands);
  const file = `${runtimeImport(types.runtimeImports)}${types.declarations}\n`;

  test('declarations snapshot', async () => {
    await expect(file).toMatchFileSnapshot('./__snapshots__/Contoso.Widgets.types.ts');
  });

  test('one interface per model type', () => {
    expect(types.typeNames).toEqual([
      'IContosoAddress',
      'IContosoContact',
      'IContosoGeo',
      'IContosoKeyValue',
      'IContosoOwner',
      'IContosoWidget',
      'IContosoWidgetPart',
      'IContosoWidgetsIdentity',
    ]);
    expect(types.diagnostics).toEqual([]);
    expect(types.runtimeImports).toEqual(['SecureStringValue']);
  });

  test.each([
    ['New-ContosoWidget', 'BodyParameter', 'IContosoWidget'],
    ['Update-ContosoWidget', 'BodyParameter', 'IContosoWidget'],
    ['update-contosowidget', 'BODYPARAMETER', 'IContosoWidget'],
    ['New-ContosoWidget', 'Parts', 'IContosoWidgetPart[]'],
    ['Update-ContosoWidget', 'InputObject', 'IContosoWidgetsIdentity'],
    ['New-ContosoWidget', 'Name', null],
    ['Update-ContosoWidget', 'WidgetId', null],
    ['Remove-ContosoWidget', 'InputObject', null],
  ])('%s -%s is %s', (commandName, parameter, want) => {
    expect(types.typeForParameter(commandName, parameter)).toBe(want);
  });

  test('mapping for body parameter', () => {
    expect(types.mappingForParameter('New-ContosoWidget', 'Parts')).toEqual({ ts: 'IContosoWidgetPart[]', kind: 'hashtable', arrayDepth: 1, known: true });
  });

  test('shared body type merges both docs', () => {
    const widget = /export interface IContosoWidget \{[\s\S]*?\n\}/.exec(types.declarations)?.[0] ?? '';
    expect(widget).toContain('  Color?: string;');
    expect(widget).toContain('  Secret?: SecureStringValue;');
    expect(widget).toContain('  Parts?: IContosoWidgetPart[];');
    expect(widget).toContain('  CreatedDateTime?: Date | string | null;');
    expect(widget).toContain('  [property: string]: unknown;');
    expect(types.declarations).toContain(
      '/** Hashtable of type `IContosoWidget`, as described in the help of New-ContosoWidget, Update-ContosoWidget. */\nexport interface IContosoWidget {',
    );
  });

  test('recursive part type', () => {
    const part = /export interface IContosoWidgetPart \{[\s\S]*?\n\}/.exec(types.declarations)?.[0] ?? '';
    expect(part).toContain('  Children?: IContosoWidgetPart[];');
    expect(part).toContain('  Attributes?: IContosoKeyValue[];');
    expect(part).not.toContain('[property: string]');
  });

  test('required key stays required', () => {
    expect(types.declarations).toMatch(/export interface IContosoKeyValue \{[\s\S]*?\n  Key: string;[\s\S]*?\n  Value\?: string;/);
  });

  test('input order does not matter', () => {
    const reversed = buildComplexTypes([...commands].reverse());
    expect(reversed.declarations).toBe(types.declarations);
  });

  test('compiles strict without any', () => {
    expect(anyTypeUses(file)).toEqual([]);
    expect(typeCheck({ 'widgets.ts': file })).toEqual([]);
  });

  test('types accept and reject values', () => {
    const usage = `import type { IContosoWidget, IContosoKeyValue } from './widgets.ts';
export const good: IContosoWidget = {
  Color: 'red',
  Extra: { anything: true },
  Parts: [{ Label: 'a', Size: null, Children: [{ Label: 'b', Attributes: [{ Key: 'k' }] }] }],
  Owner: { Contact: { Address: { Lines: ['1 Main St'], Geo: { Latitude: 1.5 } } } },
};
// @ts-expect-error Size is a number
export const badSize: IContosoWidget = { Parts: [{ Size: 'big' }] };
// @ts-expect-error Key is required
export const missingKey: IContosoKeyValue = { Value: 'v' };
// @ts-expect-error Lines is a string array
export const badLines: IContosoWidget = { Owner: { Contact: { Address: { Lines: 'one line' } } } };
`;
    expect(typeCheck({ 'widgets.ts': file, 'usage.ts': usage })).toEqual([]);
  });
});

describe('buildComplexTypes conflicts', () => {
  test('different property types give a union', () => {
    const types = buildComplexTypes([
      command('Set-B', [block('BODY', 'IThing', [property('Size', 'Int32?'), property('Name', 'String', true)])]),
      command('Set-A', [block('BODY', 'IThing', [property('Size', 'String'), property('Name', 'String', false)])]),
    ]);
    expect(types.declarations).toContain('  Size?: string | number | null;');
    expect(types.declarations).toContain('  Name?: string;');
    expect(types.diagnostics.map((diagnostic) => [diagnostic.ruleId, diagnostic.severity, diagnostic.file])).toEqual([
      ['complex-type-conflict', 'warning', 'Set-A.md'],
      ['complex-type-conflict', 'warning', 'Set-A.md'],
    ]);
    expect(types.diagnostics[0]?.message).toContain('`IThing.Size`');
    expect(types.diagnostics[1]?.message).toContain('required in Set-B');
  });

  test('unknown property type', () => {
    const types = buildComplexTypes([command('Set-A', [block('BODY', 'IThing', [property('Handle', 'System.IO.Stream'), property('Other', 'System.IO.Stream')])])]);
    expect(types.declarations).toContain('  Handle?: unknown;');
    expect(types.diagnostics.map((diagnostic) => diagnostic.ruleId)).toEqual(['complex-type-unknown']);
  });

  test('undescribed model type', () => {
    const types = buildComplexTypes([command('Set-A', [block('BODY', 'IThing', [property('Link', 'IOtherThing[]')]), block('EMPTY', 'IEmpty', [])])]);
    expect(types.declarations).toContain('  Link?: Array<Record<string, unknown>>;');
    expect(types.typeNames).toEqual(['IThing']);
    expect(types.typeForParameter('Set-A', 'Empty')).toBe('Record<string, unknown>');
  });

  test('built-in type with properties', () => {
    const types = buildComplexTypes([command('Set-A', [block('BODY', 'Hashtable', [property('Id', 'String')])])]);
    expect(types.declarations).toBe('');
    expect(types.typeForParameter('Set-A', 'Body')).toBe('Record<string, unknown>');
    expect(types.diagnostics.map((diagnostic) => diagnostic.ruleId)).toEqual(['complex-type-builtin']);
  });

  test('type names that clash or shadow globals', () => {
    const types = buildComplexTypes([
      command('Set-A', [
        block('ONE', 'Contoso.IThing', [property('Id', 'String')]),
        block('TWO', 'Fabrikam.IThing', [property('Key', 'String')]),
        block('THREE', 'Date', [property('Day', 'Int32')]),
      ]),
    ]);
    expect(types.typeNames).toHaveLength(3);
    expect(new Set(types.typeNames.map((name) => name.toLowerCase())).size).toBe(3);
    expect(types.typeNames).toContain('Date_');
    expect(types.typeForParameter('Set-A', 'Three')).toBe('Date_');
    expect(anyTypeUses(types.declarations)).toEqual([]);
    expect(typeCheck({ 'clash.ts': `${types.declarations}\nexport const when: Date = new Date();\n` })).toEqual([]);
  });

  test('odd property names are quoted', () => {
    const types = buildComplexTypes([command('Set-A', [block('BODY', 'IThing', [property('@odata.type', 'String'), property('default', 'String', true)])])]);
    expect(types.declarations).toContain("  '@odata.type'?: string;");
    expect(types.declarations).toContain('  default: string;');
  });

  test('description with comment end', () => {
    const hostile = { ...property('Note', 'String'), description: 'ends */ here <b>x</b>' };
    const types = buildComplexTypes([command('Set-A', [block('BODY', 'IThing', [hostile])])]);
    expect(types.declarations).toContain('/** ends *\\/ here **x** */');
    expect(typeCheck({ 'hostile.ts': types.declarations })).toEqual([]);
  });
});

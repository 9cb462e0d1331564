import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ComplexParameterModel, ComplexPropertyModel } from '../../generator/model/types.ts';
import { parseComplexParameters, readEntryLine } from '../../generator/parse/notes.ts';
import { FIXTURES, flatten, notesSection, parameterHeadings, readLines } from './helpers.ts';

const SELECTOR_PARAMETERS = ['Selector', 'InputObject'];

function parseFixture(relativePath: string, parameters: string[] = SELECTOR_PARAMETERS) {
  const lines = readLines(join(FIXTURES, relativePath));
  const section = notesSection(lines);
  return { lines, ...parseComplexParameters(section.lines, section.firstLine, parameters, relativePath) };
}

/** Removes line numbers, to compare variants that place entries on different lines. */
function withoutLines(blocks: readonly ComplexParameterModel[]): unknown {
  const strip = (properties: readonly ComplexPropertyModel[]): unknown[] =>
    properties.map(({ line: _line, properties: children, ...rest }) => ({ ...rest, properties: strip(children) }));
  return blocks.map(({ line: _line, properties, ...rest }) => ({ ...rest, properties: strip(properties) }));
}

describe('parseComplexParameters variants', () => {
  const indented = parseFixture('variants/selector-indented.md');

  test('indented variant tree', () => {
    expect(indented.diagnostics).toEqual([]);
    expect(flatten(indented.complexParameters)).toEqual([
      { path: 'SELECTOR', type: 'IGadgetSelector', required: true },
      { path: 'SELECTOR/Key', type: 'String', required: true },
      { path: 'SELECTOR/Values', type: 'List<String>', required: false },
      { path: 'SELECTOR/Matrix', type: 'List<List<Int32>>', required: false },
      { path: 'SELECTOR/Rules', type: 'List<IGadgetRule>', required: false },
      { path: 'SELECTOR/Rules/Op', type: 'Int32', required: true },
      { path: 'SELECTOR/Rules/Weight', type: 'Double?', required: false },
      { path: 'SELECTOR/(Any)', type: 'Object', required: false },
      { path: 'INPUTOBJECT', type: 'IGadgetIdentity', required: true },
      { path: 'INPUTOBJECT/Id', type: 'String', required: false },
    ]);
  });

  test('blocks link to parameters', () => {
    expect(indented.complexParameters.map((block) => block.parameter)).toEqual(['Selector', 'InputObject']);
  });

  test('descriptions and lines', () => {
    const [selector] = indented.complexParameters;
    expect(selector?.description).toBe('selector');
    expect(selector?.line).toBe(7);
    expect(selector?.properties[3]?.properties[0]?.description).toBe("* '1' - Up * '2' - Down");
    expect(selector?.properties[3]?.properties[1]?.description).toBe('');
    expect(selector?.properties[3]?.properties[1]?.line).toBe(13);
  });

  test.each([['variants/selector-bullets.md'], ['variants/selector-headings.md']])('%s equals indented variant', (fixture) => {
    const parsed = parseFixture(fixture);
    expect(parsed.diagnostics).toEqual([]);
    expect(withoutLines(parsed.complexParameters)).toEqual(withoutLines(indented.complexParameters));
  });

  test('heading variant stops at next heading', () => {
    const parsed = parseFixture('variants/selector-headings.md');
    const names = flatten(parsed.complexParameters).map((entry) => entry.path);
    expect(names).not.toContain('INPUTOBJECT/Fake');
    expect(names.at(-1)).toBe('INPUTOBJECT/Id');
  });

  test('escaped flat variant', () => {
    const parsed = parseFixture('variants/selector-escaped.md');
    expect(parsed.diagnostics).toEqual([]);
    expect(flatten(parsed.complexParameters)).toEqual([
      { path: 'SELECTOR', type: 'IGadgetSelector', required: true },
      { path: 'SELECTOR/Key', type: 'String', required: true },
      { path: 'SELECTOR/Values', type: 'List<String>', required: false },
      { path: 'INPUTOBJECT', type: 'IGadgetIdentity', required: true },
      { path: 'INPUTOBJECT/Id', type: 'String', required: false },
    ]);
    expect(parsed.complexParameters[0]?.properties[1]?.description).toBe('values\nthat wrap onto a second line.');
  });
});

describe('parseComplexParameters on widget fixture', () => {
  const lines = readLines(join(FIXTURES, 'Contoso.Widgets/New-ContosoWidget.md'));
  const section = notesSection(lines);
  const parsed = parseComplexParameters(section.lines, section.firstLine, parameterHeadings(lines), 'New-ContosoWidget.md');
  const [body, parts] = parsed.complexParameters;

  test('blocks and parameters', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.complexParameters.map((block) => [block.name, block.type, block.parameter])).toEqual([
      ['BODYPARAMETER', 'IContosoWidget', 'BodyParameter'],
      ['PARTS', 'IContosoWidgetPart[]', 'Parts'],
    ]);
  });

  test('five levels of nesting', () => {
    const paths = flatten(parsed.complexParameters).map((entry) => entry.path);
    expect(paths).toContain('BODYPARAMETER/Owner/Contact/Address/Geo/Latitude');
    expect(paths).toContain('BODYPARAMETER/Owner/Contact/Address/Geo/Longitude');
    expect(paths).toContain('BODYPARAMETER/Secret');
    expect(paths.filter((path) => path.startsWith('BODYPARAMETER/'))).toHaveLength(21);
  });

  test('continuation lines join descriptions', () => {
    const id = body?.properties.find((property) => property.name === 'Id');
    expect(id?.description).toBe('Identifier of the widget.\nRead-only.');
    const geo = body?.properties.find((property) => property.name === 'Owner')?.properties[2]?.properties[1]?.properties[1];
    expect(geo?.name).toBe('Geo');
    expect(geo?.properties[0]?.description).toBe('Degrees north.\nNegative south of the equator.');
  });

  test('dot description reads as empty', () => {
    expect(body?.properties.find((property) => property.name === 'CreatedDateTime')?.description).toBe('');
  });

  test('entry-like text inside a description', () => {
    const attributes = body?.properties.find((property) => property.name === 'Parts')?.properties[3];
    expect(attributes?.name).toBe('Attributes');
    expect(attributes?.description).toBe('Free-form attributes: key and value, as in [Key <String>]: text.');
    expect(attributes?.properties.map((property) => [property.name, property.required])).toEqual([
      ['Key', true],
      ['Value', false],
    ]);
  });

  test('line numbers point at the source', () => {
    for (const entry of [body, parts, ...(body?.properties ?? [])]) {
      expect(lines[(entry?.line ?? 0) - 1]).toContain(entry?.name);
    }
  });
});

describe('parseComplexParameters diagnostics', () => {
  const header = ['COMPLEX PARAMETER PROPERTIES', ''];

  test('section without marker', () => {
    const result = parseComplexParameters(['Some notes.', 'BODY <IWidget>: looks like a block'], 1, ['Body']);
    expect(result).toEqual({ complexParameters: [], diagnostics: [] });
  });

  test('block matching no parameter', () => {
    const result = parseComplexParameters([...header, 'GADGET <IGadget>: .', '  [Id <String>]: id'], 40, ['Widget'], 'doc.md');
    expect(result.complexParameters).toHaveLength(1);
    expect(result.complexParameters[0]?.parameter).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ file: 'doc.md', line: 42, column: 1, severity: 'warning', ruleId: 'complex-parameter-unknown' }),
    ]);
  });

  test('parameter names compare case-insensitively', () => {
    const result = parseComplexParameters([...header, 'bodyParameter <IGadget>: .', '  [Id <String>]: id'], 1, ['BODYPARAMETER']);
    expect(result.diagnostics).toEqual([]);
    expect(result.complexParameters[0]?.parameter).toBe('BODYPARAMETER');
  });

  test('repeated property keeps first', () => {
    const result = parseComplexParameters([...header, 'BODY <IGadget>: .', '  [Id <String>]: first', '  [ID <Int32>]: second'], 1, ['Body']);
    expect(result.complexParameters[0]?.properties).toEqual([
      { name: 'Id', type: 'String', required: false, description: 'first', properties: [], line: 4 },
    ]);
    expect(result.diagnostics.map((diagnostic) => [diagnostic.ruleId, diagnostic.line])).toEqual([['complex-property-duplicate', 5]]);
  });

  test('repeated block keeps first', () => {
    const lines = [...header, 'BODY <IGadget>: one', '  [Id <String>]: id', '', 'BODY <IGadget>: two', '  [Name <String>]: name'];
    const result = parseComplexParameters(lines, 1, ['Body']);
    expect(result.complexParameters.map((block) => block.description)).toEqual(['one']);
    expect(result.complexParameters[0]?.properties.map((property) => property.name)).toEqual(['Id']);
    expect(result.diagnostics.map((diagnostic) => [diagnostic.ruleId, diagnostic.line])).toEqual([['complex-parameter-duplicate', 6]]);
  });

  test('prose after a blank line is skipped', () => {
    const lines = [...header, 'BODY <IGadget>: one', '  [Id <String>]: id', '', 'A closing remark.', 'More of it.'];
    const result = parseComplexParameters(lines, 1, ['Body']);
    expect(result.complexParameters[0]?.properties[0]?.description).toBe('id');
    expect(result.diagnostics.map((diagnostic) => [diagnostic.ruleId, diagnostic.line, diagnostic.severity])).toEqual([
      ['complex-notes-text-skipped', 6, 'info'],
    ]);
  });

  test('ten levels of nesting', () => {
    const nested = Array.from({ length: 10 }, (_, depth) => `${'  '.repeat(depth + 1)}[Level${depth + 1} <ILevel${depth + 1}>]: level ${depth + 1}`);
    const result = parseComplexParameters([...header, 'BODY <ILevel0>: .', ...nested], 1, ['Body']);
    let node: ComplexPropertyModel | ComplexParameterModel | undefined = result.complexParameters[0];
    for (let depth = 1; depth <= 10; depth += 1) {
      node = node?.properties[0];
      expect(node?.name).toBe(`Level${depth}`);
    }
    expect(node?.properties).toEqual([]);
  });

  test('dedent returns to the right parent', () => {
    const lines = [...header, 'BODY <IA>: .', '  [B <IB>]: .', '    [C <IC>]: .', '      [D <String>]: .', '  [E <String>]: .', '    [F <String>]: .'];
    const paths = flatten(parseComplexParameters(lines, 1, ['Body']).complexParameters).map((entry) => entry.path);
    expect(paths).toEqual(['BODY', 'BODY/B', 'BODY/B/C', 'BODY/B/C/D', 'BODY/E', 'BODY/E/F']);
  });
});

describe('readEntryLine', () => {
  test.each([
    ['  [Id <String>]: text', { name: 'Id', type: 'String', optional: true, description: 'text', column: 2 }],
    ['BODY `<IWidget>`: .', { name: 'BODY', type: 'IWidget', optional: false, description: '.', column: 0 }],
    ['  Label `<String>`: Required label.', { name: 'Label', type: 'String', optional: false, description: 'Required label.', column: 2 }],
    ['    - `[Rules <List<List<IRule>>>]`: rules', { name: 'Rules', type: 'List<List<IRule>>', optional: true, description: 'rules', column: 6 }],
    ['  [Parts <IPart[]>]:', { name: 'Parts', type: 'IPart[]', optional: true, description: '', column: 2 }],
    ['  [Size <Int32?>]: n', { name: 'Size', type: 'Int32?', optional: true, description: 'n', column: 2 }],
    ['  [(Any) <Object>]: open', { name: '(Any)', type: 'Object', optional: true, description: 'open', column: 2 }],
    ['\\[Id \\<String\\>\\]: id\\', { name: 'Id', type: 'String', optional: true, description: 'id', column: 0 }],
    ['`SELECTOR <ISelector>`: selector', { name: 'SELECTOR', type: 'ISelector', optional: false, description: 'selector', column: 0 }],
    ['\tOp `<Int32>`: op', { name: 'Op', type: 'Int32', optional: false, description: 'op', column: 4 }],
  ])('entry %j', (line, want) => {
    expect(readEntryLine(line)).toEqual({ ...want, heading: false });
  });

  test('heading entry', () => {
    expect(readEntryLine('#### BODY <IType>: text')).toEqual({ name: 'BODY', type: 'IType', optional: false, description: 'text', column: 0, heading: true });
  });

  test.each([
    ['Read-only.'],
    ['Allowed characters are : ! # $ % & \' ( ) * + , - . / : ;  =  ? @ [ ] ^'],
    [' @ [ ] ^ + _  {  } ~, and characters in the ranges 0-9'],
    ['Possible values: <b>x</b>: y'],
    ['  [Id <String>] text without colon'],
    ['  [Id <String>: unclosed bracket'],
    ['  [Id <List<String>]: unbalanced'],
    ['  [Id <>]: empty type'],
    ['  [Id <two words>]: not a type'],
    ['Id<String>: no space before type'],
  ])('not an entry %j', (line) => {
    expect(readEntryLine(line)).toBeNull();
  });
});

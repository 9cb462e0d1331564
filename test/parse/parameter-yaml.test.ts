import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../generator/parse/diagnostics.ts';
import { readParameterFence, readPipelineInput, readRequired } from '../../generator/parse/parameter-yaml.ts';

function read(value: string) {
  const sink = new DiagnosticSink('test.md');
  const fence = readParameterFence(value, 10, 'Param', sink);
  return { fence, diagnostics: sink.diagnostics };
}

describe('v1 parameter blocks', () => {
  it('keeps values that YAML would rewrite', () => {
    for (const [raw, expected] of [
      ['* (all)', '* (all)'],
      ['>', '>'],
      ['>>', '>>'],
      ['[int32]::MaxValue', '[int32]::MaxValue'],
      ['"Unknown"', '"Unknown"'],
      ['None', ''],
    ]) {
      const { fence } = read(`Type: String\nParameter Sets: (All)\nDefault value: ${raw}\n`);
      expect(fence?.defaultValue, raw).toBe(expected);
    }
  });

  it('keeps unknown keys as extra data with an info diagnostic', () => {
    const { fence, diagnostics } = read('Type: System.String[]\nParameter Sets: (All)\nAliases:\nApplicable: Product 2019, Product Online\n\nRequired: False\nPosition: Named\nDefault value: * (all)\nAccept pipeline input: False\nAccept wildcard characters: True\nDynamic: False\n');
    expect(fence?.extra).toEqual({ Applicable: 'Product 2019, Product Online', Dynamic: 'False' });
    expect(fence?.supportsWildcards).toBe(true);
    expect(fence?.sets).toEqual([{ set: '__AllParameterSets', position: null, required: false, valueFromPipeline: false, valueFromPipelineByPropertyName: false, valueFromRemainingArguments: false }]);
    expect(diagnostics.map((diagnostic) => [diagnostic.severity, diagnostic.ruleId, diagnostic.line])).toEqual([
      ['info', 'parameter-yaml-extra-key', 14],
      ['info', 'parameter-yaml-extra-key', 21],
    ]);
  });

  it('reads positions and aliases', () => {
    const { fence } = read('Type: String\nParameter Sets: A, B\nAliases: WidgetName, wn\nAccepted values: Small, Large\nRequired: True\nPosition: 0\n');
    expect(fence?.aliases).toEqual(['WidgetName', 'wn']);
    expect(fence?.acceptedValues).toEqual(['Small', 'Large']);
    expect(fence?.sets.map((set) => [set.set, set.position, set.required])).toEqual([
      ['A', 0, true],
      ['B', 0, true],
    ]);
  });

  it.each([
    ['(All))', '__AllParameterSets'],
    ['', '__AllParameterSets'],
    ['(All)', '__AllParameterSets'],
  ])('reads set list %j as every set', (value, expected) => {
    const { fence } = read(`Type: String\nParameter Sets: ${value}\n`);
    expect(fence?.sets.map((set) => set.set)).toEqual([expected]);
  });

  it.each([
    ['(Filter)', ['Filter']],
    ['(All), (Wait)', ['__AllParameterSets', 'Wait']],
    ['Set Properties, Identity', ['Set Properties', 'Identity']],
  ])('reads set list %j', (value, expected) => {
    const { fence } = read(`Type: String\nParameter Sets: ${value}\n`);
    expect(fence?.sets.map((set) => set.set)).toEqual(expected);
  });
});

describe('Required', () => {
  const sets = ['SetA', 'SetB', 'SetC'];
  it.each([
    ['True', [true, true, true]],
    ['false', [false, false, false]],
    ['False False', [false, false, false]],
    ['True (SetA, SetB), False (SetC)', [true, true, false]],
    ['True (SetA) False (SetB, SetC)', [true, false, false]],
    ['True (seta)', [true, false, false]],
  ])('reads %j per set', (value, expected) => {
    const sink = new DiagnosticSink('test.md');
    const result = readRequired(value, sets, 'Token', 1, sink);
    expect(sets.map((set) => result.get(set))).toEqual(expected);
    expect(sink.diagnostics).toEqual([]);
  });

  it('reports a set name that the parameter does not list', () => {
    const sink = new DiagnosticSink('test.md');
    const result = readRequired('True (None) False (SetA)', sets, 'Token', 7, sink);
    expect(result.get('SetA')).toBe(false);
    expect(sink.diagnostics.map((diagnostic) => diagnostic.ruleId)).toEqual(['parameter-required-unknown-set']);
  });

  it('treats free text as optional with a warning', () => {
    const sink = new DiagnosticSink('test.md');
    const result = readRequired('True (Except when using -Other)', ['__AllParameterSets'], 'Token', 7, sink);
    expect(result.get('__AllParameterSets')).toBe(false);
    expect(sink.diagnostics.map((diagnostic) => diagnostic.severity)).toEqual(['warning']);
  });
});

describe('Accept pipeline input', () => {
  it.each([
    ['False', false, false],
    ['True (ByValue)', true, false],
    ['True (ByPropertyName)', false, true],
    ['True (ByPropertyName, ByValue)', true, true],
    ['True (ByValue,ByPropertyName)', true, true],
    ['True', true, true],
    ['ByValue (False), ByName (True)', false, true],
    ['ByName (True), ByValue (True)', true, true],
    ['ByPropertyName', false, true],
  ])('reads %j', (value, byValue, byPropertyName) => {
    const sink = new DiagnosticSink('test.md');
    expect(readPipelineInput(value, 'P', 1, sink)).toEqual({ byValue, byPropertyName });
    expect(sink.diagnostics).toEqual([]);
  });
});

describe('v2 parameter blocks', () => {
  const block = `Type: System.String
DefaultValue: ''
SupportsWildcards: true
Aliases:
- CN
ParameterSets:
- Name: ByName
  Position: 0
  IsRequired: true
  ValueFromPipeline: false
  ValueFromPipelineByPropertyName: true
  ValueFromRemainingArguments: false
- Name: (All)
  Position: Named
  IsRequired: false
  ValueFromPipeline: false
  ValueFromPipelineByPropertyName: false
  ValueFromRemainingArguments: true
DontShow: true
AcceptedValues: [Low, High]
HelpMessage: Enter a name
`;

  it('reads every field', () => {
    const { fence, diagnostics } = read(block);
    expect(diagnostics).toEqual([]);
    expect(fence).toMatchObject({
      type: 'System.String',
      aliases: ['CN'],
      acceptedValues: ['Low', 'High'],
      defaultValue: '',
      supportsWildcards: true,
      dontShow: true,
      helpMessage: 'Enter a name',
    });
    expect(fence?.sets).toEqual([
      { set: 'ByName', position: 0, required: true, valueFromPipeline: false, valueFromPipelineByPropertyName: true, valueFromRemainingArguments: false },
      { set: '__AllParameterSets', position: null, required: false, valueFromPipeline: false, valueFromPipelineByPropertyName: false, valueFromRemainingArguments: true },
    ]);
  });

  it('reports invalid YAML with its position', () => {
    const { fence, diagnostics } = read('Type: System.String\nParameterSets:\n- Name: [broken\n');
    expect(fence).toBeNull();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', ruleId: 'parameter-yaml-invalid' });
    expect(diagnostics[0]!.line).toBeGreaterThan(10);
  });
});

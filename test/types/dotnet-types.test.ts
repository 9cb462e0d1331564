import { describe, expect, test } from 'vitest';
import { mapDotNetType, mapDotNetTypeWith, parseDotNetTypeName, toStringLiteral, wrapArray, type TypeMapping } from '../../generator/model/dotnet-types.ts';

type Want = Pick<TypeMapping, 'ts' | 'kind' | 'arrayDepth' | 'known'> & Partial<TypeMapping>;

const TABLE: Array<[string, Want]> = [
  // primitives, with and without namespace, any case
  ['System.String', { ts: 'string', kind: 'string', arrayDepth: 0, known: true }],
  ['string', { ts: 'string', kind: 'string', arrayDepth: 0, known: true }],
  ['System.Char', { ts: 'string', kind: 'char', arrayDepth: 0, known: true }],
  ['Boolean', { ts: 'boolean', kind: 'boolean', arrayDepth: 0, known: true }],
  ['bool', { ts: 'boolean', kind: 'boolean', arrayDepth: 0, known: true }],
  ['System.Byte', { ts: 'number', kind: 'byte', arrayDepth: 0, known: true }],
  ['Int16', { ts: 'number', kind: 'int16', arrayDepth: 0, known: true }],
  ['System.Int32', { ts: 'number', kind: 'int32', arrayDepth: 0, known: true }],
  ['Integer', { ts: 'number', kind: 'int32', arrayDepth: 0, known: true }],
  ['UInt32', { ts: 'number', kind: 'uint32', arrayDepth: 0, known: true }],
  ['System.Int64', { ts: 'number | bigint', kind: 'int64', arrayDepth: 0, known: true }],
  ['System.UInt64', { ts: 'number | bigint', kind: 'uint64', arrayDepth: 0, known: true }],
  ['System.Double', { ts: 'number', kind: 'double', arrayDepth: 0, known: true }],
  ['Single', { ts: 'number', kind: 'single', arrayDepth: 0, known: true }],
  ['System.Decimal', { ts: 'number', kind: 'decimal', arrayDepth: 0, known: true }],
  // switches
  ['System.Management.Automation.SwitchParameter', { ts: 'boolean', kind: 'switch', arrayDepth: 0, known: true }],
  ['SwitchParameter', { ts: 'boolean', kind: 'switch', arrayDepth: 0, known: true }],
  ['Switch Parameter', { ts: 'boolean', kind: 'switch', arrayDepth: 0, known: true }],
  ['SwitchParamter', { ts: 'boolean', kind: 'switch', arrayDepth: 0, known: true }],
  // arrays
  ['System.String[]', { ts: 'string[]', kind: 'string', arrayDepth: 1, known: true }],
  ['GUID []', { ts: 'string[]', kind: 'guid', arrayDepth: 1, known: true }],
  ['Int32[][]', { ts: 'number[][]', kind: 'int32', arrayDepth: 2, known: true }],
  ['System.Int64[]', { ts: 'Array<number | bigint>', kind: 'int64', arrayDepth: 1, known: true }],
  ['[string[]]', { ts: 'string[]', kind: 'string', arrayDepth: 1, known: true }],
  ['System.Object[]', { ts: 'unknown[]', kind: 'object', arrayDepth: 1, known: true }],
  ['System.Byte[]', { ts: 'number[]', kind: 'byte', arrayDepth: 1, known: true }],
  // nullables in every spelling
  ['System.Nullable`1[System.Int32]', { ts: 'number | null', kind: 'int32', arrayDepth: 0, known: true, nullable: true }],
  ['System.Nullable`1[[System.DateTime]]', { ts: 'Date | string | null', kind: 'datetime', arrayDepth: 0, known: true, nullable: true }],
  [
    'System.Nullable`1[[System.Boolean, System.Private.CoreLib, Version=8.0.0.0, Culture=neutral]]',
    { ts: 'boolean | null', kind: 'boolean', arrayDepth: 0, known: true, nullable: true },
  ],
  ['Nullable<Int32>', { ts: 'number | null', kind: 'int32', arrayDepth: 0, known: true, nullable: true }],
  ['Int32?', { ts: 'number | null', kind: 'int32', arrayDepth: 0, known: true, nullable: true }],
  ['Nullable<Int32>[]', { ts: 'Array<number | null>', kind: 'int32', arrayDepth: 1, known: true }],
  // generic collections and dictionaries
  ['List<String>', { ts: 'string[]', kind: 'string', arrayDepth: 1, known: true }],
  ['System.Collections.Generic.List`1[System.Guid]', { ts: 'string[]', kind: 'guid', arrayDepth: 1, known: true }],
  ['List[string]', { ts: 'string[]', kind: 'string', arrayDepth: 1, known: true }],
  ['List<List<String>>', { ts: 'string[][]', kind: 'string', arrayDepth: 2, known: true }],
  ['IEnumerable<Nullable<Double>>', { ts: 'Array<number | null>', kind: 'double', arrayDepth: 1, known: true }],
  ['List<Int32>[]', { ts: 'number[][]', kind: 'int32', arrayDepth: 2, known: true }],
  ['System.Collections.ArrayList', { ts: 'unknown[]', kind: 'object', arrayDepth: 1, known: true }],
  ['Dictionary<String, Int32>', { ts: 'Record<string, number>', kind: 'hashtable', arrayDepth: 0, known: true }],
  ['System.Collections.Generic.Dictionary`2[System.String,System.Object]', { ts: 'Record<string, unknown>', kind: 'hashtable', arrayDepth: 0, known: true }],
  ['Dictionary<Int32, String>', { ts: 'unknown', kind: 'unknown', arrayDepth: 0, known: false }],
  ['System.Collections.Hashtable', { ts: 'Record<string, unknown>', kind: 'hashtable', arrayDepth: 0, known: true }],
  ['System.Collections.IDictionary', { ts: 'Record<string, unknown>', kind: 'hashtable', arrayDepth: 0, known: true }],
  ['System.Collections.Hashtable[]', { ts: 'Array<Record<string, unknown>>', kind: 'hashtable', arrayDepth: 1, known: true }],
  [
    'System.Management.Automation.PSListModifier`1[System.String]',
    { ts: '{ Add?: string[]; Remove?: string[]; Replace?: string[] }', kind: 'hashtable', arrayDepth: 0, known: true },
  ],
  // dates, durations, identifiers
  ['System.DateTime', { ts: 'Date | string', kind: 'datetime', arrayDepth: 0, known: true }],
  ['DateTimeOffset', { ts: 'Date | string', kind: 'datetime', arrayDepth: 0, known: true }],
  ['System.TimeSpan', { ts: 'string', kind: 'timespan', arrayDepth: 0, known: true }],
  ['System.Guid', { ts: 'string', kind: 'guid', arrayDepth: 0, known: true }],
  ['System.Uri', { ts: 'URL | string', kind: 'uri', arrayDepth: 0, known: true }],
  ['System.Version', { ts: 'string', kind: 'string', arrayDepth: 0, known: true }],
  // runtime wrappers
  ['System.Security.SecureString', { ts: 'SecureStringValue', kind: 'securestring', arrayDepth: 0, known: true, runtimeImports: ['SecureStringValue'] }],
  ['System.Management.Automation.PSCredential', { ts: 'PSCredentialValue', kind: 'credential', arrayDepth: 0, known: true, runtimeImports: ['PSCredentialValue'] }],
  ['System.Management.Automation.ScriptBlock', { ts: 'ScriptBlockValue', kind: 'scriptblock', arrayDepth: 0, known: true, runtimeImports: ['ScriptBlockValue'] }],
  ['ScriptBlock[]', { ts: 'ScriptBlockValue[]', kind: 'scriptblock', arrayDepth: 1, known: true, runtimeImports: ['ScriptBlockValue'] }],
  ['List<PSCredential>', { ts: 'PSCredentialValue[]', kind: 'credential', arrayDepth: 1, known: true, runtimeImports: ['PSCredentialValue'] }],
  // open objects
  ['System.Object', { ts: 'unknown', kind: 'object', arrayDepth: 0, known: true }],
  ['System.Management.Automation.PSObject', { ts: 'unknown', kind: 'object', arrayDepth: 0, known: true }],
  // not recognised
  ['Microsoft.Graph.PowerShell.Models.IMicrosoftGraphApplication', { ts: 'unknown', kind: 'unknown', arrayDepth: 0, known: false }],
  ['Contoso.Models.String', { ts: 'unknown', kind: 'unknown', arrayDepth: 0, known: false }],
  ['PnPConnection', { ts: 'unknown', kind: 'unknown', arrayDepth: 0, known: false }],
  ['SitePipeBind[]', { ts: 'unknown[]', kind: 'unknown', arrayDepth: 1, known: false }],
  ['System.Nullable`1[Contoso.Color]', { ts: 'unknown', kind: 'unknown', arrayDepth: 0, known: false, nullable: true }],
  ['Integer array', { ts: 'unknown', kind: 'unknown', arrayDepth: 0, known: false }],
  ['', { ts: 'unknown', kind: 'unknown', arrayDepth: 0, known: false }],
  ['System.Func`2[System.String,System.Object]', { ts: 'unknown', kind: 'unknown', arrayDepth: 0, known: false }],
];

describe('mapDotNetType', () => {
  test.each(TABLE)('%s', (typeName, want) => {
    const mapping = mapDotNetType(typeName);
    expect(mapping).toEqual(want);
  });
});

describe('mapDotNetType accepted values', () => {
  test.each<[string, string[], Want]>([
    ['System.String', ['Zone+1', 'Zone-1', 'Zone_1'], { ts: "'Zone+1' | 'Zone-1' | 'Zone_1'", kind: 'string', arrayDepth: 0, known: true }],
    ['System.String[]', ['Read', 'Write'], { ts: "Array<'Read' | 'Write'>", kind: 'string', arrayDepth: 1, known: true }],
    ['Microsoft.PowerShell.Commands.DisplayHintType', ['Date', 'Time', 'DateTime'], { ts: "'Date' | 'Time' | 'DateTime'", kind: 'string', arrayDepth: 0, known: true }],
    ['System.Nullable`1[Contoso.Color]', ['Red', 'Blue'], { ts: "'Red' | 'Blue' | null", kind: 'string', arrayDepth: 0, known: true, nullable: true }],
    ['System.Int32', ['1', '2', '4'], { ts: '1 | 2 | 4', kind: 'int32', arrayDepth: 0, known: true }],
    ['System.Int32', ['Low', 'High'], { ts: 'number', kind: 'int32', arrayDepth: 0, known: true }],
    ['System.Boolean', ['true', 'false'], { ts: 'boolean', kind: 'boolean', arrayDepth: 0, known: true }],
    ['System.String', ["it's", 'back\\slash', ' padded '], { ts: "'it\\'s' | 'back\\\\slash' | 'padded'", kind: 'string', arrayDepth: 0, known: true }],
    ['System.String', ['Utf8', 'UTF8', 'ascii', ''], { ts: "'Utf8' | 'ascii'", kind: 'string', arrayDepth: 0, known: true }],
    ['System.String', [], { ts: 'string', kind: 'string', arrayDepth: 0, known: true }],
  ])('%s with %j', (typeName, values, want) => {
    expect(mapDotNetType(typeName, values)).toEqual(want);
  });

  test('nullable numeric enum keeps null', () => {
    expect(mapDotNetType('Int32?', ['1', '2']).ts).toBe('1 | 2 | null');
  });
});

describe('mapDotNetTypeWith', () => {
  const resolve = (name: string): TypeMapping | undefined =>
    name === 'IWidget' ? { ts: 'IWidget', kind: 'hashtable', arrayDepth: 0, known: true } : undefined;

  test.each([
    ['IWidget', 'IWidget', 0],
    ['IWidget[]', 'IWidget[]', 1],
    ['List<IWidget>', 'IWidget[]', 1],
    ['List<List<IWidget>>', 'IWidget[][]', 2],
    ['Dictionary<String, IWidget>', 'Record<string, IWidget>', 0],
    ['String', 'string', 0],
  ])('%s resolves to %s', (typeName, ts, arrayDepth) => {
    const mapping = mapDotNetTypeWith(typeName, resolve);
    expect(mapping.ts).toBe(ts);
    expect(mapping.arrayDepth).toBe(arrayDepth);
    expect(mapping.known).toBe(true);
  });

  test('resolver sees full name', () => {
    const seen: string[] = [];
    mapDotNetTypeWith('Contoso.Models.IWidget[]', (name) => {
      seen.push(name);
      return undefined;
    });
    expect(seen).toEqual(['Contoso.Models.IWidget']);
  });
});

describe('parseDotNetTypeName', () => {
  test('reflection generic with assembly names', () => {
    expect(parseDotNetTypeName('System.Collections.Generic.Dictionary`2[[System.String, mscorlib],[System.Int32, mscorlib]][]')).toEqual({
      name: 'System.Collections.Generic.Dictionary',
      typeArguments: [
        { name: 'System.String', typeArguments: [], arrayDepth: 0, nullable: false },
        { name: 'System.Int32', typeArguments: [], arrayDepth: 0, nullable: false },
      ],
      arrayDepth: 1,
      nullable: false,
    });
  });

  test.each([['List<String'], ['Int32]'], ['<String>'], ['String Int32'], ['Dictionary<String,>']])('rejects %j', (text) => {
    expect(parseDotNetTypeName(text)).toBeNull();
  });
});

describe('helpers', () => {
  test.each([
    ['string', 1, 'string[]'],
    ['number | null', 1, 'Array<number | null>'],
    ['Record<string, unknown>', 2, 'Array<Array<Record<string, unknown>>>'],
    ['{ Add?: string[] }', 1, '{ Add?: string[] }[]'],
  ])('wrapArray(%j, %d)', (type, depth, want) => {
    expect(wrapArray(type, depth)).toBe(want);
  });

  test('toStringLiteral escapes line breaks', () => {
    expect(toStringLiteral("a'\n\r\u2028b\\")).toBe("'a\\'\\n\\r\\u2028b\\\\'");
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import {
  assignUniqueNames,
  escapeJsDocText,
  findCaseInsensitiveClashes,
  renderJsDoc,
  resolveInside,
  splitWords,
  stableHash,
  toBindingIdentifier,
  toCamelCase,
  toExampleTag,
  toFunctionName,
  toPascalCase,
  toPropertyKey,
  toSafePathSegment,
  toTypeName,
} from '../../generator/emit/identifiers.ts';

/** Syntax errors TypeScript reports for a snippet, as messages. */
function syntaxErrors(source: string): string[] {
  const file = ts.createSourceFile('snippet.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

/** Semantic errors of a strict-mode module, checked in memory. */
function strictErrors(source: string): string[] {
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, types: [], lib: ['lib.es2022.d.ts'] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name.endsWith('snippet.ts') ? source : readFile(name));
  host.fileExists = ((exists) => (name: string) => name.endsWith('snippet.ts') || exists(name))(host.fileExists.bind(host));
  const program = ts.createProgram(['snippet.ts'], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('splitWords and case', () => {
  test.each([
    ['IPAddress', ['IP', 'Address'], 'ipAddress', 'IPAddress'],
    ['UserID', ['User', 'ID'], 'userID', 'UserID'],
    ['ErrorAction', ['Error', 'Action'], 'errorAction', 'ErrorAction'],
    ['odata.nextLink', ['odata', 'next', 'Link'], 'odataNextLink', 'OdataNextLink'],
    ['@odata.type', ['odata', 'type'], 'odataType', 'OdataType'],
    ['Win32Process', ['Win32', 'Process'], 'win32Process', 'Win32Process'],
    ['snake_case_name', ['snake', 'case', 'name'], 'snakeCaseName', 'SnakeCaseName'],
    ['Größe', ['Größe'], 'größe', 'Größe'],
    ['', [], '', ''],
  ])('%j', (name, words, camel, pascal) => {
    expect(splitWords(name)).toEqual(words);
    expect(toCamelCase(name)).toBe(camel);
    expect(toPascalCase(name)).toBe(pascal);
  });
});

describe('toBindingIdentifier', () => {
  test.each([
    ['In', 'in_'],
    ['Default', 'default_'],
    ['New', 'new_'],
    ['Arguments', 'arguments_'],
    ['Static', 'static_'],
    ['Eval', 'eval_'],
    ['Class', 'class_'],
    ['Function', 'function_'],
    ['For', 'for_'],
    ['Delete', 'delete_'],
    ['Await', 'await_'],
    ['Undefined', 'undefined_'],
    ['Namespace', 'namespace'],
    ['Type', 'type'],
    ['Path', 'path'],
    ['2FA', '_2FA'],
    ['3', '_3'],
    ['-', '_'],
    ['Constructor', 'constructor'],
  ])('%s gives %s', (name, want) => {
    expect(toBindingIdentifier(name)).toBe(want);
  });

  test('mangled names compile as strict bindings', () => {
    const names = ['In', 'Default', 'New', 'Arguments', 'Static', 'Eval', 'Class', 'Yield', 'Let', 'Package', '2FA', 'Interface'];
    const bindings = names.map(toBindingIdentifier);
    const source = `export function selectWidget(${bindings.map((name) => `${name}: unknown`).join(', ')}): unknown[] {\n  const { ${names
      .map((name, index) => `${toPropertyKey(name.toLowerCase())}: ${bindings[index]}_local`)
      .join(', ')} } = {} as Record<string, unknown>;\n  return [${bindings.join(', ')}];\n}\n`;
    expect(syntaxErrors(source)).toEqual([]);
    expect(strictErrors(source)).toEqual([]);
  });
});

describe('toPropertyKey', () => {
  test.each([
    ['in', 'in'],
    ['default', 'default'],
    ['Id', 'Id'],
    ['$ref', '$ref'],
    ['odata.type', "'odata.type'"],
    ['@odata.type', "'@odata.type'"],
    ['2FA', "'2FA'"],
    ["it's", "'it\\'s'"],
    ['', "''"],
  ])('%j gives %s', (name, want) => {
    expect(toPropertyKey(name)).toBe(want);
  });

  test('keys compile in an interface', () => {
    const keys = ['in', 'default', 'new', 'arguments', 'static', 'constructor', 'odata.type', '2FA', "it's"];
    const source = `export interface SelectWidgetOptions {\n${keys.map((key) => `  ${toPropertyKey(key)}?: string;`).join('\n')}\n}\n`;
    expect(syntaxErrors(source)).toEqual([]);
    expect(strictErrors(source)).toEqual([]);
  });
});

describe('toTypeName', () => {
  test.each([
    ['IMicrosoftGraphApplication', 'IMicrosoftGraphApplication'],
    ['widget', 'Widget'],
    ['groups-identity', 'GroupsIdentity'],
    ['1Widget', '_1Widget'],
    ['Date', 'Date_'],
    ['Record', 'Record_'],
    ['string', 'String_'],
    ['object', 'Object_'],
    ['SecureStringValue', 'SecureStringValue_'],
    ['', '_'],
  ])('%j gives %s', (name, want) => {
    expect(toTypeName(name)).toBe(want);
  });
});

describe('toFunctionName', () => {
  test.each([
    ['Get-Content', 'getContent'],
    ['New-MgApplication', 'newMgApplication'],
    ['Get-ADUser', 'getADUser'],
    ['Get-PnPSite', 'getPnPSite'],
    ['Invoke-WebRequest', 'invokeWebRequest'],
    ['ConvertTo-Json', 'convertToJson'],
    ['Get-Widget.V2', 'getWidgetV2'],
    ['prompt', 'prompt'],
    ['Delete', 'delete_'],
    ['TabExpansion2', 'tabExpansion2'],
  ])('%s gives %s', (name, want) => {
    expect(toFunctionName(name)).toBe(want);
  });
});

describe('assignUniqueNames', () => {
  test('suffix comes from the name, not the order', () => {
    const names = ['Foo_Bar', 'FooBar', 'foo-bar', 'Other'];
    const forward = assignUniqueNames(names, toBindingIdentifier);
    const backward = assignUniqueNames([...names].reverse(), toBindingIdentifier);
    expect([...forward].sort()).toEqual([...backward].sort());
    expect(forward.get('FooBar')).toBe('fooBar');
    expect(forward.get('Other')).toBe('other');
    expect(forward.get('Foo_Bar')).toBe(`fooBar_${stableHash('Foo_Bar').slice(0, 6)}`);
  });

  test('results unique ignoring case', () => {
    const result = assignUniqueNames(['WidgetDb', 'WidgetDB', 'widget_db'], toTypeName);
    const folded = [...result.values()].map((name) => name.toLowerCase());
    expect(new Set(folded).size).toBe(3);
    // Both spellings survive toTypeName unchanged, so the ordinally smaller one keeps the name.
    expect(result.get('WidgetDB')).toBe('WidgetDB');
    expect(result.get('WidgetDb')).toBe(`WidgetDb_${stableHash('WidgetDb').slice(0, 6)}`);
  });

  test('adding a name keeps the others', () => {
    const before = assignUniqueNames(['Zone+1', 'Zone-1'], toTypeName);
    const after = assignUniqueNames(['Zone+1', 'Zone-1', 'Zone_1'], toTypeName);
    expect(after.get('Zone+1')).toBe(before.get('Zone+1'));
    expect(after.get('Zone-1')).toBe(before.get('Zone-1'));
  });

  test('stableHash is 64-bit FNV-1a', () => {
    // Published FNV-1a 64-bit test vectors: '' and 'a'.
    expect(stableHash('')).toBe(BigInt('0xcbf29ce484222325').toString(36).padStart(13, '0'));
    expect(stableHash('a')).toBe(BigInt('0xaf63dc4c8601ec8c').toString(36).padStart(13, '0'));
    expect(stableHash('Zone+1')).toHaveLength(13);
  });
});

describe('toSafePathSegment', () => {
  test.each([
    ['Microsoft.Graph.Groups', 'Microsoft.Graph.Groups'],
    ['..', '__'],
    ['.', '_'],
    ['../../etc/passwd', '___.._etc_passwd'],
    ['..\\..\\Windows', '___.._Windows'],
    ['/absolute', '_absolute'],
    ['C:', 'C_'],
    ['C:\\temp', 'C__temp'],
    ['CON', 'CON_'],
    ['con.ts', 'con_.ts'],
    ['LPT1', 'LPT1_'],
    ['COM¹.md', 'COM¹_.md'],
    ['Console', 'Console'],
    ['name.', 'name'],
    ['name   ', 'name'],
    ['tab\there', 'tabhere'],
    ['bidi\u202Egnp.ts', 'bidignp.ts'],
    ['a<b>c|d?e*f"g', 'a_b_c_d_e_f_g'],
    ['', '_'],
    ['\u0000', '_'],
  ])('%j gives %j', (name, want) => {
    expect(toSafePathSegment(name)).toBe(want);
  });

  test('long names keep a hash', () => {
    const long = 'x'.repeat(300);
    const segment = toSafePathSegment(long);
    expect(segment.length).toBeLessThanOrEqual(120);
    expect(segment.endsWith(stableHash(long))).toBe(true);
    expect(toSafePathSegment(`${long}y`)).not.toBe(segment);
  });
});

describe('resolveInside', () => {
  const root = mkdtempSync(join(tmpdir(), 'cmdlet-ts-'));

  test.each([['../outside'], ['..'], ['/etc'], ['C:\\Windows'], ['a/../../b'], ['\u0000..'], ['.hidden']])('%j stays inside', (segment) => {
    const path = resolveInside(root, segment, 'file.ts');
    const rel = relative(resolve(root), resolve(path));
    expect(rel.startsWith('..')).toBe(false);
    expect(rel.split(sep)).toHaveLength(2);
  });

  test('windows root', () => {
    expect(resolveInside('C:\\out', '..', 'x.ts')).toBe('C:\\out\\__\\x.ts');
  });

  test('no segments is rejected', () => {
    expect(() => resolveInside(root)).toThrow(/resolve outside the output folder/);
  });
});

describe('findCaseInsensitiveClashes', () => {
  test('reports names differing in case', () => {
    const entries = [
      { path: 'Beta/getWidgetDB.ts', source: 'Beta/Get-WidgetDB.md' },
      { path: 'Alpha/getWidget.ts', source: 'Alpha/Get-Widget.md' },
      { path: 'Beta/getWidgetDb.ts', source: 'Beta/Get-WidgetDb.md' },
      { path: 'Beta/getWidget.ts', source: 'Beta/Get-Widget.md' },
      { path: 'alpha\\getwidget.ts', source: 'alpha/get-widget.md' },
    ];
    expect(findCaseInsensitiveClashes(entries)).toEqual([
      { key: 'alpha/getwidget.ts', entries: [entries[1], entries[4]] },
      { key: 'beta/getwidgetdb.ts', entries: [entries[0], entries[2]] },
    ]);
  });

  test('unicode normalization forms clash', () => {
    const clashes = findCaseInsensitiveClashes([{ path: 'Caf\u00e9.ts' }, { path: 'Cafe\u0301.ts' }]);
    expect(clashes).toHaveLength(1);
  });

  test('same path twice is no clash', () => {
    expect(findCaseInsensitiveClashes([{ path: 'a.ts' }, { path: 'a.ts' }])).toEqual([]);
  });
});

describe('escapeJsDocText', () => {
  test.each([
    ['ends */ early', 'ends *\\/ early'],
    ['`code */ span`', '`code *\\/ span`'],
    ['@param looks like a tag', '\\@param looks like a tag'],
    ['mail me@example.com', 'mail me@example.com'],
    ['Type <IWidget[]> here', 'Type `<IWidget[]>` here'],
    ['Returns <String>.', 'Returns `<String>`.'],
    ['a <b>bold</b> and <i>it</i>', 'a **bold** and _it_'],
    ['one<br>two<br/>three', 'one\ntwo\nthree'],
    ['<p>para</p><p>next</p>', 'para\nnext'],
    ['<ul><li>one</li><li>two</li></ul>', '- one\n- two'],
    ['see <a href="https://x.test/a">docs</a>', 'see [docs](https://x.test/a)'],
    ['see [Get-Item](Get-Item.md)', 'see Get-Item'],
    ['see [Get-Item](/powershell/module/x/get-item?view=ps)', 'see Get-Item'],
    ['see [docs](https://x.test/d)', 'see [docs](https://x.test/d)'],
    ['see [](https://x.test/e)', 'see https://x.test/e'],
    ['see <https://x.test/f>', 'see https://x.test/f'],
    ['a < b and c > d', 'a < b and c > d'],
    ['keep `<b>` in code', 'keep `<b>` in code'],
    ['hidden <!-- comment --> text', 'hidden  text'],
    ['line one  \r\n\r\n\r\nline two', 'line one\n\nline two'],
  ])('%j', (markdown, want) => {
    expect(escapeJsDocText(markdown)).toBe(want);
  });

  test('fenced code kept as written', () => {
    const markdown = 'Intro\n\n```powershell\n@{ a = 1 } | Get-Thing <b>\n$x = "*/"\n```\n\nAfter <b>x</b>';
    expect(escapeJsDocText(markdown)).toBe('Intro\n\n```powershell\n@{ a = 1 } | Get-Thing <b>\n$x = "*\\/"\n```\n\nAfter **x**');
  });
});

describe('renderJsDoc', () => {
  test('single line', () => {
    expect(renderJsDoc('Gets a widget.')).toBe('/** Gets a widget. */');
  });

  test('empty', () => {
    expect(renderJsDoc('  ')).toBe('');
  });

  test('indented block with tags', () => {
    expect(renderJsDoc('First.\nSecond */.', [{ tag: 'deprecated', text: 'Use <b>x</b>.' }], '  ')).toBe(
      ['  /**', '   * First.', '   * Second *\\/.', '   *', '   * @deprecated Use **x**.', '   */'].join('\n'),
    );
  });

  test('example tag from a help example', () => {
    const tag = toExampleTag({ title: 'Example 1: Get widgets', code: ['Get-Widget -Path */x\n', ''], remarks: 'Gets <b>all</b> widgets.' });
    expect(tag).toEqual({ tag: 'example', text: 'Example 1: Get widgets\n```powershell\nGet-Widget -Path *\\/x\n```\nGets **all** widgets.' });
  });

  test('untitled example and backtick fences', () => {
    const tag = toExampleTag({ title: '', code: ['Write-Output ```'], remarks: '' });
    expect(tag.text).toBe('\n````powershell\nWrite-Output ```\n````');
    expect(renderJsDoc('', [tag])).toBe(['/**', ' * @example', ' * ````powershell', ' * Write-Output ```', ' * ````', ' */'].join('\n'));
  });

  test('hostile text stays one comment', () => {
    const hostile = 'a */ b /* c */ d\n*/ export const x = 1; /*\n@returns nothing';
    const comment = renderJsDoc(hostile, [toExampleTag({ title: 'x */', code: ['*/'], remarks: '*/' })]);
    const source = `${comment}\nexport const y = 1;\n`;
    expect(syntaxErrors(source)).toEqual([]);
    const file = ts.createSourceFile('doc.ts', source, ts.ScriptTarget.ES2022, true);
    expect(file.statements).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { parseSyntaxLine } from '../../generator/parse/syntax-line.ts';

describe('parseSyntaxLine', () => {
  const cases: Array<[string, string, object]> = [
    ['mandatory named', 'Get-X -Name <String>', { name: 'Name', type: 'String', mandatory: true, positional: false }],
    ['optional named', 'Get-X [-Name <String>]', { name: 'Name', type: 'String', mandatory: false, positional: false }],
    ['mandatory positional', 'Get-X [-Name] <String>', { name: 'Name', type: 'String', mandatory: true, positional: true }],
    ['optional positional', 'Get-X [[-Name] <String[]>]', { name: 'Name', type: 'String[]', mandatory: false, positional: true }],
    ['optional switch', 'Get-X [-Force]', { name: 'Force', type: null, mandatory: false, positional: false }],
    ['mandatory switch', 'Get-X -Force', { name: 'Force', type: null, mandatory: true, positional: false }],
    ['switch with optional value', 'Get-X [-Force [<SwitchParameter>]]', { name: 'Force', type: null, mandatory: false, positional: false }],
    ['type glued to name', 'Get-X [-Count<Int32>]', { name: 'Count', type: 'Int32', mandatory: false, positional: false }],
    ['type with spaces', 'Get-X -Kind <User | Bot>', { name: 'Kind', type: 'User | Bot', mandatory: true, positional: false }],
    ['nested generic type', 'Get-X [-Map <Dictionary<String, List<Int32>>>]', { name: 'Map', type: 'Dictionary<String, List<Int32>>', mandatory: false, positional: false }],
    ['literal value', 'Get-X -Kind Private', { name: 'Kind', type: '', mandatory: true, positional: false }],
    ['colon-joined literal', 'Get-X -Enabled:$true', { name: 'Enabled', type: '', mandatory: true, positional: false }],
    ['stray character after the name', 'Get-X [-Title> <String>]', { name: 'Title', type: 'String', mandatory: false, positional: false }],
  ];

  it.each(cases)('reads %s', (_title, line, expected) => {
    const parsed = parseSyntaxLine(line);
    expect(parsed.command).toBe('Get-X');
    expect(parsed.parameters).toEqual([expected]);
  });

  it('reads a wrapped line with common parameters', () => {
    const parsed = parseSyntaxLine('Get-ChildItem [[-Path] <string[]>] [[-Filter] <string>]\n -LiteralPath <string[]> [-Recurse] [<CommonParameters>]');
    expect(parsed.parameters.map((parameter) => parameter.name)).toEqual(['Path', 'Filter', 'LiteralPath', 'Recurse']);
    expect(parsed.commonParameters).toBe(true);
  });

  it('reports no common parameters without the token', () => {
    expect(parseSyntaxLine('Get-X [-A]').commonParameters).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../generator/parse/index.ts';

const V1_HEAD = `---
external help file: Widgets-help.xml
Module Name: Widgets
schema: 2.0.0
---

# Set-Widget

## SYNOPSIS
Sets a widget.

## SYNTAX

### SetA (Default)
\`\`\`
Set-Widget -Token <String> -A <String> [<CommonParameters>]
\`\`\`

### SetB
\`\`\`
Set-Widget -Token <String> -B <String> [<CommonParameters>]
\`\`\`

### SetC
\`\`\`
Set-Widget [-Token <String>] -C <String> [<CommonParameters>]
\`\`\`

## DESCRIPTION
Sets a widget.

## EXAMPLES

## PARAMETERS
`;

function v1Parameter(name: string, sets: string, required: string): string {
  return `
### -${name}
Parameter ${name}.

\`\`\`yaml
Type: String
Parameter Sets: ${sets}
Aliases:

Required: ${required}
Position: Named
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
\`\`\`
`;
}

const TAIL = `
### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

## OUTPUTS

## NOTES

## RELATED LINKS
`;

const OTHERS = v1Parameter('A', 'SetA', 'True') + v1Parameter('B', 'SetB', 'True') + v1Parameter('C', 'SetC', 'True');

const TWO_FENCES = `${V1_HEAD}${OTHERS}
### -Token
Secret used to reach the endpoint.

\`\`\`yaml
Type: String
Parameter Sets: SetA, SetB
Aliases:

Required: True
Position: Named
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
\`\`\`

\`\`\`yaml
Type: String
Parameter Sets: SetC
Aliases:

Required: False
Position: Named
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
\`\`\`
${TAIL}`;

const MERGED = `${V1_HEAD}${OTHERS}${v1Parameter('Token', 'SetA, SetB, SetC', 'True (SetA, SetB), False (SetC)').replace('Parameter Token.', 'Secret used to reach the endpoint.')}${TAIL}`;

function tokenSets(source: string) {
  const result = parseMarkdown(source, 'Set-Widget.md');
  const token = result.command?.parameters.find((parameter) => parameter.name === 'Token');
  return { result, sets: token?.sets.map((set) => ({ set: set.set, required: set.required })) };
}

describe('one parameter, two encodings of per-set metadata', () => {
  const expected = [
    { set: 'SetA', required: true },
    { set: 'SetB', required: true },
    { set: 'SetC', required: false },
  ];

  it('merges two fences by set', () => {
    const { result, sets } = tokenSets(TWO_FENCES);
    expect(sets).toEqual(expected);
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')).toEqual([]);
  });

  it('reads the merged Required form', () => {
    expect(tokenSets(MERGED).sets).toEqual(expected);
  });

  it('gives the same model for both forms', () => {
    const twoFences = parseMarkdown(TWO_FENCES, 'Set-Widget.md').command;
    const merged = parseMarkdown(MERGED, 'Set-Widget.md').command;
    const strip = (command: typeof twoFences) => command?.parameters.map(({ position: _position, ...rest }) => rest);
    expect(strip(twoFences)).toEqual(strip(merged));
  });

  it('reports fences that disagree on Type with both lines', () => {
    const [head = '', token = ''] = TWO_FENCES.split('### -Token');
    const source = `${head}### -Token${token.replace('Type: String\nParameter Sets: SetC', 'Type: Int32\nParameter Sets: SetC')}`;
    const { result } = tokenSets(source);
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.ruleId).toBe('parameter-fences-disagree');
    expect(errors[0]!.message).toMatch(/line \d+.*line \d+/);
  });
});

describe('BOM, CRLF and non-ASCII text', () => {
  it('reads a v2 doc that starts with a byte-order mark', () => {
    const source = `\ufeff---\ndocument type: cmdlet\nPlatyPS schema version: 2024-05-01\ntitle: Get-Widget\nModule Name: Widgets\n---\n\n# Get-Widget\n\n## SYNOPSIS\n\nGröße des Widgets\u00a0— in Bytes\n\n## SYNTAX\n\n### __AllParameterSets\n\n\`\`\`\nGet-Widget [<CommonParameters>]\n\`\`\`\n`;
    const command = parseMarkdown(source, 'Get-Widget.md').command;
    expect(command?.schema).toBe('v2');
    expect(command?.module).toBe('Widgets');
    expect(command?.synopsis).toBe('Größe des Widgets\u00a0— in Bytes');
  });

  it('gives the same model for CRLF line endings', () => {
    const lf = parseMarkdown(TWO_FENCES, 'Set-Widget.md').command;
    const crlf = parseMarkdown(TWO_FENCES.replace(/\n/g, '\r\n'), 'Set-Widget.md').command;
    expect(crlf).toEqual(lf);
    expect(crlf?.parameterSets.map((set) => set.name)).toEqual(['SetA', 'SetB', 'SetC']);
  });
});

describe('section boundaries', () => {
  const V2_ENDS_AFTER_PARAMETERS = `---
document type: cmdlet
PlatyPS schema version: 2024-05-01
title: Get-Widget
---

# Get-Widget

## SYNOPSIS

## SYNTAX

### __AllParameterSets

\`\`\`
Get-Widget [-Name <string>] [<CommonParameters>]
\`\`\`

## DESCRIPTION

## EXAMPLES

### -------------------------- EXAMPLE 1 --------------------------

\`\`\`powershell
Get-Widget -Name alpha
\`\`\`

## PARAMETERS

### -Name

Widget name.

\`\`\`yaml
Type: System.String
DefaultValue: None
SupportsWildcards: false
Aliases: []
ParameterSets:
- Name: (All)
  Position: Named
  IsRequired: false
  ValueFromPipeline: false
  ValueFromPipelineByPropertyName: false
  ValueFromRemainingArguments: false
DontShow: false
AcceptedValues: []
HelpMessage: ''
\`\`\`
`;

  it('reads PARAMETERS when it is the last section', () => {
    const result = parseMarkdown(V2_ENDS_AFTER_PARAMETERS, 'Get-Widget.md');
    const command = result.command!;
    expect(command.synopsis).toBe('');
    expect(command.description).toBe('');
    expect(command.examples).toEqual([{ title: 'EXAMPLE 1', code: ['Get-Widget -Name alpha'], remarks: '' }]);
    expect(command.parameters.map((parameter) => parameter.name)).toEqual(['Name']);
    expect(command.inputs).toEqual([]);
    const missing = result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'section-missing').map((diagnostic) => diagnostic.severity);
    expect(missing).toEqual(['info', 'info']);
  });

  it('reads no parameters from an empty PARAMETERS section', () => {
    const source = V2_ENDS_AFTER_PARAMETERS.replace(/## PARAMETERS[\s\S]*$/, '## PARAMETERS\n\n## INPUTS\n\n### None\n');
    const result = parseMarkdown(source, 'Get-Widget.md');
    expect(result.command?.parameters.map((parameter) => parameter.name)).toEqual(['Name']);
    expect(result.diagnostics.map((diagnostic) => diagnostic.ruleId)).toContain('parameter-missing-section');
    expect(result.command?.inputs).toEqual([{ type: 'None', description: '' }]);
  });

  it('keeps unfenced example bodies whole, comment lines included', () => {
    const source = V2_ENDS_AFTER_PARAMETERS.replace(/### -+ EXAMPLE 1 -+\n\n```powershell\nGet-Widget -Name alpha\n```/, '### EXAMPLE 1\n\nImport-Module Widgets\n\n# Get one widget\nGet-Widget -Name alpha\n');
    const example = parseMarkdown(source, 'Get-Widget.md').command?.examples[0];
    expect(example?.code).toEqual(['Import-Module Widgets\n\n# Get one widget\nGet-Widget -Name alpha']);
  });
});

describe('duplicate and common parameters', () => {
  const source = `${V1_HEAD.replace(/### SetB[\s\S]*?## DESCRIPTION/, '## DESCRIPTION')}${v1Parameter('A', 'SetA', 'True')}${v1Parameter('Token', '(All)', 'True')}${v1Parameter('token', '(All)', 'True')}${v1Parameter('ProgressAction', '(All)', 'False')}${v1Parameter('Verbose', '(All)', 'False')}${TAIL}`;

  it('merges an identical duplicate with a warning and drops common parameters', () => {
    const result = parseMarkdown(source, 'Set-Widget.md');
    expect(result.command?.parameters.map((parameter) => parameter.name)).toEqual(['A', 'Token']);
    expect(result.command?.cmdletBinding).toBe(true);
    const warnings = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning');
    expect(warnings.map((diagnostic) => diagnostic.ruleId)).toEqual(['parameter-duplicate']);
    expect(warnings[0]!.message).toMatch(/lines \d+ and \d+/);
  });

  it('reports a duplicate with another type as an error', () => {
    const conflicting = source.replace(/(### -token[\s\S]*?)Type: String/, '$1Type: Int32');
    const errors = parseMarkdown(conflicting, 'Set-Widget.md').diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors.map((diagnostic) => diagnostic.ruleId)).toEqual(['parameter-duplicate-conflict']);
  });
});

describe('pages that are not cmdlet help', () => {
  it('skips a module landing page', () => {
    const result = parseMarkdown('---\nModule Name: Widgets\nModule Guid: 00000000-0000-0000-0000-000000000000\n---\n\n# Widgets Module\n\n## Description\nWidgets.\n', 'Widgets.md');
    expect(result.command).toBeNull();
    expect(result.skipped?.kind).toBe('module-page');
    expect(result.diagnostics.map((diagnostic) => diagnostic.severity)).toEqual(['info']);
  });

  it('skips an about topic', () => {
    const result = parseMarkdown('---\nschema: 2.0.0\ntitle: about_Widgets\n---\n\n# about_Widgets\n\n## Short description\nWidgets.\n', 'about_Widgets.md');
    expect(result.skipped?.kind).toBe('about-topic');
  });

  it('reports a page without a title heading', () => {
    const result = parseMarkdown('just text\n', 'notes.md');
    expect(result.command).toBeNull();
    expect(result.skipped).toBeNull();
    expect(result.diagnostics.map((diagnostic) => [diagnostic.severity, diagnostic.ruleId])).toEqual([['error', 'missing-title']]);
  });
});

describe('common parameter evidence', () => {
  it('takes a common parameter in SYNTAX as CmdletBinding', () => {
    const source = '---\nschema: 2.0.0\n---\n\n# Add-Widget\n\n## SYNTAX\n\n```\nAdd-Widget -Name <String> [-Verbose]\n```\n\n## PARAMETERS\n\n### -Name\nName.\n\n```yaml\nType: String\nParameter Sets: (All)\nRequired: True\nPosition: Named\n```\n';
    const command = parseMarkdown(source, 'Add-Widget.md').command;
    expect(command?.cmdletBinding).toBe(true);
    expect(command?.parameters.map((parameter) => parameter.name)).toEqual(['Name']);
  });

  it('reads no CmdletBinding without any evidence', () => {
    const source = '---\nschema: 2.0.0\n---\n\n# Add-Widget\n\n## SYNTAX\n\n```\nAdd-Widget -Name <String>\n```\n';
    expect(parseMarkdown(source, 'Add-Widget.md').command?.cmdletBinding).toBe(false);
  });
});

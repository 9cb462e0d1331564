import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../generator/parse/command.ts';

/** A v1 doc with sets A and B; `syntax` replaces the syntax lines and `parameters` the PARAMETERS body. */
function doc({ syntaxA, syntaxB, parameters, commonHeading = true }: { syntaxA: string; syntaxB?: string; parameters: string; commonHeading?: boolean }): string {
  const setB = syntaxB === undefined ? '' : `\n### B\n\`\`\`\n${syntaxB}\n\`\`\`\n`;
  return `---
Module Name: Widgets
schema: 2.0.0
---

# Set-Widget

## SYNOPSIS
Sets a widget.

## SYNTAX

### A (Default)
\`\`\`
${syntaxA}
\`\`\`
${setB}
## DESCRIPTION
Sets a widget.

## EXAMPLES

## PARAMETERS
${parameters}
${commonHeading ? '### CommonParameters\nThis cmdlet supports the common parameters.\n' : ''}
## INPUTS

## OUTPUTS
`;
}

function parameter(name: string, { sets = '(All)', required = 'False', position = 'Named', aliases = '' } = {}): string {
  return `
### -${name}
The ${name}.

\`\`\`yaml
Type: String
Parameter Sets: ${sets}
Aliases: ${aliases}

Required: ${required}
Position: ${position}
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
\`\`\`
`;
}

function rules(text: string): string[] {
  return parseMarkdown(text, 'Set-Widget.md').diagnostics.map((diagnostic) => `${diagnostic.severity} ${diagnostic.ruleId}`);
}

describe('cross-checks', () => {
  it.each([
    ['consistent doc', doc({ syntaxA: 'Set-Widget -Name <String> [<CommonParameters>]', parameters: parameter('Name', { required: 'True' }) }), []],
    ['required in SYNTAX, optional in YAML', doc({ syntaxA: 'Set-Widget -Name <String> [<CommonParameters>]', parameters: parameter('Name') }), ['warning syntax-yaml-required']],
    ['optional in SYNTAX, required in YAML', doc({ syntaxA: 'Set-Widget [-Name <String>] [<CommonParameters>]', parameters: parameter('Name', { required: 'True' }) }), ['warning syntax-yaml-required']],
    ['positional in SYNTAX, named in YAML', doc({ syntaxA: 'Set-Widget [[-Name] <String>] [<CommonParameters>]', parameters: parameter('Name') }), ['warning syntax-yaml-position']],
    ['named in SYNTAX, positional in YAML', doc({ syntaxA: 'Set-Widget [-Name <String>] [<CommonParameters>]', parameters: parameter('Name', { position: '0' }) }), ['warning syntax-yaml-position']],
    ['documented but not in SYNTAX', doc({ syntaxA: 'Set-Widget [-Name <String>] [<CommonParameters>]', parameters: parameter('Name') + parameter('Size') }), ['warning parameter-not-in-syntax']],
    ['alias shared by two parameters', doc({ syntaxA: 'Set-Widget [-Name <String>] [-Size <String>] [<CommonParameters>]', parameters: parameter('Name', { aliases: 'n' }) + parameter('Size', { aliases: 'N' }) }), ['warning alias-duplicate']],
    ['alias equal to another name', doc({ syntaxA: 'Set-Widget [-Name <String>] [-Size <String>] [<CommonParameters>]', parameters: parameter('Name', { aliases: 'Size' }) + parameter('Size') }), ['warning alias-duplicate']],
    ['alias repeated in one list', doc({ syntaxA: 'Set-Widget [-Name <String>] [<CommonParameters>]', parameters: parameter('Name', { aliases: 'n, N' }) }), ['warning alias-repeated']],
    ['alias of a common parameter', doc({ syntaxA: 'Set-Widget [-Name <String>] [<CommonParameters>]', parameters: parameter('Name', { aliases: 'ea' }) }), ['warning common-parameter-clash']],
    ['alias named like a common parameter', doc({ syntaxA: 'Set-Widget [-Name <String>] [<CommonParameters>]', parameters: parameter('Name', { aliases: 'OutBuffer' }) }), ['warning common-parameter-clash']],
    ['common alias without CmdletBinding', doc({ syntaxA: 'Set-Widget [-Name <String>]', parameters: parameter('Name', { aliases: 'ea' }), commonHeading: false }), []],
    ['token but no heading', doc({ syntaxA: 'Set-Widget [-Name <String>] [<CommonParameters>]', parameters: parameter('Name'), commonHeading: false }), ['warning common-parameters-heading']],
    ['heading but no token', doc({ syntaxA: 'Set-Widget [-Name <String>]', parameters: parameter('Name') }), ['warning common-parameters-token']],
    [
      'token in one set only',
      doc({ syntaxA: 'Set-Widget [-Name <String>] [<CommonParameters>]', syntaxB: 'Set-Widget [-Name <String>]', parameters: parameter('Name', { sets: 'A, B' }) }),
      ['warning common-parameters-token'],
    ],
  ])('%s', (_, text, expected) => {
    expect(rules(text).filter((rule) => !rule.startsWith('info'))).toEqual(expected);
  });

  it('gives expected and actual values', () => {
    const [diagnostic] = parseMarkdown(doc({ syntaxA: 'Set-Widget -Name <String> [<CommonParameters>]', parameters: parameter('Name') }), 'Set-Widget.md').diagnostics.filter((item) => item.ruleId === 'syntax-yaml-required');
    expect(diagnostic?.expected).toEqual(['optional']);
    expect(diagnostic?.actual).toBe('required');
    expect(diagnostic?.line).toBe(13);
  });
});

describe('alias clashes', () => {
  it('drop the clashing alias and keep the command', () => {
    const result = parseMarkdown(doc({ syntaxA: 'Set-Widget [-Name <String>] [-Size <String>] [<CommonParameters>]', parameters: parameter('Name', { aliases: 'n' }) + parameter('Size', { aliases: 'N, ea, sz' }) }), 'Set-Widget.md');
    const aliases = new Map(result.command?.parameters.map((item) => [item.name, item.aliases]));
    expect(aliases.get('Name')).toEqual(['n']);
    expect(aliases.get('Size')).toEqual(['sz']);
  });
});

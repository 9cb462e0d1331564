import { describe, expect, it } from 'vitest';
import { CommandTextInvoker, credential, quoteString, renderCommandText } from '../../generator/runtime/index.ts';

describe('quoteString', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", "'it''s'"],
    ['it\u2019s', "'it\u2019\u2019s'"],
    ['\u2018a\u201a\u201b', "'\u2018\u2018a\u201a\u201a\u201b\u201b'"],
    ['$(Get-Date) `n $env:HOME', "'$(Get-Date) `n $env:HOME'"],
    ['line1\nline2', "'line1\nline2'"],
  ])('quotes %j', (text, expected) => {
    expect(quoteString(text)).toBe(expected);
  });
});

describe('renderCommandText', () => {
  it('renders switches, arrays, hashtables and module qualification', () => {
    const text = renderCommandText({
      command: 'Set-Widget',
      module: 'Contoso.Widgets',
      parameterSet: 'ByName',
      parameters: { Name: "a'b", Force: true, Confirm: false, Tag: ['x', 'y'], Size: 3, Options: { Mode: 'fast', Depth: 2 } },
    });
    expect(text).toBe("Contoso.Widgets\\Set-Widget -Name 'a''b' -Force -Confirm:$false -Tag @('x', 'y') -Size 3 -Options @{'Mode' = 'fast'; 'Depth' = 2}");
  });

  it('never renders a password', () => {
    const text = renderCommandText({ command: 'Connect-Widget', module: '', parameterSet: 'A', parameters: { Credential: credential('admin', 's3cret') } });
    expect(text).not.toContain('s3cret');
    expect(text).toBe("Connect-Widget -Credential (Get-Credential -UserName 'admin')");
  });

  it('records each command an invoker renders', async () => {
    const invoker = new CommandTextInvoker();
    await invoker.invoke({ command: 'Get-Widget', module: 'W', parameterSet: 'A', parameters: {} });
    expect(invoker.commands).toEqual(['W\\Get-Widget']);
  });
});

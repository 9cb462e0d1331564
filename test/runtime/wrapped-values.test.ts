import { describe, expect, it } from 'vitest';
import { bindParameters, credential, scriptBlock, secureString, type CommandMetadata } from '../../generator/runtime/index.ts';

const metadata: CommandMetadata = {
  name: 'Connect-Widget',
  module: 'Widgets',
  sets: [],
  defaultSet: null,
  cmdletBinding: true,
  supportsShouldProcess: false,
  parameters: [
    { name: 'Credential', aliases: [], kind: 'credential', arrayDepth: 0, acceptedValues: [], sets: [{ set: 'all', mandatory: false, position: null }] },
    { name: 'Password', aliases: [], kind: 'securestring', arrayDepth: 0, acceptedValues: [], sets: [{ set: 'all', mandatory: false, position: null }] },
    { name: 'Filter', aliases: [], kind: 'scriptblock', arrayDepth: 0, acceptedValues: [], sets: [{ set: 'all', mandatory: false, position: null }] },
  ],
};

describe('runtime value wrappers', () => {
  it('bind to parameters of their own type', () => {
    const cred = credential('admin', 'pw');
    const password = secureString('pw');
    const filter = scriptBlock('$_.Name -like "a*"');
    const result = bindParameters(metadata, { credential: cred, password, filter });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.parameters.Credential).toBe(cred);
    expect(result.parameters.Password).toBe(password);
    expect(result.parameters.Filter).toBe(filter);
  });

  it.each([
    ['credential', { credential: secureString('pw') }],
    ['credential', { credential: 'admin' }],
    ['password', { password: 'plain text' }],
    ['filter', { filter: '$_.Name' }],
  ])('reject a value of another type for %s', (_name, params) => {
    const result = bindParameters(metadata, params);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.id)).toEqual(['ParameterArgumentTransformationError']);
  });
});

describe('ParameterBindingError', () => {
  it('names the command once', async () => {
    const { invokeCommand, CommandTextInvoker } = await import('../../generator/runtime/index.ts');
    const failure = await invokeCommand(new CommandTextInvoker(), metadata, { bogus: 1 }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe("Connect-Widget has no parameter named 'bogus'.");
  });
});

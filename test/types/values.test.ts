import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import {
  credential,
  isPSCredentialValue,
  isScriptBlockValue,
  isSecureStringValue,
  PSCredentialValue,
  revealSecureString,
  scriptBlock,
  secureString,
  SecureStringValue,
} from '../../generator/runtime/values.ts';

const PASSWORD = 'correct horse battery staple';

/** Renders a value in every common way it reaches a log line. */
function renderings(value: unknown): string[] {
  return [
    JSON.stringify(value),
    JSON.stringify({ nested: [value] }),
    String(value),
    `${value as string}`,
    inspect(value, { depth: 10, showHidden: false }),
    inspect({ nested: value }, { depth: 10 }),
    JSON.stringify({ ...(value as object) }),
    JSON.stringify(structuredClone(value)),
  ];
}

describe('SecureStringValue', () => {
  const secret = secureString(PASSWORD);

  test('reveal returns the text', () => {
    expect(revealSecureString(secret)).toBe(PASSWORD);
    expect(secret.length).toBe(PASSWORD.length);
  });

  test.each(renderings(secureString(PASSWORD)).map((text, index) => [index, text]))('rendering %i hides secret', (_index, text) => {
    expect(text).not.toContain('horse');
  });

  test('JSON form marks redaction', () => {
    expect(JSON.parse(JSON.stringify(secret))).toEqual({ $type: 'SecureString', redacted: true });
  });

  test('secret cannot be overwritten', () => {
    expect(() => Object.defineProperty(secret, Symbol.for('cmdlet-ts.SecureStringValue.secret'), { value: 'x' })).toThrow(TypeError);
    expect(revealSecureString(secret)).toBe(PASSWORD);
  });

  test('reveal rejects look-alikes', () => {
    const fake = { [Symbol.for('cmdlet-ts.SecureStringValue')]: true } as unknown as SecureStringValue;
    expect(isSecureStringValue(fake)).toBe(true);
    expect(() => revealSecureString(fake)).toThrow(/holds no secret/);
  });

  test('non-string input is rejected', () => {
    expect(() => SecureStringValue.fromPlainText(42 as unknown as string)).toThrow(TypeError);
  });
});

describe('PSCredentialValue', () => {
  const value = credential('CONTOSO\\alice', PASSWORD);

  test('keeps user name and password', () => {
    expect(value).toBeInstanceOf(PSCredentialValue);
    expect(value.userName).toBe('CONTOSO\\alice');
    expect(revealSecureString(value.password)).toBe(PASSWORD);
  });

  test('accepts a secure string', () => {
    const password = secureString(PASSWORD);
    expect(credential('bob', password).password).toBe(password);
  });

  test.each(renderings(credential('alice', PASSWORD)).map((text, index) => [index, text]))('rendering %i hides password', (_index, text) => {
    expect(text).not.toContain('horse');
  });

  test('JSON form', () => {
    expect(JSON.parse(JSON.stringify(value))).toEqual({ $type: 'PSCredential', userName: 'CONTOSO\\alice', password: { $type: 'SecureString', redacted: true } });
  });

  test('empty user name is rejected', () => {
    expect(() => credential(' ', PASSWORD)).toThrow(/user name is missing/);
  });
});

describe('ScriptBlockValue', () => {
  test('keeps source and brand', () => {
    const block = scriptBlock('$_.Length -gt 3');
    expect(block.text).toBe('$_.Length -gt 3');
    expect(String(block)).toBe('{$_.Length -gt 3}');
    expect(JSON.parse(JSON.stringify(block))).toEqual({ $type: 'ScriptBlock', text: '$_.Length -gt 3' });
  });
});

describe('guards', () => {
  test.each([
    ['secure string', secureString('x'), [true, false, false]],
    ['credential', credential('a', 'b'), [false, true, false]],
    ['script block', scriptBlock('1'), [false, false, true]],
    ['plain string', 'x', [false, false, false]],
    ['null', null, [false, false, false]],
    ['plain object', { userName: 'a', password: 'b' }, [false, false, false]],
  ])('%s', (_name, value, want) => {
    expect([isSecureStringValue(value), isPSCredentialValue(value), isScriptBlockValue(value)]).toEqual(want);
  });
});

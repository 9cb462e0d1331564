import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PowerShellSession } from '../../generator/runtime/session.ts';
import { call, describePwsh, makeTempFolder, PROBE, PROBE_MODULE, START_TIMEOUT_MS, UTILITY } from './pwsh.ts';

interface Echo {
  Name: string;
  NameHex: string;
  Tag: string[] | null;
  TagHex: string[];
  ValueType: string | null;
  Value: unknown;
  Count: number;
}

/**
 * Values that would run code, or leave an interactive shell waiting for a closing quote, if they
 * were pasted into script text. Each tries to delete `data/` or create a marker file.
 */
const PAYLOADS: Array<[string, string]> = [
  ['ASCII quote', "it's'; Remove-Item -Recurse -Path ./data; '"],
  ['U+2019 and ASCII quote', "it\u2019s'; Remove-Item -Recurse -Path ./data; '"],
  ['U+2018 quote', "\u2018; New-Item -Path marker-2018 -ItemType File; \u2018"],
  ['U+2019 quote', "\u2019; New-Item -Path marker-2019 -ItemType File; \u2019"],
  ['U+201A quote', "\u201A; New-Item -Path marker-201A -ItemType File; \u201A"],
  ['U+201B quote', "\u201B; New-Item -Path marker-201B -ItemType File; \u201B"],
  ['double quote', '"; New-Item -Path marker-dq -ItemType File; "'],
  ['unbalanced quotes', `'"\u2018\u201C`],
  ['subexpression', 'line1\nline2 $(New-Item -Path marker-sub -ItemType File) `n $env:HOME'],
  ['backtick escapes', '`"`$(New-Item -Path marker-tick -ItemType File)`0`a'],
  ['semicolon', 'x; New-Item -Path marker-semi -ItemType File'],
  ['newline', 'x\nNew-Item -Path marker-newline -ItemType File\n'],
  ['en dash prefix', '\u2013Force'],
  ['Unicode double quotes', '[\u201Ca\u201D, \u201Eb\u201C]'],
  ['variable and splat', '$PSVersionTable @args $true'],
  ['script block', '{ New-Item -Path marker-block -ItemType File }.Invoke()'],
  ['pipe and redirection', 'x | Out-File marker-pipe 2>&1 > marker-redirect'],
  ['comment and here-string', "#x\n@'\nNew-Item marker-here\n'@"],
  ['non-ASCII', 'Zoë 東京 🙂 \u0301 \u00A0 \u200B'],
  ['control characters', 'a\u0000b\u0007c\u001Bd\re\tf'],
  ['base64 frame lookalike', 'AAAA\nBBBB=:'],
];

describePwsh('values reach PowerShell as literal strings', () => {
  let session: PowerShellSession;
  let folder: string;
  let removeFolder: () => Promise<void>;
  let probeCalls = 0;

  beforeAll(async () => {
    ({ folder, remove: removeFolder } = await makeTempFolder());
    await mkdir(path.join(folder, 'data'));
    await writeFile(path.join(folder, 'data', 'keep.txt'), 'keep');
    session = new PowerShellSession({ cwd: folder, modules: [PROBE_MODULE], timeoutMs: 30_000 });
    await session.start();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
    await removeFolder?.();
  });

  async function echo(parameters: Record<string, unknown>): Promise<Echo> {
    probeCalls += 1;
    const result = await session.invoke(call(PROBE, 'Get-ProbeEcho', parameters));
    expect(result.errors).toEqual([]);
    expect(result.output).toHaveLength(1);
    return result.output[0] as Echo;
  }

  function utf8Hex(text: string): string {
    return Buffer.from(text, 'utf8').toString('hex').toUpperCase();
  }

  it.each(PAYLOADS)('%s arrives unchanged', async (_, payload) => {
    const tags = [payload, `${payload}'`, `'${payload}`];

    const echoed = await echo({ Name: payload, Tag: tags });

    expect(echoed.Name).toBe(payload);
    expect(echoed.NameHex).toBe(utf8Hex(payload));
    expect(echoed.Tag).toEqual(tags);
    expect(echoed.TagHex).toEqual(tags.map(utf8Hex));
    // The probe counts its own calls: a payload that ran another probe call would skip a number.
    expect(echoed.Count).toBe(probeCalls);
  });

  it('payloads ran no other command', async () => {
    const entries = await readdir(folder);

    expect(entries.sort()).toEqual(['data']);
    expect(existsSync(path.join(folder, 'data', 'keep.txt'))).toBe(true);
    expect((await session.invoke(call(PROBE, 'Get-ProbeCount'))).output).toEqual([probeCalls]);
  });

  it('payloads reach Write-Output unchanged', async () => {
    const values = PAYLOADS.map(([, payload]) => payload);

    const result = await session.invoke(call(UTILITY, 'Write-Output', { InputObject: values }));

    expect(result.output).toEqual(values);
  });

  it('ISO-looking string stays a string', async () => {
    const echoed = await echo({ Name: '2020-09-07T09:44:13.769Z', Value: '2020-09-07T09:44:13.769Z' });

    expect(echoed.Name).toBe('2020-09-07T09:44:13.769Z');
    expect(echoed.ValueType).toBe('System.String');
    expect(echoed.Value).toBe('2020-09-07T09:44:13.769Z');
  });

  it('lone surrogate is rejected', async () => {
    const sent = session.invoke(call(PROBE, 'Get-ProbeEcho', { Tag: ['ok', 'a\uD800b'] }));

    await expect(sent).rejects.toMatchObject({ name: 'SessionError', code: 'invalid-invocation' });
    await expect(sent).rejects.toThrow('-Tag[1] is not valid Unicode: it has a lone surrogate at index 1');
  });

  it('next request works after every payload', async () => {
    const result = await session.invoke(call(UTILITY, 'Get-Date', { Date: new Date('2024-05-06T07:08:09Z'), Format: 'yyyy' }));

    expect(result.output).toEqual(['2024']);
  });

  it('stray stdout text leaves frames intact', async () => {
    const result = await session.invoke(call(PROBE, 'Write-ProbeStdout'));
    const next = await echo({ Name: 'after stray output' });

    expect(result.output).toEqual(['ok']);
    expect(next.Name).toBe('after stray output');
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { credential, scriptBlock, secureString } from '../../generator/runtime/values.ts';
import { PowerShellSession } from '../../generator/runtime/session.ts';
import { call, describePwsh, PROBE, PROBE_MODULE, START_TIMEOUT_MS, UTILITY } from './pwsh.ts';

interface TypeReport {
  Type: string;
  Text?: string;
  Items?: TypeReport[];
  Entries?: Record<string, TypeReport | null>;
}

const PASSWORD = 'pa$$w0rd-\u2019-never-logged';

describePwsh('values and streams', () => {
  let session: PowerShellSession;
  const logged: string[] = [];

  beforeAll(async () => {
    const record = (message: string): void => {
      logged.push(message);
    };
    session = new PowerShellSession({ modules: [PROBE_MODULE], timeoutMs: 30_000, logger: { debug: record, warn: record } });
    await session.start();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
  });

  async function typeOf(value: unknown): Promise<TypeReport | null> {
    const result = await session.invoke(call(PROBE, 'Get-ProbeValueType', { Value: value }));
    expect(result.errors).toEqual([]);
    return result.output[0] as TypeReport | null;
  }

  it.each([
    ['string', 'text', 'System.String', 'text'],
    ['small integer', 42, 'System.Int32', '42'],
    ['negative integer', -7, 'System.Int32', '-7'],
    ['integer above Int32', 2 ** 40, 'System.Int64', '1099511627776'],
    ['bigint in Int64', 9_007_199_254_740_993n, 'System.Int64', '9007199254740993'],
    ['bigint above Int64', 2n ** 70n, 'System.Numerics.BigInteger', '1180591620717411303424'],
    ['fraction', 1.5, 'System.Double', '1.5'],
    ['NaN', Number.NaN, 'System.Double', 'NaN'],
    ['infinity', Number.NEGATIVE_INFINITY, 'System.Double', '-Infinity'],
    ['true', true, 'System.Boolean', 'True'],
    ['URL', new URL('https://example.invalid/a?b=1'), 'System.String', 'https://example.invalid/a?b=1'],
  ])('%s keeps its type', async (_, value, type, text) => {
    const report = await typeOf(value);

    expect(report?.Type).toBe(type);
    expect(report?.Text).toBe(text);
  });

  it('Date becomes a UTC DateTime', async () => {
    const result = await session.invoke(call(UTILITY, 'Get-Date', { Date: new Date('2021-03-04T05:06:07.089Z'), Format: 'o' }));
    const report = await typeOf(new Date(0));

    expect(result.output).toEqual(['2021-03-04T05:06:07.0890000Z']);
    expect(report?.Type).toBe('System.DateTime');
  });

  it('null arrives as null', async () => {
    expect(await typeOf(null)).toBeNull();
  });

  it('array keeps its element types', async () => {
    const report = await typeOf(['a', 1, true, null, [2]]);

    expect(report?.Type).toBe('System.Object[]');
    expect(report?.Items?.map((item) => item?.Type ?? null)).toEqual(['System.String', 'System.Int32', 'System.Boolean', null, 'System.Object[]']);
  });

  it('object and Map become hashtables', async () => {
    const fromObject = await typeOf({ name: 'x', nested: { count: 2 } });
    const fromMap = await typeOf(new Map([['key', 1.25]]));

    expect(fromObject?.Type).toBe('System.Collections.Hashtable');
    expect(fromObject?.Entries?.name?.Type).toBe('System.String');
    expect(fromObject?.Entries?.nested?.Type).toBe('System.Collections.Hashtable');
    expect(fromObject?.Entries?.nested?.Entries?.count?.Text).toBe('2');
    expect(fromMap?.Entries?.key?.Type).toBe('System.Double');
  });

  it('Uint8Array becomes byte[]', async () => {
    const report = await typeOf(new Uint8Array([0, 127, 255]));
    const echoed = await session.invoke(call(UTILITY, 'Write-Output', { InputObject: Buffer.from('hi'), NoEnumerate: true }));

    expect(report?.Type).toBe('System.Byte[]');
    expect(report?.Items?.map((item) => item.Text)).toEqual(['0', '127', '255']);
    expect(echoed.output).toEqual([[104, 105]]);
  });

  it('large values cross in many chunks', async () => {
    const ascii = 'x'.repeat(2_000_000);
    const multiByte = '\u00e9\u6771\ud83d\ude42'.repeat(100_000);

    const result = await session.invoke(call(UTILITY, 'Write-Output', { InputObject: [ascii, multiByte] }));

    expect(result.output).toHaveLength(2);
    expect(result.output[0] === ascii).toBe(true);
    expect(result.output[1] === multiByte).toBe(true);
  });

  it('credential and secure string arrive', async () => {
    const result = await session.invoke(
      call(PROBE, 'Get-ProbeSecret', { Credential: credential('domain\\user', PASSWORD), Secret: secureString(`${PASSWORD}!`) }),
    );

    expect(result.output).toEqual([{ UserName: 'domain\\user', Password: PASSWORD, Secret: `${PASSWORD}!` }]);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.some((message) => message.includes(PASSWORD))).toBe(false);
  });

  it('script block runs as code', async () => {
    const result = await session.invoke(
      call('Microsoft.PowerShell.Core', 'ForEach-Object', { InputObject: 21, Process: scriptBlock('$_ * 2') }),
    );

    expect(result.output).toEqual([42]);
  });

  it('module function sees private helpers', async () => {
    const result = await session.invoke(call(PROBE, 'Get-ProbeFormatted', { Text: 'x' }));
    const error = await session.invoke(call(PROBE, 'Format-ProbeText', { Text: 'x' })).catch((caught: unknown) => caught);

    expect(result.errors).toEqual([]);
    expect(result.output).toEqual(['<x>']);
    expect(error).toMatchObject({ code: 'command-not-found' });
  });

  it('nested output keeps depth, dates and enums', async () => {
    const result = await session.invoke(call(PROBE, 'Get-ProbeNested'));

    expect(result.output).toEqual([
      {
        a: { b: { c: { d: 'e' } } },
        when: '2024-01-02T03:04:05.0000000Z',
        at: '2024-01-02T03:04:05.0000000+02:00',
        kind: 'Archive',
        both: 'ReadOnly, Archive',
      },
    ]);
  });

  it('streams come back apart', async () => {
    const result = await session.invoke(call(PROBE, 'Write-ProbeStreams', { Verbose: true, Debug: true }));

    expect(result.output[0]).toBe('first');
    expect(result.output[1]).toMatchObject({ FullyQualifiedErrorId: 'OutputRecord' });
    expect(result.output[2]).toBe('last');
    expect(result.output).toHaveLength(3);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      message: 'probe error',
      fullyQualifiedErrorId: 'ProbeError,Write-ProbeStreams',
      category: 'InvalidData',
      target: 'probe-target',
    });
    expect(result.warnings).toEqual(['probe warning']);
    expect(result.verbose).toEqual(['probe verbose']);
    expect(result.debug).toEqual(['probe debug']);
    expect(result.information.map((record) => [record.message, record.tags])).toEqual([
      ['probe information', ['probe']],
      ['probe host', ['PSHOST']],
    ]);
  });

  it('verbose stays empty unless requested', async () => {
    const result = await session.invoke(call(PROBE, 'Write-ProbeStreams'));

    expect(result.verbose).toEqual([]);
    expect(result.debug).toEqual([]);
    expect(result.warnings).toEqual(['probe warning']);
  });
});

import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getChildItem } from '../../generated/Microsoft.PowerShell.Management/Get-ChildItem.ts';
import { getContent } from '../../generated/Microsoft.PowerShell.Management/Get-Content.ts';
import { joinPath } from '../../generated/Microsoft.PowerShell.Management/Join-Path.ts';
import { newItem } from '../../generated/Microsoft.PowerShell.Management/New-Item.ts';
import { removeItem } from '../../generated/Microsoft.PowerShell.Management/Remove-Item.ts';
import { setContent } from '../../generated/Microsoft.PowerShell.Management/Set-Content.ts';
import { splitPath } from '../../generated/Microsoft.PowerShell.Management/Split-Path.ts';
import { testPath } from '../../generated/Microsoft.PowerShell.Management/Test-Path.ts';
import { convertFromJson } from '../../generated/Microsoft.PowerShell.Utility/ConvertFrom-Json.ts';
import { convertToJson } from '../../generated/Microsoft.PowerShell.Utility/ConvertTo-Json.ts';
import { getDate } from '../../generated/Microsoft.PowerShell.Utility/Get-Date.ts';
import { getRandom } from '../../generated/Microsoft.PowerShell.Utility/Get-Random.ts';
import { measureObject } from '../../generated/Microsoft.PowerShell.Utility/Measure-Object.ts';
import { ParameterBindingError } from '../../generator/runtime/command.ts';
import { PowerShellError, PowerShellSession, type InvocationResult } from '../../generator/runtime/session.ts';
import { describePwsh, makeTempFolder, START_TIMEOUT_MS } from './pwsh.ts';

type Item = Record<string, unknown>;

/** Returns the output of a generated call, after checking that it wrote no errors. */
async function output(call: Promise<unknown>): Promise<unknown[]> {
  const result = (await call) as InvocationResult;
  expect(result.errors).toEqual([]);
  return result.output;
}

describePwsh('generated client functions with a real session', () => {
  let session: PowerShellSession;
  let folder: string;
  let removeFolder: () => Promise<void>;
  let bindingCalls = 0;

  beforeAll(async () => {
    ({ folder, remove: removeFolder } = await makeTempFolder());
    session = new PowerShellSession({ cwd: folder, timeoutMs: 30_000 });
    await session.start();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
    await removeFolder?.();
  });

  it('getDate formats a date', async () => {
    const date = new Date('2024-01-02T03:04:05.678Z');

    expect(await output(getDate(session, { date, format: 'o' }))).toEqual(['2024-01-02T03:04:05.6780000Z']);
    expect(await output(getDate(session, { date, uFormat: '%Y' }))).toEqual(['2024']);
    expect(await output(getDate(session, { unixTimeSeconds: 0, asUTC: true }))).toEqual(['1970-01-01T00:00:00.0000000Z']);
  });

  it('path functions join, split and test', async () => {
    const file = path.join(folder, 'a', 'b.txt');

    expect(await output(joinPath(session, { path: [folder], childPath: ['a'], additionalChildPath: ['b.txt'] }))).toEqual([file]);
    expect(await output(splitPath(session, { path: [file], leaf: true }))).toEqual(['b.txt']);
    expect(await output(splitPath(session, { path: [file], parent: true }))).toEqual([path.join(folder, 'a')]);
    expect(await output(testPath(session, { path: [file] }))).toEqual([false]);
  });

  it('item functions write, read, list and remove', async () => {
    const work = path.join(folder, 'items');
    await mkdir(work);
    const file = path.join(work, 'note.txt');

    const [created] = (await output(newItem(session, { path: [file], itemType: 'File', value: 'first' }))) as Item[];
    await output(setContent(session, { path: [file], value: ['one', 'two'] }));
    const lines = await output(getContent(session, { path: [file] }));
    const listed = (await output(getChildItem(session, { path: [work] }))) as Item[];
    await output(removeItem(session, { path: [file], whatIf: true }));
    const keptAfterWhatIf = existsSync(file);
    await output(removeItem(session, { path: [file], confirm: false }));

    expect(created?.Name).toBe('note.txt');
    expect(lines).toEqual(['one', 'two']);
    expect(listed.map((item) => item.Name)).toEqual(['note.txt']);
    expect(keptAfterWhatIf).toBe(true);
    expect(existsSync(file)).toBe(false);
  });

  it('JSON functions convert both ways', async () => {
    const [json] = await output(convertToJson(session, { inputObject: { id: '2020-09-07T09:44:13.769Z' }, compress: true }));
    const [parsed] = await output(convertFromJson(session, { inputObject: String(json), asHashtable: true, dateKind: 'String' }));

    expect(json).toBe('{"id":"2020-09-07T09:44:13.769Z"}');
    expect(parsed).toEqual({ id: '2020-09-07T09:44:13.769Z' });
  });

  it('getRandom repeats with a seed', async () => {
    const first = await output(getRandom(session, { setSeed: 42, maximum: 1000 }));
    const second = await output(getRandom(session, { setSeed: 42, maximum: 1000 }));

    expect(first).toHaveLength(1);
    expect(second).toEqual(first);
  });

  it('measureObject counts text', async () => {
    const [measured] = (await output(measureObject(session, { inputObject: 'a b\nc', line: true, word: true, character: true }))) as Item[];

    expect(measured?.Lines).toBe(2);
    expect(measured?.Words).toBe(3);
    expect(measured?.Characters).toBe(5);
  });

  it('missing file is a PowerShellError', async () => {
    const missing = path.join(folder, 'missing.txt');

    const error = await getContent(session, { path: [missing], errorAction: 'Stop' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PowerShellError);
    expect((error as PowerShellError).fullyQualifiedErrorId).toBe('PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand');
  });

  it('invalid call fails before reaching pwsh', async () => {
    const counting = {
      invoke: (invocation: Parameters<PowerShellSession['invoke']>[0]) => {
        bindingCalls += 1;
        return session.invoke(invocation);
      },
    };

    // Mixing two parameter sets does not bind, so nothing is sent.
    const error = await getDate(counting, { format: 'o', uFormat: '%Y' } as never).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ParameterBindingError);
    expect(bindingCalls).toBe(0);
  });

  it('generated text reaches pwsh unchanged', async () => {
    const file = path.join(folder, 'quotes.txt');
    const value = "it\u2019s'; $(Remove-Item -Recurse .) `n \u201Cq\u201D";
    await writeFile(file, '');

    await output(setContent(session, { path: [file], value: [value] }));

    expect(await readFile(file, 'utf8')).toBe(`${value}\n`);
    expect(existsSync(folder)).toBe(true);
  });
});

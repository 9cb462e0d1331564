import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PowerShellSession } from '../../generator/runtime/session.ts';
import { call, describePwsh, makeTempFolder, MANAGEMENT, START_TIMEOUT_MS, UTILITY } from './pwsh.ts';

type Item = Record<string, unknown>;

describePwsh('built-in cmdlets through the session', () => {
  let session: PowerShellSession;
  let folder: string;
  let removeFolder: () => Promise<void>;

  beforeAll(async () => {
    ({ folder, remove: removeFolder } = await makeTempFolder());
    session = new PowerShellSession({ cwd: folder, timeoutMs: 30_000 });
    await session.start();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
    await removeFolder?.();
  });

  async function output(module: string, command: string, parameters: Record<string, unknown>): Promise<unknown[]> {
    const result = await session.invoke(call(module, command, parameters));
    expect(result.errors).toEqual([]);
    return result.output;
  }

  it('Get-Date formats a given date', async () => {
    const date = new Date('2024-01-02T03:04:05.678Z');

    expect(await output(UTILITY, 'Get-Date', { Date: date, Format: 'o' })).toEqual(['2024-01-02T03:04:05.6780000Z']);
    expect(await output(UTILITY, 'Get-Date', { Date: date, UFormat: '%Y-%m-%d' })).toEqual(['2024-01-02']);
  });

  it('Get-Date returns dates as ISO strings', async () => {
    const [fromDate] = await output(UTILITY, 'Get-Date', { Date: new Date('2024-01-02T03:04:05.678Z'), AsUTC: true });
    const [fromUnix] = await output(UTILITY, 'Get-Date', { UnixTimeSeconds: 86_400, AsUTC: true });

    expect(fromDate).toBe('2024-01-02T03:04:05.6780000Z');
    expect(fromUnix).toBe('1970-01-02T00:00:00.0000000Z');
  });

  it('Join-Path joins child paths', async () => {
    const joined = await output(MANAGEMENT, 'Join-Path', { Path: folder, ChildPath: 'a', AdditionalChildPath: ['b', 'c.txt'] });

    expect(joined).toEqual([path.join(folder, 'a', 'b', 'c.txt')]);
  });

  it('Split-Path returns parts of a path', async () => {
    const file = path.join(folder, 'sub', 'name.ext.txt');

    expect(await output(MANAGEMENT, 'Split-Path', { Path: file, Leaf: true })).toEqual(['name.ext.txt']);
    expect(await output(MANAGEMENT, 'Split-Path', { Path: file, Parent: true })).toEqual([path.join(folder, 'sub')]);
    expect(await output(MANAGEMENT, 'Split-Path', { Path: file, LeafBase: true })).toEqual(['name.ext']);
    expect(await output(MANAGEMENT, 'Split-Path', { Path: file, Extension: true })).toEqual(['.txt']);
  });

  it('Test-Path checks files and folders', async () => {
    const file = path.join(folder, 'test-path.txt');
    await writeFile(file, 'x');

    expect(await output(MANAGEMENT, 'Test-Path', { Path: file })).toEqual([true]);
    expect(await output(MANAGEMENT, 'Test-Path', { Path: path.join(folder, 'missing.txt') })).toEqual([false]);
    expect(await output(MANAGEMENT, 'Test-Path', { Path: file, PathType: 'Container' })).toEqual([false]);
    expect(await output(MANAGEMENT, 'Test-Path', { Path: [file, folder], PathType: 'Leaf' })).toEqual([true, false]);
  });

  it('New-Item creates a file and a folder', async () => {
    const [file] = (await output(MANAGEMENT, 'New-Item', {
      Path: folder,
      Name: 'new-item.txt',
      ItemType: 'File',
      Value: 'hello',
    })) as Item[];
    const [directory] = (await output(MANAGEMENT, 'New-Item', { Path: path.join(folder, 'new-folder'), ItemType: 'Directory' })) as Item[];

    expect(file?.FullName).toBe(path.join(folder, 'new-item.txt'));
    expect(file?.Length).toBe(5);
    expect(file?.Directory).toBe(folder);
    expect(Number.isNaN(Date.parse(String(file?.LastWriteTimeUtc)))).toBe(false);
    expect(await readFile(path.join(folder, 'new-item.txt'), 'utf8')).toBe('hello');
    expect(directory?.PSIsContainer).toBe(true);
    expect(directory?.Attributes).toBe('Directory');
    expect(existsSync(path.join(folder, 'new-folder'))).toBe(true);
  });

  it('Set-Content writes lines', async () => {
    const file = path.join(folder, 'set-content.txt');

    expect(await output(MANAGEMENT, 'Set-Content', { Path: file, Value: ['one', 'two', 'ünï'] })).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe('one\ntwo\nünï\n');
  });

  it('Get-Content reads lines and raw text', async () => {
    const file = path.join(folder, 'get-content.txt');
    await writeFile(file, 'alpha\nbeta\ngamma\n');

    expect(await output(MANAGEMENT, 'Get-Content', { Path: file })).toEqual(['alpha', 'beta', 'gamma']);
    expect(await output(MANAGEMENT, 'Get-Content', { Path: file, Raw: true })).toEqual(['alpha\nbeta\ngamma\n']);
    expect(await output(MANAGEMENT, 'Get-Content', { LiteralPath: file, TotalCount: 2 })).toEqual(['alpha', 'beta']);
  });

  it('Get-ChildItem lists a folder', async () => {
    const listed = path.join(folder, 'listed');
    await mkdir(path.join(listed, 'inner'), { recursive: true });
    await writeFile(path.join(listed, 'b.txt'), 'bb');
    await writeFile(path.join(listed, 'a.log'), 'a');

    const all = (await output(MANAGEMENT, 'Get-ChildItem', { Path: listed })) as Item[];
    const files = (await output(MANAGEMENT, 'Get-ChildItem', { Path: listed, File: true, Filter: '*.txt' })) as Item[];
    const names = await output(MANAGEMENT, 'Get-ChildItem', { Path: listed, Name: true, Recurse: true });

    expect(all.map((item) => item.Name).sort()).toEqual(['a.log', 'b.txt', 'inner']);
    expect(files.map((item) => [item.Name, item.Length, item.PSIsContainer])).toEqual([['b.txt', 2, false]]);
    expect([...names].sort()).toEqual(['a.log', 'b.txt', 'inner']);
  });

  it('Remove-Item with WhatIf keeps the file', async () => {
    const file = path.join(folder, 'what-if.txt');
    await writeFile(file, 'x');

    const result = await session.invoke(call(MANAGEMENT, 'Remove-Item', { Path: file, WhatIf: true }));

    expect(result.errors).toEqual([]);
    expect(result.output).toEqual([]);
    expect(existsSync(file)).toBe(true);
  });

  it('Remove-Item deletes a file and a folder', async () => {
    const file = path.join(folder, 'remove-me.txt');
    const tree = path.join(folder, 'remove-tree');
    await writeFile(file, 'x');
    await mkdir(path.join(tree, 'deep'), { recursive: true });
    await writeFile(path.join(tree, 'deep', 'leaf.txt'), 'x');

    expect(await output(MANAGEMENT, 'Remove-Item', { Path: file })).toEqual([]);
    expect(await output(MANAGEMENT, 'Remove-Item', { Path: tree, Recurse: true, Confirm: false })).toEqual([]);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(tree)).toBe(false);
  });

  it('ConvertTo-Json serializes a hashtable', async () => {
    const [json] = await output(UTILITY, 'ConvertTo-Json', { InputObject: { name: 'x', list: [1, 2] }, Compress: true });

    expect(JSON.parse(String(json))).toEqual({ name: 'x', list: [1, 2] });
  });

  it('ConvertFrom-Json parses objects', async () => {
    const text = '{"id":"2020-09-07T09:44:13.769Z","n":1,"tags":["a","b"]}';

    const [converted] = await output(UTILITY, 'ConvertFrom-Json', { InputObject: text });
    const [asString] = await output(UTILITY, 'ConvertFrom-Json', { InputObject: text, DateKind: 'String', AsHashtable: true });

    // Without -DateKind, ConvertFrom-Json itself turns the ISO string into a DateTime.
    expect(converted).toEqual({ id: '2020-09-07T09:44:13.7690000Z', n: 1, tags: ['a', 'b'] });
    expect(asString).toEqual({ id: '2020-09-07T09:44:13.769Z', n: 1, tags: ['a', 'b'] });
  });

  it('Get-Random repeats with a seed', async () => {
    const first = await output(UTILITY, 'Get-Random', { SetSeed: 42, Minimum: 10, Maximum: 1000 });
    const second = await output(UTILITY, 'Get-Random', { SetSeed: 42, Minimum: 10, Maximum: 1000 });
    const shuffled = await output(UTILITY, 'Get-Random', { SetSeed: 7, InputObject: ['a', 'b', 'c', 'd'], Shuffle: true });

    expect(first).toHaveLength(1);
    expect(first).toEqual(second);
    expect(first[0]).toBeGreaterThanOrEqual(10);
    expect(first[0]).toBeLessThan(1000);
    expect([...shuffled].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(await output(UTILITY, 'Get-Random', { SetSeed: 7, InputObject: ['a', 'b', 'c', 'd'], Shuffle: true })).toEqual(shuffled);
  });

  it('Measure-Object counts text', async () => {
    const [measured] = (await output(UTILITY, 'Measure-Object', {
      InputObject: 'one two\nthree',
      Line: true,
      Word: true,
      Character: true,
    })) as Item[];

    expect(measured?.Lines).toBe(2);
    expect(measured?.Words).toBe(3);
    expect(measured?.Characters).toBe(13);
  });
});

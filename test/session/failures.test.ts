import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PowerShellError, PowerShellSession, SessionError } from '../../generator/runtime/session.ts';
import { call, describePwsh, makeTempFolder, MANAGEMENT, PROBE, PROBE_MODULE, START_TIMEOUT_MS, UTILITY } from './pwsh.ts';

const execFileAsync = promisify(execFile);

/** Calls that would wait for a prompt in an interactive host must fail well within this. */
const PROMPT_LIMIT_MS = 10_000;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('The call resolved, but it was expected to reject.');
}

/** Waits until `condition` holds, checking every 50 ms. */
async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`The condition did not hold within ${timeoutMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describePwsh('session failures', () => {
  let session: PowerShellSession;
  let folder: string;
  let removeFolder: () => Promise<void>;

  beforeAll(async () => {
    ({ folder, remove: removeFolder } = await makeTempFolder());
    session = new PowerShellSession({ cwd: folder, modules: [PROBE_MODULE], timeoutMs: 30_000 });
    await session.start();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
    await removeFolder?.();
  });

  it('missing path is a non-terminating error', async () => {
    const missing = path.join(folder, 'missing.txt');

    const result = await session.invoke(call(MANAGEMENT, 'Get-Content', { Path: missing }));

    expect(result.output).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      fullyQualifiedErrorId: 'PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand',
      category: 'ObjectNotFound',
      targetName: missing,
      target: missing,
      exceptionType: 'System.Management.Automation.ItemNotFoundException',
      message: `Cannot find path '${missing}' because it does not exist.`,
    });
  });

  it('missing path with Stop is a PowerShellError', async () => {
    const missing = path.join(folder, 'missing.txt');

    const error = await rejection(session.invoke(call(MANAGEMENT, 'Get-Content', { Path: missing, ErrorAction: 'Stop' })));

    expect(error).toBeInstanceOf(PowerShellError);
    expect(error).toMatchObject({
      name: 'PowerShellError',
      fullyQualifiedErrorId: 'PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand',
      category: 'ObjectNotFound',
      targetName: missing,
      target: missing,
      exceptionType: 'System.Management.Automation.ItemNotFoundException',
      command: 'Microsoft.PowerShell.Management\\Get-Content',
    });
    expect((error as PowerShellError).result.errors).toEqual([]);
  });

  it('terminating error keeps earlier output', async () => {
    const error = await rejection(session.invoke(call(PROBE, 'Stop-ProbeWithError')));

    expect(error).toBeInstanceOf(PowerShellError);
    expect((error as PowerShellError).message).toBe('probe failure');
    expect((error as PowerShellError).exceptionType).toBe('System.InvalidOperationException');
    expect((error as PowerShellError).result.output).toEqual(['partial']);
  });

  it('unknown parameter is a binding error', async () => {
    const error = await rejection(session.invoke(call(UTILITY, 'Get-Date', { NoSuchParameter: 1 })));

    expect(error).toBeInstanceOf(PowerShellError);
    expect((error as PowerShellError).fullyQualifiedErrorId).toBe('NamedParameterNotFound,Microsoft.PowerShell.Commands.GetDateCommand');
  });

  it.each([
    ['missing mandatory parameter of a cmdlet', MANAGEMENT, 'Get-Content', {}, 'MissingMandatoryParameter,Microsoft.PowerShell.Commands.GetContentCommand'],
    ['missing mandatory parameter of a function', PROBE, 'Get-ProbeWidget', {}, 'MissingMandatoryParameter,Get-ProbeWidget'],
    ['Read-Host', UTILITY, 'Read-Host', { Prompt: 'Name' }, 'HostFunctionNotImplemented,Microsoft.PowerShell.Commands.ReadHostCommand'],
    ['Get-Credential', 'Microsoft.PowerShell.Security', 'Get-Credential', {}, 'HostFunctionNotImplemented,Microsoft.PowerShell.Commands.GetCredentialCommand'],
  ])('prompt for %s fails fast', async (_, module, command, parameters, errorId) => {
    const started = Date.now();

    const error = await rejection(session.invoke(call(module, command, parameters)));

    expect(error).toBeInstanceOf(PowerShellError);
    expect((error as PowerShellError).fullyQualifiedErrorId).toBe(errorId);
    expect(Date.now() - started).toBeLessThan(PROMPT_LIMIT_MS);
  });

  it('Read-Host inside a function fails fast', async () => {
    const started = Date.now();

    const result = await session.invoke(call(PROBE, 'Read-ProbeHost'));

    // A cmdlet error inside a script function is non-terminating for the function.
    expect(result.output).toEqual([]);
    expect(result.errors.map((error) => error.fullyQualifiedErrorId)).toEqual([
      'HostFunctionNotImplemented,Microsoft.PowerShell.Commands.ReadHostCommand',
    ]);
    expect(Date.now() - started).toBeLessThan(PROMPT_LIMIT_MS);
  });

  it('ConfirmImpact High without Confirm fails fast', async () => {
    const started = Date.now();

    const result = await session.invoke(call(PROBE, 'Remove-ProbeWidget', { Id: 'w1' }));
    const confirmed = await session.invoke(call(PROBE, 'Remove-ProbeWidget', { Id: 'w1', Confirm: false }));

    // ShouldProcess throws inside a script function, which makes it a non-terminating error.
    expect(result.output).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain('does not support user interaction');
    expect(Date.now() - started).toBeLessThan(PROMPT_LIMIT_MS);
    expect(confirmed.output).toEqual(['removed w1']);
  });

  it('Remove-Item of a full folder fails fast', async () => {
    const full = path.join(folder, 'full');
    await mkdir(full);
    await writeFile(path.join(full, 'child.txt'), 'x');
    const started = Date.now();

    const error = await rejection(session.invoke(call(MANAGEMENT, 'Remove-Item', { Path: full })));

    // Without -Recurse the cmdlet calls ShouldContinue, which needs a host.
    expect(error).toBeInstanceOf(PowerShellError);
    expect((error as PowerShellError).fullyQualifiedErrorId).toBe('HostFunctionNotImplemented,Microsoft.PowerShell.Commands.RemoveItemCommand');
    expect(Date.now() - started).toBeLessThan(PROMPT_LIMIT_MS);
    expect(existsSync(path.join(full, 'child.txt'))).toBe(true);
  });

  it('timeout rejects and the next call works', async () => {
    const before = session.processIds;
    const started = Date.now();

    const error = await rejection(session.invoke(call(UTILITY, 'Start-Sleep', { Seconds: 60 }), { timeoutMs: 1000 }));
    const elapsed = Date.now() - started;
    const next = await session.invoke(call(UTILITY, 'Get-Date', { Date: new Date('2024-01-01T00:00:00Z'), Format: 'yyyy' }));

    expect(error).toBeInstanceOf(SessionError);
    expect((error as SessionError).code).toBe('timeout');
    expect((error as SessionError).message).toContain('Start-Sleep timed out after 1000 ms');
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(5000);
    expect(next.output).toEqual(['2024']);
    expect(session.processIds).not.toEqual(before);
  }, 60_000);

  it('abort rejects a running call', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop now')), 300);

    const error = await rejection(session.invoke(call(UTILITY, 'Start-Sleep', { Seconds: 60 }), { signal: controller.signal }));
    const next = await session.invoke(call(UTILITY, 'Write-Output', { InputObject: 'after abort' }));

    expect(error).toBeInstanceOf(SessionError);
    expect((error as SessionError).code).toBe('aborted');
    expect(((error as SessionError).cause as Error).message).toBe('stop now');
    expect(next.output).toEqual(['after abort']);
  }, 60_000);

  it('aborted signal rejects before sending', async () => {
    const pids = session.processIds;

    const error = await rejection(session.invoke(call(UTILITY, 'Get-Date'), { signal: AbortSignal.abort() }));

    expect((error as SessionError).code).toBe('aborted');
    expect(session.processIds).toEqual(pids);
  });

  it('killed pwsh is restarted', async () => {
    await session.invoke(call(UTILITY, 'Get-Date'));
    const [killed] = session.processIds;

    process.kill(killed!, 'SIGKILL');
    await waitFor(() => session.processIds.length === 1 && session.processIds[0] !== killed, 30_000);
    const result = await session.invoke(call(UTILITY, 'Write-Output', { InputObject: 'after restart' }));

    expect(result.output).toEqual(['after restart']);
  }, 60_000);

  it('crash fails the running call', async () => {
    await session.invoke(call(UTILITY, 'Get-Date'));
    const [pid] = session.processIds;
    const running = session.invoke(call(UTILITY, 'Start-Sleep', { Seconds: 60 }));

    setTimeout(() => process.kill(pid!, 'SIGKILL'), 300);
    const error = await rejection(running);
    const next = await session.invoke(call(UTILITY, 'Write-Output', { InputObject: 'after crash' }));

    expect(error).toBeInstanceOf(SessionError);
    expect((error as SessionError).code).toBe('crashed');
    expect((error as SessionError).message).toContain(`Start-Sleep failed because pwsh (process ${pid})`);
    expect(next.output).toEqual(['after crash']);
  }, 60_000);

  it.each([
    ['wildcard command', { module: UTILITY, command: 'Get-*' }, 'The command name "Get-*" is invalid.'],
    ['command with a space', { module: UTILITY, command: 'Get-Date; Remove-Item' }, 'is invalid'],
    ['missing module', { module: '', command: 'Get-Date' }, 'module-qualified commands only'],
    ['module path', { module: '../x', command: 'Get-Date' }, 'is invalid'],
  ])('%s is rejected before sending', async (_, names, message) => {
    const error = await rejection(session.invoke({ ...names, parameterSet: '', parameters: {} }));

    expect(error).toBeInstanceOf(SessionError);
    expect((error as SessionError).code).toBe('invalid-invocation');
    expect((error as SessionError).message).toContain(message);
  });

  it.each([
    ['function', () => 1, 'is a function'],
    ['symbol', Symbol('x'), 'is a symbol'],
    ['class instance', new (class Widget {})(), 'is a Widget'],
    ['invalid date', new Date(Number.NaN), 'invalid Date'],
    ['keys equal but for case', { Name: 1, name: 2 }, "has the key 'name' twice"],
  ])('%s value is rejected', async (_, value, message) => {
    const error = await rejection(session.invoke(call(PROBE, 'Get-ProbeEcho', { Value: value })));

    expect((error as SessionError).code).toBe('invalid-invocation');
    expect((error as SessionError).message).toContain(message);
  });

  it('alias is not a command', async () => {
    const error = await rejection(session.invoke(call(MANAGEMENT, 'gci')));

    expect((error as SessionError).code).toBe('command-not-found');
  });

  it('command of another module is not found', async () => {
    const error = await rejection(session.invoke(call(MANAGEMENT, 'Get-Date')));

    expect((error as SessionError).code).toBe('command-not-found');
    expect((error as SessionError).message).toContain("'Microsoft.PowerShell.Management\\Get-Date' was not found");
  });

  it('output deeper than the depth fails', async () => {
    const error = await rejection(session.invoke(call(PROBE, 'Get-ProbeNested'), { depth: 2 }));

    expect(error).toBeInstanceOf(SessionError);
    expect((error as SessionError).code).toBe('output-too-deep');
    expect((error as SessionError).message).toContain('depth limit 2 at output[0].a.b.c');
  });

  it('output with a cycle fails', async () => {
    const error = await rejection(session.invoke(call(PROBE, 'Get-ProbeCycle')));

    expect((error as SessionError).code).toBe('output-cycle');
    expect((error as SessionError).message).toContain('at output[0].Self');
  });

  it('depth above 100 is rejected', async () => {
    const error = await rejection(session.invoke(call(UTILITY, 'Get-Date'), { depth: 101 }));

    expect(error).toBeInstanceOf(RangeError);
  });
});

describePwsh('session lifecycle', () => {
  it('queues concurrent calls in order', async () => {
    const session = new PowerShellSession({ modules: [PROBE_MODULE] });
    try {
      const calls = Array.from({ length: 6 }, (_, index) => session.invoke(call(PROBE, 'Get-ProbeEcho', { Name: `call ${index}` })));

      const results = await Promise.all(calls);

      expect(results.map((result) => (result.output[0] as { Name: string }).Name)).toEqual(
        Array.from({ length: 6 }, (_, index) => `call ${index}`),
      );
      expect(results.map((result) => (result.output[0] as { Count: number }).Count)).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await session.close();
    }
  }, START_TIMEOUT_MS);

  it('pool runs calls side by side', async () => {
    const session = new PowerShellSession({ poolSize: 2 });
    try {
      await session.start();
      const started = Date.now();

      await Promise.all([
        session.invoke(call(UTILITY, 'Start-Sleep', { Seconds: 3 })),
        session.invoke(call(UTILITY, 'Start-Sleep', { Seconds: 3 })),
      ]);

      // One after the other, the two calls would take at least 6 seconds.
      expect(session.processIds).toHaveLength(2);
      expect(Date.now() - started).toBeLessThan(5500);
    } finally {
      await session.close();
    }
  }, START_TIMEOUT_MS);

  it('close rejects queued calls', async () => {
    const session = new PowerShellSession();
    await session.start();
    const running = session.invoke(call(UTILITY, 'Start-Sleep', { Milliseconds: 500 }));
    const queued = rejection(session.invoke(call(UTILITY, 'Get-Date')));

    await session.close();

    expect((await running).output).toEqual([]);
    expect(await queued).toMatchObject({ code: 'closed' });
    expect(await rejection(session.invoke(call(UTILITY, 'Get-Date')))).toMatchObject({ code: 'closed' });
    expect(session.processIds).toEqual([]);
  }, START_TIMEOUT_MS);

  it('idle session lets Node exit', async () => {
    const script = fileURLToPath(new URL('./fixtures/invoke-without-close.ts', import.meta.url));

    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', script], { timeout: START_TIMEOUT_MS });

    expect(stdout).toBe('["2024"]\n');
  }, START_TIMEOUT_MS);

  it('failed module import fails start', async () => {
    const session = new PowerShellSession({ modules: ['CmdletTs.NoSuchModule'] });
    try {
      const error = await rejection(session.start());

      expect(error).toBeInstanceOf(SessionError);
      expect((error as SessionError).code).toBe('start-failed');
      expect((error as SessionError).message).toContain("Importing module 'CmdletTs.NoSuchModule' failed");
    } finally {
      await session.close();
    }
  }, START_TIMEOUT_MS);

  it('missing pwsh fails start', async () => {
    const session = new PowerShellSession({ pwshPath: '/nonexistent/pwsh' });

    const error = await rejection(session.invoke(call(UTILITY, 'Get-Date')));

    expect((error as SessionError).code).toBe('start-failed');
    expect((error as SessionError).message).toContain('pwsh was not found at /nonexistent/pwsh');
    await session.close();
  });

  it('commands option limits the session', async () => {
    const session = new PowerShellSession({ commands: [{ module: UTILITY, name: 'Get-Date' }] });
    try {
      const allowed = await session.invoke(call('microsoft.powershell.utility', 'get-date', { Date: new Date(0), Format: 'yyyy' }));
      const error = await rejection(session.invoke(call(UTILITY, 'Get-Random')));

      expect(allowed.output).toEqual(['1970']);
      expect((error as SessionError).code).toBe('invalid-invocation');
      expect((error as SessionError).message).toContain('is not one of the commands this session may run');
    } finally {
      await session.close();
    }
  }, START_TIMEOUT_MS);
});

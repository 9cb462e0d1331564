/**
 * PowerShellSession: runs validated invocations in long-lived pwsh processes.
 *
 * Each process runs session-host.ps1 with `-NoLogo -NoProfile -NonInteractive`. A call sends
 * the command name, module and tagged parameter values as data. The host resolves
 * `Module\Verb-Noun` to a cmdlet or function and runs it with the rebuilt values, which is what
 * `& 'Module\Verb-Noun' @params` does. No caller text ever becomes script text, except a
 * `scriptBlock()` value, which is code by intent.
 *
 * ```ts
 * const session = new PowerShellSession({ modules: ['Microsoft.PowerShell.Utility'] });
 * const { output } = await session.invoke({
 *   command: 'Get-Date', module: 'Microsoft.PowerShell.Utility', parameterSet: 'DateAndFormat',
 *   parameters: { Format: 'o' },
 * });
 * await session.close();
 * ```
 */
import type { Invocation, Invoker } from './invocation.ts';
import { findPwsh } from './session-locate.ts';
import {
  PowerShellError,
  SessionError,
  type InvocationResult,
} from './session-errors.ts';
import {
  PwshProcess,
  type HostFrame,
  type SessionLogger,
} from './session-process.ts';
import { encodeParameters, type WireValue } from './session-values.ts';

export { findPwsh, type PwshLocation } from './session-locate.ts';
export {
  PowerShellError,
  SessionError,
  type InvocationResult,
  type PowerShellErrorRecord,
  type PowerShellInformationRecord,
  type SessionErrorCode,
} from './session-errors.ts';
export type { SessionLogger } from './session-process.ts';

/** Largest output depth; ConvertTo-Json has the same limit. */
export const MAX_OUTPUT_DEPTH = 100;

export interface PowerShellSessionOptions {
  /** pwsh to run; by default `.tools/pwsh/pwsh` found walking up from the current folder, then PATH. */
  pwshPath?: string;
  /** Module names or paths to import when each process starts, such as `['Microsoft.Graph.Users']`. */
  modules?: string[];
  /**
   * Commands the session may run, such as the generated metadata objects. When set, any other
   * command is rejected before it is sent. Compared without regard to case.
   */
  commands?: Iterable<{ module: string; name: string }>;
  /** Number of pwsh processes, each running one call at a time. Default 1. */
  poolSize?: number;
  /** Time limit per call in milliseconds, from `invoke()` to the result; 0 for none. Default 60,000. */
  timeoutMs?: number;
  /** Time limit for starting a process and importing `modules`, in milliseconds. Default 60,000. */
  startTimeoutMs?: number;
  /** Levels of nested objects returned below each output object, 0 to 100. Default 10. */
  depth?: number;
  /** Working folder of the pwsh processes and their runspaces. */
  cwd?: string;
  /** Variables added to the environment of the pwsh processes. */
  env?: NodeJS.ProcessEnv;
  /** Receives start, exit, restart and stderr messages; by default printed when `DEBUG` includes `cmdlet-ts:session`. */
  logger?: SessionLogger;
}

/** Options of one call, overriding the session's. */
export interface InvokeOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  depth?: number;
}

interface InvokeRequest {
  kind: 'invoke';
  id: number;
  module: string;
  command: string;
  depth: number;
  parameters: Array<[string, WireValue]>;
}

interface PendingCall {
  request: InvokeRequest;
  /** `Module\Verb-Noun`, for messages. */
  label: string;
  state: 'queued' | 'running' | 'done';
  process: PwshProcess | null;
  resolve(result: InvocationResult): void;
  reject(error: Error): void;
  cleanup(): void;
}

/** One pool place: a process (or its start) and the call it runs. */
interface Slot {
  process: PwshProcess | null;
  starting: Promise<PwshProcess> | null;
  call: PendingCall | null;
  /** Settles when the slot's current call has finished. */
  idle: Promise<void>;
}

const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const CLOSE_GRACE_MS = 5000;

/**
 * Runs invocations in a pool of long-lived pwsh processes; see the file header. Idle processes
 * do not keep Node running, but `close()` should still be called to end them at once.
 */
export class PowerShellSession implements Invoker {
  readonly #options: PowerShellSessionOptions;
  readonly #logger: SessionLogger;
  readonly #allowed: Set<string> | null;
  readonly #slots: Slot[];
  readonly #queue: PendingCall[] = [];
  #pwshPath: Promise<string> | null = null;
  #nextId = 1;
  #closed = false;

  constructor(options: PowerShellSessionOptions = {}) {
    const poolSize = options.poolSize ?? 1;
    if (!Number.isInteger(poolSize) || poolSize < 1) {
      throw new RangeError(`poolSize must be a whole number of at least 1, but it is ${poolSize}.`);
    }
    checkDepth(options.depth ?? 10);
    this.#options = options;
    this.#logger = options.logger ?? debugLogger();
    this.#allowed = options.commands === undefined ? null : new Set([...options.commands].map((c) => commandKey(c.module, c.name)));
    this.#slots = Array.from({ length: poolSize }, () => ({ process: null, starting: null, call: null, idle: Promise.resolve() }));
  }

  /** Starts every process of the pool; `invoke()` starts them on demand when this is not called. */
  async start(): Promise<void> {
    this.#throwIfClosed();
    await Promise.all(this.#slots.map((slot) => this.#ensureProcess(slot)));
  }

  /**
   * Runs one command and resolves to its output and streams. Rejects with a `PowerShellError`
   * for a terminating error and with a `SessionError` when the session fails the call.
   */
  invoke(invocation: Invocation, options: InvokeOptions = {}): Promise<InvocationResult> {
    let request: InvokeRequest;
    try {
      this.#throwIfClosed();
      request = this.#buildRequest(invocation, options);
    } catch (error) {
      return Promise.reject(error);
    }
    const label = `${request.module}\\${request.command}`;
    const signal = options.signal;
    if (signal?.aborted) {
      return Promise.reject(new SessionError('aborted', `${label} was aborted before it started.`, { cause: signal.reason }));
    }
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? 60_000;
    if (!(timeoutMs >= 0)) {
      return Promise.reject(new RangeError(`timeoutMs must be 0 (no limit) or a positive number of milliseconds, but it is ${timeoutMs}.`));
    }

    return new Promise<InvocationResult>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => this.#cancel(call, new SessionError('aborted', `${label} was aborted.`, { cause: signal?.reason }));
      const call: PendingCall = {
        request,
        label,
        state: 'queued',
        process: null,
        resolve,
        reject,
        cleanup: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        },
      };
      if (timeoutMs > 0) {
        timer = setTimeout(() => {
          this.#cancel(call, new SessionError('timeout', `${label} timed out after ${timeoutMs} ms ${describeWait(call)}.`));
        }, timeoutMs);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(call);
      this.#pump();
    });
  }

  /** Stops every process; queued calls and calls still running after a grace period fail with `closed`. */
  async close(): Promise<void> {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    for (const call of this.#queue.splice(0)) {
      this.#settle(call, () => call.reject(new SessionError('closed', `${call.label} did not run: the session was closed.`)));
    }
    await Promise.all(this.#slots.map((slot) => this.#closeSlot(slot)));
  }

  /** Ids of the PowerShell processes that are ready to run calls. */
  get processIds(): number[] {
    return this.#slots.flatMap((slot) => (slot.process?.usable === true ? [slot.process.pid] : []));
  }

  async #closeSlot(slot: Slot): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_GRACE_MS);
    });
    await Promise.race([slot.idle, grace]);
    clearTimeout(timer);
    const process = slot.process ?? (await slot.starting?.catch(() => null)) ?? null;
    await process?.stop(CLOSE_GRACE_MS);
  }

  #buildRequest(invocation: Invocation, options: InvokeOptions): InvokeRequest {
    const { command, module } = invocation;
    if (typeof command !== 'string' || !NAME_PATTERN.test(command)) {
      throw new SessionError('invalid-invocation', `The command name ${JSON.stringify(command)} is invalid.`);
    }
    if (typeof module !== 'string' || !NAME_PATTERN.test(module)) {
      throw new SessionError(
        'invalid-invocation',
        `The module name ${JSON.stringify(module)} of ${command} is invalid; the session runs module-qualified commands only.`,
      );
    }
    if (this.#allowed !== null && !this.#allowed.has(commandKey(module, command))) {
      throw new SessionError('invalid-invocation', `${module}\\${command} is not one of the commands this session may run.`);
    }
    const depth = options.depth ?? this.#options.depth ?? 10;
    checkDepth(depth);
    return {
      kind: 'invoke',
      id: this.#nextId++,
      module,
      command,
      depth,
      parameters: encodeParameters(invocation.parameters),
    };
  }

  #pump(): void {
    for (const slot of this.#slots) {
      if (slot.call !== null) {
        continue;
      }
      const call = this.#queue.shift();
      if (call === undefined) {
        return;
      }
      call.state = 'running';
      slot.call = call;
      slot.idle = this.#run(slot, call);
    }
  }

  async #run(slot: Slot, call: PendingCall): Promise<void> {
    try {
      const process = await this.#ensureProcess(slot);
      if (call.state === 'done') {
        return;
      }
      call.process = process;
      const frame = await process.request(call.request);
      this.#settle(call, () => this.#complete(call, frame));
    } catch (error) {
      this.#settle(call, () => call.reject(this.#failure(call, error)));
      if (error instanceof SessionError && error.code === 'start-failed') {
        for (const queued of this.#queue.splice(0)) {
          this.#settle(queued, () => queued.reject(error));
        }
      }
    } finally {
      slot.call = null;
      this.#pump();
    }
  }

  #complete(call: PendingCall, frame: HostFrame): void {
    if (frame.kind === 'ready' || frame.id !== call.request.id) {
      call.process?.kill();
      call.reject(new SessionError('protocol-error', `pwsh returned a response for another request while running ${call.label}.`));
      return;
    }
    if (frame.kind === 'failure') {
      call.reject(new SessionError(frame.code, frame.message));
      return;
    }
    const result: InvocationResult = {
      output: frame.output,
      errors: frame.errors,
      warnings: frame.warnings,
      verbose: frame.verbose,
      debug: frame.debug,
      information: frame.information,
    };
    if (frame.terminatingError !== undefined) {
      call.reject(new PowerShellError(frame.terminatingError, call.label, result));
    } else {
      call.resolve(result);
    }
  }

  #failure(call: PendingCall, error: unknown): Error {
    if (error instanceof SessionError) {
      return error;
    }
    const reason = error instanceof Error ? error.message : String(error);
    if (this.#closed) {
      return new SessionError('closed', `${call.label} did not finish: the session was closed. ${reason}`, { cause: error });
    }
    return new SessionError('crashed', `${call.label} failed because ${reason} The session starts a new pwsh process.`, { cause: error });
  }

  /** Ends a call that timed out or was aborted; a running call takes its process down with it. */
  #cancel(call: PendingCall, error: SessionError): void {
    const wasRunning = call.state === 'running';
    const index = this.#queue.indexOf(call);
    if (index !== -1) {
      this.#queue.splice(index, 1);
    }
    this.#settle(call, () => call.reject(error));
    if (wasRunning && call.process !== null) {
      this.#logger.warn(`${error.message} Killing pwsh ${call.process.pid}.`);
      call.process.kill();
    }
  }

  /** Runs `action` once per call, the first time the call ends. */
  #settle(call: PendingCall, action: () => void): void {
    if (call.state === 'done') {
      return;
    }
    call.state = 'done';
    call.cleanup();
    action();
  }

  async #ensureProcess(slot: Slot): Promise<PwshProcess> {
    if (slot.process !== null && slot.process.usable) {
      return slot.process;
    }
    if (slot.starting === null) {
      slot.starting = this.#startProcess(slot).finally(() => {
        slot.starting = null;
      });
    }
    return slot.starting;
  }

  async #startProcess(slot: Slot): Promise<PwshProcess> {
    const pwshPath = await this.#findPwsh();
    const process = await PwshProcess.start({
      pwshPath,
      modules: this.#options.modules ?? [],
      cwd: this.#options.cwd,
      env: this.#options.env,
      startTimeoutMs: this.#options.startTimeoutMs ?? 60_000,
      logger: this.#logger,
    });
    if (this.#closed) {
      await process.stop(CLOSE_GRACE_MS);
      throw new SessionError('closed', 'The session was closed while pwsh was starting.');
    }
    slot.process = process;
    process.onExit((exit) => {
      if (slot.process !== process) {
        return;
      }
      slot.process = null;
      if (!this.#closed) {
        // Start the replacement now, so the next call does not wait for it.
        this.#logger.warn(`pwsh ${process.pid} exited (code ${exit.code}, signal ${exit.signal}); starting a new one`);
        this.#ensureProcess(slot).catch((error: unknown) => {
          this.#logger.warn(`Restarting pwsh failed: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
    });
    return process;
  }

  #findPwsh(): Promise<string> {
    this.#pwshPath ??= findPwsh(this.#options.pwshPath).then((location) => {
      if (location === null) {
        this.#pwshPath = null;
        const which = this.#options.pwshPath === undefined ? 'on PATH or in .tools/pwsh' : `at ${this.#options.pwshPath}`;
        throw new SessionError(
          'start-failed',
          `pwsh was not found ${which}. Install PowerShell 7.2 or later, or set the pwshPath option.`,
        );
      }
      return location.path;
    });
    return this.#pwshPath;
  }

  #throwIfClosed(): void {
    if (this.#closed) {
      throw new SessionError('closed', 'The session is closed.');
    }
  }
}

/** Describes where a call was when its time ran out, for the timeout message. */
function describeWait(call: PendingCall): string {
  if (call.state === 'queued') {
    return 'while waiting for a free pwsh process';
  }
  if (call.process === null) {
    return 'while pwsh was starting';
  }
  return 'and its pwsh process was restarted';
}

function commandKey(module: string, name: string): string {
  return `${module}\\${name}`.toLowerCase();
}

function checkDepth(depth: number): void {
  if (!Number.isInteger(depth) || depth < 0 || depth > MAX_OUTPUT_DEPTH) {
    throw new RangeError(`depth must be a whole number from 0 to ${MAX_OUTPUT_DEPTH}, but it is ${depth}.`);
  }
}

/** Prints to stderr when `DEBUG` names `cmdlet-ts:session` (or `cmdlet-ts:*`, or `*`). */
function debugLogger(): SessionLogger {
  const enabled = (process.env.DEBUG ?? '')
    .split(/[\s,]+/)
    .some((pattern) => pattern === '*' || pattern === 'cmdlet-ts:*' || pattern === 'cmdlet-ts:session');
  const print = (level: string, message: string): void => {
    if (enabled) {
      process.stderr.write(`cmdlet-ts:session ${level} ${message}\n`);
    }
  };
  return { debug: (message) => print('debug', message), warn: (message) => print('warn', message) };
}

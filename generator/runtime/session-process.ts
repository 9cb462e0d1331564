/**
 * One pwsh process running session-host.ps1, and the framing of its messages: one line of
 * base64-encoded UTF-8 JSON per message. Response lines start with a random frame tag, so text
 * that a command writes straight to stdout cannot pass for a response.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { PowerShellErrorRecord, PowerShellInformationRecord } from './session-errors.ts';
import { SessionError, type SessionErrorCode } from './session-errors.ts';

const HOST_SCRIPT = fileURLToPath(new URL('./session-host.ps1', import.meta.url));
const STDERR_TAIL_CHARS = 4000;
/** Wait for stdout to close after the process exits, in case a child process still holds it. */
const CLOSE_AFTER_EXIT_MS = 500;

/** Receives the session's diagnostic messages; it never gets parameter values. */
export interface SessionLogger {
  debug(message: string): void;
  warn(message: string): void;
}

export interface PwshProcessOptions {
  pwshPath: string;
  /** Module names or paths imported before the first request. */
  modules: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  startTimeoutMs: number;
  logger: SessionLogger;
}

/** The host's first frame, after the runspace is open and the modules are imported. */
export interface ReadyFrame {
  kind: 'ready';
  psVersion: string;
  processId: number;
}

/** Output and streams of one invocation; `terminatingError` is set when the command failed. */
export interface ResultFrame {
  id: number;
  kind: 'result';
  output: unknown[];
  errors: PowerShellErrorRecord[];
  warnings: string[];
  verbose: string[];
  debug: string[];
  information: PowerShellInformationRecord[];
  terminatingError?: PowerShellErrorRecord;
}

/** A request the host could not run, or whose output it could not write. */
export interface FailureFrame {
  id: number;
  kind: 'failure';
  code: SessionErrorCode;
  message: string;
}

export type HostFrame = ReadyFrame | ResultFrame | FailureFrame;

/** Exit code and signal of an ended process. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Waiter {
  resolve(frame: HostFrame): void;
  reject(error: Error): void;
}

/** A running pwsh host; it serves one request at a time. */
export class PwshProcess {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #framePrefix: string;
  readonly #logger: SessionLogger;
  #stdoutChunks: string[] = [];
  #stderrTail = '';
  #strayLines = 0;
  #waiter: Waiter | null = null;
  #exit: ProcessExit | null = null;
  #killed = false;
  #powershellPid: number | null = null;
  #exitListeners: Array<(exit: ProcessExit) => void> = [];
  /** PowerShell version the host reported, such as `7.6.10`. */
  psVersion = '';

  private constructor(options: PwshProcessOptions) {
    const frameTag = randomBytes(12).toString('hex');
    this.#framePrefix = `${frameTag}:`;
    this.#logger = options.logger;

    const args = ['-NoLogo', '-NoProfile', '-NonInteractive'];
    if (process.platform === 'win32') {
      args.push('-ExecutionPolicy', 'Bypass');
    }
    args.push('-File', HOST_SCRIPT);
    this.#child = spawn(options.pwshPath, args, {
      cwd: options.cwd,
      // A process group of its own, so that kill() also ends the PowerShell process that a
      // `dotnet tool` shim starts as its child.
      detached: process.platform !== 'win32',
      env: {
        ...process.env,
        ...options.env,
        // Keep pwsh off the network: no telemetry upload, no update check.
        POWERSHELL_TELEMETRY_OPTOUT: '1',
        POWERSHELL_UPDATECHECK: 'Off',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });

    this.#child.stdout.setEncoding('utf8');
    this.#child.stderr.setEncoding('utf8');
    this.#child.stdout.on('data', (chunk: string) => this.#onStdout(chunk));
    this.#child.stderr.on('data', (chunk: string) => this.#onStderr(chunk));
    // A write to a process that just died fails with EPIPE; the exit handler reports it.
    this.#child.stdin.on('error', (error) => this.#logger.debug(`pwsh ${this.pid} stdin: ${error.message}`));
    this.#child.on('error', (error) => this.#onExit({ code: null, signal: null }, error));
    // 'close' comes after stdout is drained, so a response written before the exit still arrives.
    this.#child.on('close', (code, signal) => this.#onExit({ code, signal }));
    this.#child.on('exit', (code, signal) => {
      setTimeout(() => {
        this.kill();
        this.#onExit({ code, signal });
      }, CLOSE_AFTER_EXIT_MS).unref();
    });

    this.#send({ frameTag, modules: options.modules });
  }

  /** Starts pwsh and waits until the host has imported the modules and is ready. */
  static async start(options: PwshProcessOptions): Promise<PwshProcess> {
    const started = new PwshProcess(options);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new SessionError('start-failed', `pwsh did not become ready within ${options.startTimeoutMs} ms.`));
      }, options.startTimeoutMs);
    });
    try {
      const frame = await Promise.race([started.#nextFrame(), timeout]);
      if (frame.kind !== 'ready') {
        const reason = frame.kind === 'failure' ? frame.message : 'it sent a result before it was ready';
        throw new SessionError('start-failed', `pwsh failed to start: ${reason}`);
      }
      started.psVersion = frame.psVersion;
      started.#powershellPid = frame.processId;
      started.#setBusy(false);
      options.logger.debug(`pwsh ${started.pid} ready (PowerShell ${frame.psVersion})`);
      return started;
    } catch (error) {
      started.kill();
      if (error instanceof SessionError) {
        throw error;
      }
      throw new SessionError('start-failed', `pwsh (${options.pwshPath}) failed to start: ${describe(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Id of the PowerShell process once it is ready; before that, of the process spawned. */
  get pid(): number {
    return this.#powershellPid ?? this.#child.pid ?? -1;
  }

  get exited(): boolean {
    return this.#exit !== null;
  }

  /** False once the process has exited or kill() was called. */
  get usable(): boolean {
    return this.#exit === null && !this.#killed;
  }

  /** Last few thousand characters pwsh wrote to stderr, for error messages. */
  get stderrTail(): string {
    return this.#stderrTail.trim();
  }

  /** Registers a function called once when the process ends. */
  onExit(listener: (exit: ProcessExit) => void): void {
    if (this.#exit !== null) {
      listener(this.#exit);
    } else {
      this.#exitListeners.push(listener);
    }
  }

  /** Sends one request and waits for its response frame. */
  request(message: { id: number }): Promise<HostFrame> {
    const response = this.#nextFrame();
    this.#setBusy(true);
    this.#send(message);
    return response.finally(() => this.#setBusy(false));
  }

  /**
   * Keeps Node running while the process works on a request, and lets Node exit while it is
   * idle: an idle host then reads end of input and exits too.
   */
  #setBusy(busy: boolean): void {
    const method = busy ? 'ref' : 'unref';
    this.#child[method]();
    for (const stream of [this.#child.stdin, this.#child.stdout, this.#child.stderr]) {
      (stream as unknown as Partial<Record<'ref' | 'unref', () => void>>)[method]?.();
    }
  }

  /** Ends the process and its child processes at once. */
  kill(): void {
    this.#killed = true;
    const pid = this.#child.pid;
    if (this.#exit !== null || pid === undefined) {
      return;
    }
    if (process.platform === 'win32') {
      // NOTE: not run in CI, which is Linux only.
      spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true });
      return;
    }
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // The group is gone already: every process in it has exited.
    }
  }

  /** Closes stdin so the host exits after the current request; kills it after `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (this.#exit !== null) {
      return;
    }
    const ended = new Promise<void>((resolve) => this.onExit(() => resolve()));
    this.#child.stdin.end();
    const timer = setTimeout(() => this.kill(), graceMs);
    await ended;
    clearTimeout(timer);
  }

  #nextFrame(): Promise<HostFrame> {
    if (this.#waiter !== null) {
      return Promise.reject(new SessionError('protocol-error', 'A request was sent while another one was running.'));
    }
    if (this.#exit !== null) {
      return Promise.reject(this.#exitError(this.#exit));
    }
    return new Promise<HostFrame>((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  #send(message: object): void {
    const line = Buffer.from(JSON.stringify(message), 'utf8').toString('base64');
    this.#child.stdin.write(`${line}\n`);
  }

  #onStdout(chunk: string): void {
    // A large frame arrives in many chunks: keep them in a list until one holds the newline,
    // so the text is joined once instead of once per chunk.
    let newline = chunk.indexOf('\n');
    if (newline === -1) {
      this.#stdoutChunks.push(chunk);
      return;
    }
    let rest = chunk;
    while (newline !== -1) {
      const line = this.#stdoutChunks.join('') + rest.slice(0, newline);
      this.#stdoutChunks = [];
      rest = rest.slice(newline + 1);
      this.#onLine(line);
      newline = rest.indexOf('\n');
    }
    if (rest !== '') {
      this.#stdoutChunks.push(rest);
    }
  }

  #onLine(line: string): void {
    // Text written to stdout without a newline ends up in front of the next frame.
    const start = line.lastIndexOf(this.#framePrefix);
    if (start === -1) {
      this.#strayLines += 1;
      if (this.#strayLines <= 20) {
        this.#logger.debug(`pwsh ${this.pid} wrote a line to stdout outside the protocol; it was ignored`);
      }
      return;
    }
    const waiter = this.#waiter;
    this.#waiter = null;
    let frame: HostFrame;
    try {
      const json = Buffer.from(line.slice(start + this.#framePrefix.length), 'base64').toString('utf8');
      frame = JSON.parse(json) as HostFrame;
    } catch (error) {
      waiter?.reject(new SessionError('protocol-error', `pwsh ${this.pid} sent an unreadable frame: ${describe(error)}`));
      this.kill();
      return;
    }
    if (waiter === null) {
      this.#logger.warn(`pwsh ${this.pid} sent an unexpected frame while no request was running; killing it`);
      this.kill();
      return;
    }
    waiter.resolve(frame);
  }

  #onStderr(chunk: string): void {
    this.#stderrTail = (this.#stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    this.#logger.debug(`pwsh ${this.pid} stderr: ${chunk.trimEnd()}`);
  }

  #onExit(exit: ProcessExit, error?: Error): void {
    if (this.#exit !== null) {
      return;
    }
    this.#exit = exit;
    this.#logger.debug(`pwsh ${this.pid} exited (code ${exit.code}, signal ${exit.signal})`);
    const waiter = this.#waiter;
    this.#waiter = null;
    waiter?.reject(error ?? this.#exitError(exit));
    for (const listener of this.#exitListeners.splice(0)) {
      listener(exit);
    }
  }

  #exitError(exit: ProcessExit): Error {
    const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const stderr = this.stderrTail === '' ? '' : ` Its stderr ended with: ${this.stderrTail}`;
    return new Error(`pwsh (process ${this.pid}) ${how}.${stderr}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

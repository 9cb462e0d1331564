/**
 * Errors and result shapes of PowerShellSession.
 */

/** One PowerShell ErrorRecord, as the session returns it. */
export interface PowerShellErrorRecord {
  /** `ErrorDetails.Message` when the command set one, otherwise the exception message. */
  message: string;
  /** Such as `PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand`. */
  fullyQualifiedErrorId: string;
  /** `CategoryInfo.Category` by name, such as `ObjectNotFound`. */
  category: string;
  activity: string | null;
  reason: string | null;
  targetName: string | null;
  targetType: string | null;
  /** `TargetObject` as JSON (two levels deep, then its string form), or null. */
  target: unknown;
  /** Full .NET name of the exception, such as `System.Management.Automation.ItemNotFoundException`. */
  exceptionType: string;
  scriptStackTrace: string | null;
}

/** One record of the information stream; `Write-Host` writes here with the tag `PSHOST`. */
export interface PowerShellInformationRecord {
  /** `MessageData` as a string. */
  message: string;
  /** `MessageData` as JSON (two levels deep, then its string form). */
  data: unknown;
  tags: string[];
  /** Command or script that wrote the record. */
  source: string | null;
}

/**
 * Result of `PowerShellSession.invoke()`: the output objects and every other stream, each kept
 * apart. Non-terminating errors (such as one missing path among several) are in
 * `errors`; a terminating error rejects the call with a `PowerShellError` instead.
 */
export interface InvocationResult<T = unknown> {
  /** Objects the command wrote to the output stream, in order, as JSON values. */
  output: T[];
  errors: PowerShellErrorRecord[];
  warnings: string[];
  /** Filled only when the call passes `Verbose: true` or the command sets `$VerbosePreference`. */
  verbose: string[];
  /** Filled only when the call passes `Debug: true` or the command sets `$DebugPreference`. */
  debug: string[];
  information: PowerShellInformationRecord[];
}

/** A terminating error raised by the command, such as a parameter binding failure or `-ErrorAction Stop`. */
export class PowerShellError extends Error implements PowerShellErrorRecord {
  override name = 'PowerShellError';
  readonly fullyQualifiedErrorId: string;
  readonly category: string;
  readonly activity: string | null;
  readonly reason: string | null;
  readonly targetName: string | null;
  readonly targetType: string | null;
  readonly target: unknown;
  readonly exceptionType: string;
  readonly scriptStackTrace: string | null;
  /** Module-qualified command that raised it, such as `Microsoft.PowerShell.Management\Get-Content`. */
  readonly command: string;
  /** Output and streams the command wrote before the error. */
  readonly result: InvocationResult;

  constructor(record: PowerShellErrorRecord, command: string, result: InvocationResult) {
    super(record.message);
    this.fullyQualifiedErrorId = record.fullyQualifiedErrorId;
    this.category = record.category;
    this.activity = record.activity;
    this.reason = record.reason;
    this.targetName = record.targetName;
    this.targetType = record.targetType;
    this.target = record.target;
    this.exceptionType = record.exceptionType;
    this.scriptStackTrace = record.scriptStackTrace;
    this.command = command;
    this.result = result;
  }
}

/**
 * Why the session, rather than the command, failed a call:
 * - `invalid-invocation`: bad command or parameter name, a value with no PowerShell form, or a
 *   command outside the session's `commands` list; nothing was sent.
 * - `command-not-found`: the module has no such cmdlet or function.
 * - `output-too-deep`, `output-cycle`: the command ran, but its output could not be returned
 *   within the depth limit.
 * - `timeout`, `aborted`: the call took too long or its signal fired; if it was running, the
 *   pwsh process was killed and is restarted.
 * - `crashed`: pwsh exited while running the call; it is restarted.
 * - `start-failed`: pwsh was not found, did not start, or a start-up module failed to import.
 * - `closed`: `close()` was called before the call finished.
 * - `host-error`, `protocol-error`: the host script or the framing failed; these are bugs.
 */
export type SessionErrorCode =
  | 'invalid-invocation'
  | 'command-not-found'
  | 'output-too-deep'
  | 'output-cycle'
  | 'timeout'
  | 'aborted'
  | 'crashed'
  | 'start-failed'
  | 'closed'
  | 'host-error'
  | 'protocol-error';

/** A call the session could not complete; `code` gives the reason. */
export class SessionError extends Error {
  override name = 'SessionError';
  readonly code: SessionErrorCode;

  constructor(code: SessionErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

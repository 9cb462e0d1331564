import { bindParameters, type BindError } from './binder.ts';
import type { Invocation, Invoker } from './invocation.ts';
import type { CommandMetadata } from './metadata.ts';
import type { InvocationResult } from './session-errors.ts';
import type { PowerShellSession } from './session.ts';

/**
 * Result type of a generated client function called with invoker `I`, for a command whose output
 * objects have type `T`: a session's `InvocationResult<T>`, or whatever another invoker returns
 * (the command text, for CommandTextInvoker).
 */
export type InvokeResult<I extends Invoker, T> = I extends PowerShellSession ? InvocationResult<T> : Awaited<ReturnType<I['invoke']>>;

/** `$ErrorActionPreference`-style values of the `-*Action` common parameters. */
export type ActionPreference = 'SilentlyContinue' | 'Stop' | 'Continue' | 'Inquire' | 'Ignore' | 'Suspend' | 'Break';

/** The common parameters PowerShell adds to every advanced function and cmdlet. */
export interface CommonParameters {
  verbose?: boolean;
  debug?: boolean;
  errorAction?: ActionPreference;
  warningAction?: ActionPreference;
  informationAction?: ActionPreference;
  /** Only PowerShell 7.4 and later know this parameter; Windows PowerShell 5.1 rejects it. */
  progressAction?: ActionPreference;
  errorVariable?: string;
  warningVariable?: string;
  informationVariable?: string;
  outVariable?: string;
  outBuffer?: number;
  pipelineVariable?: string;
}

/**
 * The risk-mitigation switches of a cmdlet that supports ShouldProcess. Leaving `confirm` out
 * follows `$ConfirmPreference`, so a high-impact cmdlet would prompt; pass `confirm: false` for
 * unattended use (it is sent as `-Confirm:$false`).
 */
export interface ShouldProcessParameters {
  whatIf?: boolean;
  confirm?: boolean;
}

/** Raised by a generated client function when its arguments do not bind. */
export class ParameterBindingError extends Error {
  readonly command: string;
  readonly errors: BindError[];

  constructor(command: string, errors: BindError[]) {
    super(errors.map((error) => (error.message.startsWith(command) ? error.message : `${command}: ${error.message}`)).join(' '));
    this.name = 'ParameterBindingError';
    this.command = command;
    this.errors = errors;
  }
}

/**
 * Validates `params` against the command's metadata and hands the resolved invocation to the
 * invoker. Throws ParameterBindingError, before anything runs, when the call would not bind.
 */
export function invokeCommand<I extends Invoker, T = unknown>(invoker: I, metadata: CommandMetadata, params: object): Promise<InvokeResult<I, T>> {
  const result = bindParameters(metadata, params as Record<string, unknown>);
  if (!result.ok) return Promise.reject(new ParameterBindingError(metadata.name, result.errors));
  const invocation: Invocation = {
    command: metadata.name,
    module: metadata.module,
    parameterSet: result.parameterSet,
    parameters: result.parameters,
  };
  return invoker.invoke(invocation) as Promise<InvokeResult<I, T>>;
}

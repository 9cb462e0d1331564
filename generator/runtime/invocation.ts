/**
 * Invocation that a generated client function hands to an invoker once the validator has
 * accepted the arguments: the command, the parameter set PowerShell will bind, and the bound
 * values keyed by their PowerShell names.
 */
export interface Invocation {
  /** Command name, such as `Get-Content`. */
  command: string;
  /** Module that documents the command, used to module-qualify the call. */
  module: string;
  /** Parameter set the validator resolved, as PowerShell names it. */
  parameterSet: string;
  /**
   * Bound values keyed by canonical PowerShell parameter name, in binding order. Switches are
   * `true`, or `false` for the risk-mitigation switches (`-Confirm:$false`); other `false`
   * switches are dropped before they get here.
   */
  parameters: Record<string, unknown>;
}

/** Runs a validated invocation and returns what the command produced. */
export interface Invoker {
  invoke(invocation: Invocation): Promise<unknown>;
}

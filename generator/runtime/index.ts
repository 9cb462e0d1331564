/** Runtime support imported by generated client functions, as `cmdlet-ts/runtime`. */
export type { Invocation, Invoker } from './invocation.ts';
export type { CommandMetadata, ParameterMetadata, ParameterSetEntry } from './metadata.ts';
export { bindParameters, type BindError, type BindErrorId, type BindResult } from './binder.ts';
export {
  invokeCommand,
  ParameterBindingError,
  type ActionPreference,
  type CommonParameters,
  type InvokeResult,
  type ShouldProcessParameters,
} from './command.ts';
export { CommandTextInvoker, quoteString, renderCommandText } from './command-text.ts';
export { credential, PSCredentialValue, scriptBlock, ScriptBlockValue, secureString, SecureStringValue } from './values.ts';
export {
  findPwsh,
  MAX_OUTPUT_DEPTH,
  PowerShellError,
  PowerShellSession,
  SessionError,
  type InvocationResult,
  type InvokeOptions,
  type PowerShellErrorRecord,
  type PowerShellInformationRecord,
  type PowerShellSessionOptions,
  type PwshLocation,
  type SessionErrorCode,
  type SessionLogger,
} from './session.ts';

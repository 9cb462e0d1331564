// Type-level tests, checked by `tsc --noEmit` in test/emit/typecheck.test.ts: a client function
// resolves to a session's InvocationResult of the command's OUTPUTS type, or to what another
// invoker returns.
import { CommandTextInvoker, type InvocationResult, type PowerShellSession } from 'cmdlet-ts/runtime';
import { getDate } from '../../generated/Microsoft.PowerShell.Utility/Get-Date.js';
import { testPath } from '../../generated/Microsoft.PowerShell.Management/Test-Path.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

declare const session: PowerShellSession;

const dateViaSession = getDate(session, { format: 'o' });
export const dateSessionResult: Equal<typeof dateViaSession, Promise<InvocationResult<string>>> = true;

const pathViaSession = testPath(session, { path: 'a.txt' });
export const pathSessionResult: Equal<typeof pathViaSession, Promise<InvocationResult<boolean>>> = true;

const dateAsText = getDate(new CommandTextInvoker(), { format: 'o' });
export const textResult: Equal<typeof dateAsText, Promise<string>> = true;

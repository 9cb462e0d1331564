import type { Invocation, Invoker } from './invocation.ts';
import { PSCredentialValue, ScriptBlockValue, SecureStringValue } from './values.ts';

/**
 * Characters PowerShell accepts as a single quote: the ASCII apostrophe and U+2018 to U+201B.
 * Inside a single-quoted literal each of them must be doubled, or it ends the literal.
 */
const SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

/** Quotes text as a PowerShell single-quoted (verbatim) string. */
export function quoteString(text: string): string {
  return `'${text.replace(SINGLE_QUOTES, (quote) => quote + quote)}'`;
}

/**
 * Renders an invocation as one line of PowerShell, module-qualified so a user alias or function
 * cannot shadow the command. Values become literals: strings single-quoted, numbers and booleans
 * as such, arrays as `@(...)`, plain objects as `@{...}`, dates as `[datetime]'...'`. Switches
 * are `-Name`, or `-Name:$false` for an explicit false.
 *
 * This text is for display, logs and dry runs. A value that is a secret is rendered as a
 * placeholder, so the text cannot run a command that needs one; PowerShellSession sends values
 * as data instead.
 */
export function renderCommandText(invocation: Invocation): string {
  const parts = [invocation.module ? `${invocation.module}\\${invocation.command}` : invocation.command];
  for (const [name, value] of Object.entries(invocation.parameters)) {
    if (value === true) parts.push(`-${name}`);
    else if (value === false) parts.push(`-${name}:$false`);
    else parts.push(`-${name}`, renderValue(value));
  }
  return parts.join(' ');
}

function renderValue(value: unknown): string {
  if (value === null || value === undefined) return '$null';
  if (typeof value === 'string') return quoteString(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '[double]::NaN';
    if (value === Infinity) return '[double]::PositiveInfinity';
    if (value === -Infinity) return '[double]::NegativeInfinity';
    return String(value);
  }
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '$true' : '$false';
  if (value instanceof Date) return `[datetime]${quoteString(value.toISOString())}`;
  if (value instanceof URL) return quoteString(value.href);
  if (value instanceof SecureStringValue) return '(Read-Host -AsSecureString)';
  if (value instanceof PSCredentialValue) return `(Get-Credential -UserName ${quoteString(value.userName)})`;
  if (value instanceof ScriptBlockValue) return `{${value.text}}`;
  if (Array.isArray(value)) return `@(${value.map(renderValue).join(', ')})`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => `${quoteString(key)} = ${renderValue(item)}`);
    return `@{${entries.join('; ')}}`;
  }
  return quoteString(String(value));
}

/** An invoker that runs nothing and resolves to the PowerShell command text of each invocation. */
export class CommandTextInvoker implements Invoker {
  /** Every command rendered so far, in call order. */
  readonly commands: string[] = [];

  invoke(invocation: Invocation): Promise<string> {
    const text = renderCommandText(invocation);
    this.commands.push(text);
    return Promise.resolve(text);
  }
}

import type { Diagnostic, Severity } from '../model/types.ts';

/** Formats a diagnostic as compilers do: `file:line:column: severity: message [rule]`, then the hint. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const head = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.ruleId}]`;
  return diagnostic.hint ? `${head}\n  hint: ${diagnostic.hint}` : head;
}

export function countBySeverity(diagnostics: readonly Diagnostic[], severity: Severity): number {
  return diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
}

/** Formats the last line of every run, in a fixed form that scripts can read. */
export function summaryLine(commands: number, skipped: number, diagnostics: readonly Diagnostic[], unknownTyped?: { count: number; of: number }): string {
  const counts = `commands: ${commands}, skipped: ${skipped}, errors: ${countBySeverity(diagnostics, 'error')}, warnings: ${countBySeverity(diagnostics, 'warning')}`;
  return unknownTyped === undefined ? counts : `${counts}, unknown-typed: ${unknownTyped.count} of ${unknownTyped.of} parameters`;
}

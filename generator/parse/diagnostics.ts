import type { Diagnostic, Severity } from '../model/types.ts';

/** Collects the diagnostics of one document; readers report problems here instead of throwing. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly file: string) {}

  report(severity: Severity, ruleId: string, line: number, message: string, hint?: string, column = 1): void {
    const diagnostic: Diagnostic = { file: this.file, line, column, severity, ruleId, message };
    if (hint !== undefined) diagnostic.hint = hint;
    this.diagnostics.push(diagnostic);
  }

  error(ruleId: string, line: number, message: string, hint?: string, column?: number): void {
    this.report('error', ruleId, line, message, hint, column);
  }

  warn(ruleId: string, line: number, message: string, hint?: string, column?: number): void {
    this.report('warning', ruleId, line, message, hint, column);
  }

  info(ruleId: string, line: number, message: string, hint?: string, column?: number): void {
    this.report('info', ruleId, line, message, hint, column);
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  }
}

import { DIAGNOSTIC_CODES, type DiagnosticCode } from './codes.ts';

export type Severity = 'error' | 'warning' | 'info';

/** Where a diagnostic points: a file, an RFC 6901 pointer inside it, and the position when known. */
export type DiagnosticLocation = {
  readonly file: string;
  readonly pointer: string;
  readonly line?: number;
  readonly column?: number;
};

export type Diagnostic = {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  /** What to do about it. Defaults to the code's documented fix. */
  readonly fix: string;
  readonly location: DiagnosticLocation;
};

export function createDiagnostic(input: {
  readonly code: DiagnosticCode;
  readonly severity?: Severity;
  readonly message: string;
  readonly location: DiagnosticLocation;
  readonly fix?: string;
}): Diagnostic {
  return {
    code: input.code,
    severity: input.severity ?? 'error',
    message: input.message,
    fix: input.fix ?? DIAGNOSTIC_CODES[input.code].fix,
    location: input.location,
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Thrown only by stages that cannot continue; carries the diagnostics to print. */
export class DiagnosticError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
    this.diagnostics = diagnostics;
  }
}

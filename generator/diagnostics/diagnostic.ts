import { DIAGNOSTIC_CODES, type DiagnosticCode } from './codes.ts';

export type Severity = 'error' | 'warning' | 'info';

/** Where a diagnostic points: a file, an RFC 6901 pointer inside it, and the position when known. */
export type DiagnosticLocation = {
  readonly file: string;
  readonly pointer: string;
  readonly line?: number;
  readonly column?: number;
};

/** A document's way from a pointer to its source position (LoadedDocument.locate); an overlay's value may move file and pointer. */
export type Locate = (pointer: string) => { readonly line: number; readonly column: number; readonly file?: string; readonly pointer?: string } | undefined;

/**
 * The location of a pointer in a document, looked up when first read: most warnings of a large
 * spec are never printed (--quiet prints errors only, else 20 per code), and the first lookup in a
 * JSON spec scans its containers (~60 ms on GitHub's 13 MB, ~230 ms on Microsoft Graph). Reading
 * any field resolves all four, once; the answer is the one an eager lookup gave.
 */
export function locatedAt(input: { readonly file: string; readonly pointer: string; readonly locate: Locate }): DiagnosticLocation {
  let resolved: DiagnosticLocation | undefined;
  const resolve = () => (resolved ??= { file: input.file, pointer: input.pointer, ...(input.locate(input.pointer) ?? {}) });
  const field = (key: keyof DiagnosticLocation) => ({ enumerable: true, get: () => resolve()[key] });
  return Object.defineProperties({} as DiagnosticLocation, { file: field('file'), pointer: field('pointer'), line: field('line'), column: field('column') });
}

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

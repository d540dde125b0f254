import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import { createDiagnostic, locatedAt, type Severity } from '../../diagnostics/diagnostic.ts';
import type { DiagnosticCode } from '../../diagnostics/codes.ts';
import type { SourcePosition } from '../../load/loaded-document.ts';
import type { JsonSchema } from '../types.ts';
import { isRecord } from '../../shared/is-record.ts';

/**
 * What every IR builder needs: the document, a diagnostics sink and caches. Building stays pure:
 * the sink and caches live and die with one build call.
 */
export type BuildContext = {
  readonly file: string;
  readonly root: unknown;
  readonly locate: (pointer: string) => SourcePosition | undefined;
  readonly diagnostics: Diagnostic[];
  /** Converted `$ref` targets by `direction|ref`, reused when the conversion cut nothing. */
  readonly schemaCache: Map<string, JsonSchema>;
  /** Diagnostics reported once per key (e.g. one recursion warning per schema). */
  readonly reported: Set<string>;
};

export function createBuildContext(input: {
  readonly file: string;
  readonly root: unknown;
  readonly locate: (pointer: string) => SourcePosition | undefined;
}): BuildContext {
  return { ...input, diagnostics: [], schemaCache: new Map(), reported: new Set() };
}

export function report(input: {
  readonly context: BuildContext;
  readonly code: DiagnosticCode;
  readonly pointer: string;
  readonly message: string;
  readonly severity?: Severity;
  readonly fix?: string;
  readonly onceKey?: string;
}): void {
  const { context } = input;
  if (input.onceKey !== undefined) {
    if (context.reported.has(input.onceKey)) return;
    context.reported.add(input.onceKey);
  }
  context.diagnostics.push(
    createDiagnostic({
      code: input.code,
      message: input.message,
      ...(input.severity ? { severity: input.severity } : {}),
      ...(input.fix ? { fix: input.fix } : {}),
      location: locatedAt({ file: context.file, pointer: input.pointer, locate: context.locate }),
    }),
  );
}

export { isRecord };

import type { Diagnostic } from './diagnostic.ts';

/** `file:line:col severity CODE at #/pointer: message` plus an indented fix line. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const { file, line, column, pointer } = diagnostic.location;
  const position = line === undefined ? file : `${file}:${line}:${column ?? 1}`;
  const at = pointer === '' ? '' : ` at #${pointer}`;
  return `${position} ${diagnostic.severity} ${diagnostic.code}${at}: ${diagnostic.message}\n  fix: ${diagnostic.fix}`;
}

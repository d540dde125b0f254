import type { Diagnostic } from './diagnostic.ts';
import { formatDiagnostic } from './format.ts';

const PER_CODE_LIMIT = 20;

/** Errors in full; warnings and notes capped per code so a 1,000-operation spec stays readable. */
export function renderDiagnostics(input: { readonly diagnostics: readonly Diagnostic[]; readonly quiet: boolean }): string[] {
  const shown = input.quiet ? input.diagnostics.filter((d) => d.severity === 'error') : input.diagnostics;
  const counts = new Map<string, number>();
  const lines: string[] = [];
  for (const diagnostic of shown) {
    const key = `${diagnostic.severity}:${diagnostic.code}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (diagnostic.severity === 'error' || count <= PER_CODE_LIMIT) lines.push(formatDiagnostic(diagnostic));
  }
  for (const [key, count] of counts) {
    if (!key.startsWith('error') && count > PER_CODE_LIMIT) lines.push(`(+${count - PER_CODE_LIMIT} more ${key.replace(':', ' ')})`);
  }
  return lines;
}

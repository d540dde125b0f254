import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { generateFromText } from './generate-in-memory.ts';

/**
 * A package generated from a document's text, written to `dir` and compiled with the package's own
 * tsconfig (tsc throws, with its errors, when it does not type-check); `load` imports a compiled
 * module of it. For tests that hold hostile documents to what the built package does.
 */
export function compiledPackage(input: { readonly text: string; readonly file: string; readonly dir: string }): { readonly diagnostics: readonly Diagnostic[]; readonly load: <T>(file: string) => Promise<T> } {
  const result = generateFromText({ text: input.text, file: input.file });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) {
    for (const file of result.files ?? []) {
      mkdirSync(path.dirname(path.join(input.dir, file.path)), { recursive: true });
      writeFileSync(path.join(input.dir, file.path), file.contents);
    }
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(input.dir, 'tsconfig.json')], { stdio: 'pipe' });
  }
  return { diagnostics: result.diagnostics, load: async <T>(file: string) => (await import(pathToFileURL(path.join(input.dir, 'dist', file)).href)) as T };
}

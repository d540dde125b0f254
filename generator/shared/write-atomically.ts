import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * This thread's id, for a staging name no other writer shares (vitest runs generations in worker
 * threads of one process). node:worker_threads is loaded here only (~1.4 ms), and not through
 * node:module's createRequire, which brings Node's ES module loader (the up-to-date fast path
 * imports this module).
 */
function threadId(): number {
  if (typeof process.getBuiltinModule === 'function') return process.getBuiltinModule('node:worker_threads').threadId;
  // Node before 20.16 has no getBuiltinModule: in the CommonJS bundle (scripts/generate.cjs) the bundle's own require.
  return (require('node:worker_threads') as typeof import('node:worker_threads')).threadId;
}

/**
 * Writes a file of `.cache/` whole or not at all: other processes (vitest's workers, parallel
 * generations) read the same name. Best effort: in a read-only checkout nothing is written, and
 * the next run computes again what this one kept in memory. Not for output: generator/write
 * journals and flushes that.
 */
export function writeAtomically(input: { readonly file: string; readonly bytes: string | Buffer }): void {
  const staging = `${input.file}.${process.pid}-${threadId()}.tmp`;
  try {
    mkdirSync(path.dirname(input.file), { recursive: true });
    writeFileSync(staging, input.bytes);
    renameSync(staging, input.file);
  } catch {
    // A read-only checkout: this process uses what it computed, the next one computes it again.
  }
}

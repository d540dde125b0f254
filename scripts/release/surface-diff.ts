import { previousFromFiles } from '../../generator/load/read-previous-package.ts';
import { diffSurface } from '../../generator/release/diff-surface.ts';
import { byLevel, describeChange, highestLevel } from '../../generator/release/surface-rules.ts';
import { fileAtRef, vendorsAtRef, verifyRef } from './git-files.ts';

const USAGE = 'Usage: npm run surface-diff -- <refA> <refB> [vendor…]   (e.g. origin/main HEAD malomo; WORKTREE is the files on disk)';

/** What one package's tool surface did between two refs, in changelog words. */
export function surfaceReport(input: { readonly refA: string; readonly refB: string; readonly vendor: string; readonly read?: typeof fileAtRef }): string[] {
  const read = input.read ?? fileAtRef;
  const at = (ref: string) => previousFromFiles((name) => read({ ref, path: `generated/${input.vendor}/${name}` }));
  const [before, after] = [at(input.refA), at(input.refB)];
  const versions = `${before?.version ?? '(absent)'} → ${after?.version ?? '(absent)'}`;
  const changes = byLevel(diffSurface({ before: before?.surface ?? [], after: after?.surface ?? [] }));
  const level = highestLevel(changes);
  const head = `generated/${input.vendor}: ${versions}; surface: ${level ?? 'no change'}${changes.length > 0 ? ` (${changes.length} change${changes.length === 1 ? '' : 's'})` : ''}`;
  return [head, ...changes.map((change) => `  - ${describeChange(change)}`)];
}

function main(argv: readonly string[]): number {
  const [refA, refB, ...vendors] = argv;
  if (refA === undefined || refB === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  for (const ref of [refA, refB]) {
    if (!verifyRef(ref)) {
      process.stderr.write(`Not a commit: ${ref}\n${USAGE}\n`);
      return 2;
    }
  }
  const wanted = vendors.length > 0 ? vendors : [...new Set([...vendorsAtRef(refA), ...vendorsAtRef(refB)])].sort();
  process.stdout.write(`${wanted.flatMap((vendor) => surfaceReport({ refA, refB, vendor })).join('\n')}\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));

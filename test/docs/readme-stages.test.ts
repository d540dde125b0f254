import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

/**
 * The README draws the stages `generate` runs. The drawing must follow the code: the pure stages in
 * the order `generatePackage` calls them, between load (the CLI, before) and write (after).
 */
const CALLS: readonly (readonly [stage: string, call: string])[] = [
  ['ir', 'buildApi('],
  ['lint', 'lintClientCompat('],
  ['plan', 'planPackage('],
  ['emit', 'emitPackage('],
  ['release', 'releasePackage('],
];

describe('the README stage drawing', () => {
  it('lists load, the pure stages in the order generatePackage calls them, then write', () => {
    const pipeline = readFileSync(path.join(REPO_ROOT, 'generator', 'pipeline.ts'), 'utf8');
    const body = pipeline.slice(pipeline.indexOf('export function generatePackage'));
    const called = [...CALLS].sort(([, a], [, b]) => body.indexOf(a) - body.indexOf(b)).map(([stage]) => stage);
    expect(CALLS.every(([, call]) => body.includes(call))).toBe(true);
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const drawn = /^ *(load(?: → \w+)+)$/m.exec(readme)?.[1]?.split(' → ');
    expect(drawn).toStrictEqual(['load', ...called, 'write']);
  });
});

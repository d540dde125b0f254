import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

// vitest strips types without checking them, so a test file (or script) that no longer type-checks
// would pass here unnoticed; `npm run typecheck` is the check, and this runs it with the suite.
it('the repository (generator, runtime, scripts, tests) type-checks: npm run typecheck', () => {
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = () => execFileSync(process.execPath, [tsc, '--noEmit', '-p', path.join(REPO_ROOT, 'tsconfig.json')], { encoding: 'utf8' });
  expect(run()).toBe('');
}, 120_000);

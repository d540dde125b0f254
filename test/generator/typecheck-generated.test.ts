import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, VENDORS } from '../../scripts/shared/repo-root.ts';

describe('every committed generated package type-checks on its own tsconfig', () => {
  it.each(VENDORS)('%s', (vendor) => {
    const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const run = () => execFileSync(process.execPath, [tsc, '--noEmit', '-p', path.join(REPO_ROOT, 'generated', vendor, 'tsconfig.json')], { encoding: 'utf8' });
    expect(run()).toBe('');
  });
});

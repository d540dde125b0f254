import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

describe('npm run generate (scripts/generate.mjs, the cached generator bundle)', () => {
  it('runs the same CLI: --check finds the committed packages up to date, from a bundle keyed by the sources', () => {
    const run = () => spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'generate.mjs'), '--check', '--quiet'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const first = run();
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: 'generated output is up to date (3 packages)\n' });
    const bundles = readdirSync(path.join(REPO_ROOT, '.cache')).filter((name) => /^generator-[0-9a-f]{16}\.cjs$/.test(name));
    expect(bundles).toHaveLength(1);
    expect(run().status).toBe(0);
    expect(readdirSync(path.join(REPO_ROOT, '.cache')).filter((name) => /^generator-[0-9a-f]{16}\.cjs$/.test(name))).toEqual(bundles);
  });

  it('passes usage errors through with the CLI exit code', () => {
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'generate.mjs'), '--spec', 'x.json'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--spec needs --vendor <slug> and --out <dir>');
  });
});

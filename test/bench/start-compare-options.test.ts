import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Runs the script as a developer would; each case must end before anything is generated or started. */
function startCompare(args: readonly string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/start-compare.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('start-compare options', () => {
  it('prints its usage for --help and measures nothing', () => {
    const run = startCompare(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: tsx scripts\/bench\/start-compare\.ts/);
    expect(run.stdout).toContain('stripe');
    expect(run.stdout).not.toContain('load at start');
  });

  it.each([
    [['--specs', 'strpe'], /unknown spec strpe/],
    [['--runs', '0'], /--runs needs a positive integer/],
    [['--runs', 'x'], /--runs needs a positive integer/],
  ])('refuses %j before measuring', (args, message) => {
    const run = startCompare(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).not.toContain('load at start');
  });
});

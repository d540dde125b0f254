import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { treeHash } from '../../scripts/shared/tree-hash.ts';
import { inlineVendorDoc } from '../support/generate-in-memory.ts';

describe('npm run generate (scripts/generate.cjs, the cached generator bundle)', () => {
  it('runs the same CLI: --check finds the committed packages up to date, from a bundle keyed by the sources', () => {
    const run = () => spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'generate.cjs'), '--check', '--quiet'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const first = run();
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: 'generated output is up to date (3 packages)\n' });
    const bundles = readdirSync(path.join(REPO_ROOT, '.cache')).filter((name) => /^generator-[0-9a-f]{16}\.cjs$/.test(name));
    expect(bundles).toHaveLength(1);
    expect(run().status).toBe(0);
    expect(readdirSync(path.join(REPO_ROOT, '.cache')).filter((name) => /^generator-[0-9a-f]{16}\.cjs$/.test(name))).toEqual(bundles);
  });

  it('keeps the V8 code cache of a run that succeeded, never of one that stopped at an error', () => {
    // A heap flag of its own keys a cache no other run uses (V8 keys code caches by flags).
    const flag = '--max-old-space-size=4099';
    const caches = () => readdirSync(path.join(REPO_ROOT, '.cache')).filter((name) => /^generator-[0-9a-f]{16}\.cjs\.v8-.*\.cache$/.test(name));
    const before = new Set(caches());
    const run = (args: readonly string[]) => spawnSync(process.execPath, [flag, path.join(REPO_ROOT, 'scripts', 'generate.cjs'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
    try {
      expect(run(['--spec', 'x.json']).status).toBe(2);
      expect(caches().filter((name) => !before.has(name))).toStrictEqual([]);
      expect(run(['--check', '--quiet']).status).toBe(0);
      expect(caches().filter((name) => !before.has(name))).toHaveLength(1);
    } finally {
      for (const name of caches().filter((name) => !before.has(name))) rmSync(path.join(REPO_ROOT, '.cache', name), { force: true });
    }
  }, 60_000);

  it.each(['generate.cjs', 'generate.mjs'])('passes usage errors through with the CLI exit code (%s, the name older callers use)', (launcher) => {
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', launcher), '--spec', 'x.json'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--spec needs --vendor <slug> and --out <dir>');
  });
});

/** A vendor doc with every x-mcp key taken out: a plain spec, the path the corpus and the bench's public specs take. */
function withoutXMcp(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutXMcp);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('x-mcp')).map(([key, item]) => [key, withoutXMcp(item)]));
}

describe('the minified bundle (scripts/generate.cjs) against the TypeScript sources (tsx generator/cli.ts)', () => {
  // Minifying renames every local function and class: a dependency or a stage that reads a name would print differently.
  it.each([
    ['a curated vendor doc (Malomo, x-mcp inline)', (doc: string) => doc],
    ['a plain spec (Malomo without x-mcp)', (doc: string) => stringify(withoutXMcp(parse(doc)), { lineWidth: 0 })],
  ])('writes byte for byte the same package and report from %s', (_label, shape) => {
    const work = mkdtempSync(path.join(tmpdir(), 'vmcp-bundle-vs-source-'));
    try {
      const spec = path.join(work, 'malomo.yaml');
      writeFileSync(spec, shape(inlineVendorDoc('malomo')));
      const out = path.join(work, 'out');
      const args = ['--spec', spec, '--vendor', 'malomo', '--out', out];
      const fromSource = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'generator', 'cli.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
      expect({ status: fromSource.status, stderr: fromSource.stderr }).toMatchObject({ status: 0 });
      const sourceTree = treeHash(out);
      rmSync(out, { recursive: true });
      // Twice: the second run's file frames all come from .cache/frames/ (generator/emit/ts/frame-store.ts), without ts-morph.
      for (const run of [1, 2]) {
        if (run === 2) rmSync(out, { recursive: true });
        const fromBundle = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'generate.cjs'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
        expect({ run, status: fromBundle.status, stderr: fromBundle.stderr }).toStrictEqual({ run, status: 0, stderr: fromSource.stderr });
        expect(treeHash(out)).toBe(sourceTree);
      }
      expect(readdirSync(path.join(REPO_ROOT, '.cache', 'frames')).filter((name) => /^frames-[0-9a-f]{16}\.json$/.test(name))).toHaveLength(1);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('npm run generate again, with nothing changed or something changed', () => {
  it('answers an unchanged regeneration as the full run did, and never keeps a hand edit or a stale output', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'vmcp-regenerate-'));
    try {
      const spec = path.join(work, 'malomo.yaml');
      writeFileSync(spec, inlineVendorDoc('malomo'));
      const out = path.join(work, 'out', 'malomo');
      const generate = () => spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'generate.cjs'), '--spec', spec, '--vendor', 'malomo', '--out', out], { cwd: REPO_ROOT, encoding: 'utf8' });
      expect(generate().status).toBe(0);
      const generated = treeHash(out);
      // The first regeneration checks the output is what generating gives and records it; the next may answer from that.
      const full = generate();
      const again = generate();
      expect({ status: again.status, stderr: again.stderr }).toStrictEqual({ status: 0, stderr: full.stderr });
      expect(treeHash(out)).toBe(generated);

      // A file the next generation does not read back (tools.json, package.json and CHANGELOG.md are its previous release).
      const readme = path.join(out, 'README.md');
      writeFileSync(readme, `${readFileSync(readme, 'utf8')}\nHand edit.\n`);
      expect(generate().status).toBe(0);
      expect(treeHash(out)).toBe(generated);

      writeFileSync(spec, inlineVendorDoc('malomo').replace(/\ninfo:\n(\s+)title: [^\n]+/, '\ninfo:\n$1title: Malomo (changed)'));
      expect(generate().status).toBe(0);
      expect(treeHash(out)).not.toBe(generated);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});

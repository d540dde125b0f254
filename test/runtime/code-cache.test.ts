import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { CACHE_REFRESH_AFTER_MS, cacheFileFor, loadBundle, startServer } from '../../templates/runtime/code-cache.ts';
import { bundleFolder } from './code-cache-fixture.ts';

// The tests that need a second process (V8 reads a cache file only in a process that has not yet
// compiled the bundle) or spawn the build step; the rest are in code-cache-load.test.ts, which the
// mutation run includes.
const folder = bundleFolder();
const writeBundle = folder.writeBundle;

const CODE_CACHE = path.join(REPO_ROOT, 'templates', 'runtime', 'code-cache.ts');

/**
 * Loads in a fresh process: V8 keeps compiled scripts in memory by source, so inside this process
 * a second load of the same bytes never reads the cache file at all.
 */
function loadInChild(bundle: string): { readonly accepted: boolean; readonly started: unknown } {
  const script = `import { loadBundle } from ${JSON.stringify(CODE_CACHE)}; const loaded = loadBundle(${JSON.stringify(bundle)}); process.stdout.write(JSON.stringify({ accepted: loaded.cacheAccepted, started: loaded.entry.start() }));`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' })) as { accepted: boolean; started: unknown };
}

describe('loadBundle: the bundle through its V8 code cache', () => {
  it('without a cache it compiles from source; the cache it saves is taken on the next load', () => {
    const bundle = writeBundle('first');
    const cold = loadBundle(bundle);
    expect(cold.cacheAccepted).toBe(false);
    expect(cold.saveCache()).toBe(true);
    expect(loadInChild(bundle)).toStrictEqual({ accepted: true, started: 'first' });
    expect(readdirSync(folder.dir()).sort()).toStrictEqual(['server.cjs', 'server.cjs.cache']);
  });

  it('a damaged cache for the right bytes is refused by V8, and the bundle still runs', () => {
    const bundle = writeBundle('intact');
    loadBundle(bundle).saveCache();
    const file = cacheFileFor(bundle);
    const stored = readFileSync(file);
    expect(loadInChild(bundle).accepted).toBe(true);
    writeFileSync(file, stored.subarray(0, 40));
    expect(loadInChild(bundle)).toStrictEqual({ accepted: false, started: 'intact' });
  });

});

describe('write-code-cache: the build step', () => {
  const WRITER = path.join(REPO_ROOT, 'templates', 'runtime', 'write-code-cache.ts');
  const run = (args: readonly string[]) => spawnSync(process.execPath, ['--import', 'tsx', WRITER, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

  it('writes the cache the bin then takes, holding what warm() compiled beyond the top level', () => {
    const bundle = writeBundle('built');
    loadBundle(bundle).saveCache();
    const topLevelOnly = readFileSync(cacheFileFor(bundle)).length;
    expect(run([bundle]).status).toBe(0);
    expect(readFileSync(cacheFileFor(bundle)).length).toBeGreaterThan(topLevelOnly);
    expect(loadInChild(bundle)).toStrictEqual({ accepted: true, started: 'built' });
  });

  it('fails the build when the cache cannot be written, and without a bundle named', () => {
    const bundle = writeBundle('blocked');
    mkdirSync(path.join(cacheFileFor(bundle), 'occupied'), { recursive: true });
    const blocked = run([bundle]);
    expect([blocked.status, blocked.stderr]).toStrictEqual([1, `cannot write the code cache beside ${bundle}\n`]);
    const bare = run([]);
    expect([bare.status, bare.stderr]).toStrictEqual([2, 'usage: node dist/runtime/write-code-cache.js <bundle.cjs>\n']);
  });
});

describe('startServer: the bin', () => {
  it('starts the server, and rewrites a missing cache only after the refresh delay', () => {
    vi.useFakeTimers();
    const bundle = path.join(folder.dir(), 'server.cjs');
    writeFileSync(bundle, 'exports.start = () => { globalThis.__codeCacheStarted = (globalThis.__codeCacheStarted ?? 0) + 1; };\n');
    startServer({ bundle, modules: () => Promise.reject(new Error('the bundle exists')) });
    expect((globalThis as { __codeCacheStarted?: number }).__codeCacheStarted).toBe(1);
    vi.advanceTimersByTime(CACHE_REFRESH_AFTER_MS - 1);
    expect(existsSync(cacheFileFor(bundle))).toBe(false);
    vi.advanceTimersByTime(1);
    expect(loadInChild(bundle).accepted).toBe(true);
  });

});

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { CACHE_REFRESH_AFTER_MS, cacheFileFor, loadBundle, startServer } from '../../templates/runtime/code-cache.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

/** A CommonJS bundle whose start() returns `answer`; answers of one length give bundles of one length. */
function writeBundle(answer: string): string {
  const bundle = path.join(dir, 'server.cjs');
  writeFileSync(bundle, `"use strict";\nconst answer = ${JSON.stringify(answer)};\nexports.start = () => answer;\n`);
  return bundle;
}

const startOf = (bundle: string) => (loadBundle(bundle).entry.start as () => unknown)();

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
    expect(readdirSync(dir).sort()).toStrictEqual(['server.cjs', 'server.cjs.cache']);
  });

  it('a cache made for other bytes of the same length is never used (V8 itself checks only the length)', () => {
    const bundle = writeBundle('AAAA');
    expect(loadBundle(bundle).saveCache()).toBe(true);
    const stale = readFileSync(cacheFileFor(bundle));
    writeBundle('BBBB');
    const loaded = loadBundle(bundle);
    expect(loaded.cacheAccepted).toBe(false);
    expect(loaded.entry.start()).toBe('BBBB');
    // Refused, not rewritten by loading: the old file stays until a save.
    expect(readFileSync(cacheFileFor(bundle)).equals(stale)).toBe(true);
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

  it('a folder where the cache cannot be written: saveCache says so, throws nothing and leaves no temp file', () => {
    const bundle = writeBundle('readonly');
    // A directory in the cache's place makes the rename fail even for root, who ignores file modes.
    mkdirSync(path.join(cacheFileFor(bundle), 'occupied'), { recursive: true });
    expect(loadBundle(bundle).saveCache()).toBe(false);
    expect(readdirSync(dir).sort()).toStrictEqual(['server.cjs', 'server.cjs.cache']);
    expect(statSync(cacheFileFor(bundle)).isDirectory()).toBe(true);
  });

  it('a bundle without start() is refused with the fix', () => {
    const bundle = path.join(dir, 'server.cjs');
    writeFileSync(bundle, 'exports.begin = () => 1;\n');
    expect(() => loadBundle(bundle)).toThrow(`${bundle} exports no start(): rebuild the package (npm run build).`);
  });

  it('the bundle gets require, module, __filename and __dirname of its own file', () => {
    const bundle = path.join(dir, 'server.cjs');
    writeFileSync(bundle, 'exports.start = () => [__filename, __dirname, typeof require("node:path").join, module.exports === exports];\n');
    expect(startOf(bundle)).toStrictEqual([bundle, dir, 'function', true]);
  });
});

describe('write-code-cache: the build step', () => {
  const WRITER = path.join(REPO_ROOT, 'templates', 'runtime', 'write-code-cache.ts');
  const run = (args: readonly string[]) => spawnSync(process.execPath, ['--import', 'tsx', WRITER, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

  it('writes the cache the bin then takes', () => {
    const bundle = writeBundle('built');
    expect(run([bundle]).status).toBe(0);
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
  it('without a bundle (a build by tsc alone) it starts the compiled modules instead', async () => {
    const start = vi.fn();
    startServer({ bundle: path.join(dir, 'server.cjs'), modules: () => Promise.resolve({ start }) });
    await vi.waitFor(() => expect(start).toHaveBeenCalledTimes(1));
    expect(readdirSync(dir)).toStrictEqual([]);
  });

  it('starts the server, and rewrites a missing cache only after the refresh delay', () => {
    vi.useFakeTimers();
    const bundle = path.join(dir, 'server.cjs');
    writeFileSync(bundle, 'exports.start = () => { globalThis.__codeCacheStarted = (globalThis.__codeCacheStarted ?? 0) + 1; };\n');
    startServer({ bundle, modules: () => Promise.reject(new Error('the bundle exists')) });
    expect((globalThis as { __codeCacheStarted?: number }).__codeCacheStarted).toBe(1);
    vi.advanceTimersByTime(CACHE_REFRESH_AFTER_MS - 1);
    expect(existsSync(cacheFileFor(bundle))).toBe(false);
    vi.advanceTimersByTime(1);
    expect(loadInChild(bundle).accepted).toBe(true);
  });

  it('an accepted cache is left as it is: no rewrite is scheduled', () => {
    vi.useFakeTimers();
    const bundle = writeBundle('kept');
    loadBundle(bundle).saveCache();
    const before = readFileSync(cacheFileFor(bundle));
    startServer({ bundle, modules: () => Promise.reject(new Error('the bundle exists')) });
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(CACHE_REFRESH_AFTER_MS * 2);
    expect(readFileSync(cacheFileFor(bundle)).equals(before)).toBe(true);
  });
});

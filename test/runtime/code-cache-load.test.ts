import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CACHE_REFRESH_AFTER_MS, cacheFileFor, loadBundle, startServer } from '../../templates/runtime/code-cache.ts';
import { bundleFolder } from './code-cache-fixture.ts';

// What can be checked in this process (no child, no build step): in the mutation run, unlike code-cache.test.ts.
const folder = bundleFolder();
const writeBundle = folder.writeBundle;

const startOf = (bundle: string) => (loadBundle(bundle).entry.start as () => unknown)();

describe('loadBundle in this process', () => {
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

  it('a folder where the cache cannot be written: saveCache says so, throws nothing and leaves no temp file', () => {
    const bundle = writeBundle('readonly');
    // A directory in the cache's place makes the rename fail even for root, who ignores file modes.
    mkdirSync(path.join(cacheFileFor(bundle), 'occupied'), { recursive: true });
    expect(loadBundle(bundle).saveCache()).toBe(false);
    expect(readdirSync(folder.dir()).sort()).toStrictEqual(['server.cjs', 'server.cjs.cache']);
    expect(statSync(cacheFileFor(bundle)).isDirectory()).toBe(true);
  });

  it('a bundle without start() is refused with the fix', () => {
    const bundle = path.join(folder.dir(), 'server.cjs');
    writeFileSync(bundle, 'exports.begin = () => 1;\n');
    expect(() => loadBundle(bundle)).toThrow(`${bundle} exports no start(): rebuild the package (npm run build).`);
  });

  it('the bundle gets require, module, __filename and __dirname of its own file', () => {
    const bundle = path.join(folder.dir(), 'server.cjs');
    writeFileSync(bundle, 'exports.start = () => [__filename, __dirname, typeof require("node:path").join, module.exports === exports];\n');
    expect(startOf(bundle)).toStrictEqual([bundle, folder.dir(), 'function', true]);
  });
});

describe('startServer in this process', () => {
  it('without a bundle (a build by tsc alone) it starts the compiled modules instead', async () => {
    const start = vi.fn();
    startServer({ bundle: path.join(folder.dir(), 'server.cjs'), modules: () => Promise.resolve({ start }) });
    await vi.waitFor(() => expect(start).toHaveBeenCalledTimes(1));
    expect(readdirSync(folder.dir())).toStrictEqual([]);
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

  it('a missing cache is written once the refresh delay has passed, not a millisecond before, headed by the digest of the bundle', () => {
    vi.useFakeTimers();
    const bundle = writeBundle('late');
    startServer({ bundle, modules: () => Promise.reject(new Error('the bundle exists')) });
    vi.advanceTimersByTime(CACHE_REFRESH_AFTER_MS - 1);
    expect(existsSync(cacheFileFor(bundle))).toBe(false);
    vi.advanceTimersByTime(1);
    const digest = createHash('sha256').update(readFileSync(bundle)).digest();
    const written = readFileSync(cacheFileFor(bundle));
    expect(written.subarray(0, 32).equals(digest)).toBe(true);
    expect(written.length).toBeGreaterThan(32);
  });

  it('hands start() the listing stored for these bytes, and nothing when there is none', () => {
    vi.useFakeTimers();
    const bundle = writeBundle('handed');
    const seen = globalThis as { __codeCacheListing?: unknown };
    startServer({ bundle, modules: () => Promise.reject(new Error('the bundle exists')) });
    expect(seen.__codeCacheListing).toBeUndefined();
    expect(loadBundle(bundle).saveListing(new Map([['t', '{"name":"t"}']]))).toBe(true);
    startServer({ bundle, modules: () => Promise.reject(new Error('the bundle exists')) });
    expect(seen.__codeCacheListing).toStrictEqual(new Map([['t', Buffer.from('{"name":"t"}')]]));
  });

  it('starts the bundle it loaded, once', () => {
    vi.useFakeTimers();
    const bundle = path.join(folder.dir(), 'server.cjs');
    writeFileSync(bundle, 'exports.start = () => { globalThis.__codeCacheLoadStarted = (globalThis.__codeCacheLoadStarted ?? 0) + 1; };\n');
    startServer({ bundle, modules: () => Promise.reject(new Error('the bundle exists')) });
    expect((globalThis as { __codeCacheLoadStarted?: number }).__codeCacheLoadStarted).toBe(1);
  });
});

describe('loadBundle: what V8 is told', () => {
  it('the script is compiled under the bundle\'s own file name, on its own line numbers', () => {
    const bundle = path.join(folder.dir(), 'server.cjs');
    writeFileSync(bundle, '"use strict";\n\nexports.start = () => new Error("where").stack;\n');
    expect(String(startOf(bundle))).toContain(`${bundle}:3:`);
  });

  it('a cache with the right digest but damaged contents is handed to V8, which refuses it', () => {
    const bundle = folder.writeBundle(`damaged-${Date.now()}`);
    const digest = createHash('sha256').update(readFileSync(bundle)).digest();
    writeFileSync(cacheFileFor(bundle), Buffer.concat([digest, Buffer.from('not a V8 code cache')]));
    expect(loadBundle(bundle).cacheAccepted).toBe(false);
  });

  it('a folder gone by the time the cache is saved: false, nothing thrown', () => {
    const bundle = folder.writeBundle('gone');
    const loaded = loadBundle(bundle);
    rmSync(folder.dir(), { recursive: true, force: true });
    expect(loaded.saveCache()).toBe(false);
  });
});

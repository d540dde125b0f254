import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheFileFor, loadBundle } from '../../templates/runtime/code-cache.ts';
import { listingFileFor } from '../../templates/runtime/listing-file.ts';
import { earlyFileFor, readEarlyFile } from '../../templates/runtime/early-start.ts';
import { bundleFolder, EARLY_RECORD } from './code-cache-fixture.ts';

const folder = bundleFolder();
const argv = process.argv;
afterEach(() => {
  process.argv = argv;
  process.exitCode = undefined;
});

/** The build step as `node dist/runtime/write-code-cache.js <args>` runs it, evaluated afresh in this process. */
async function writer(args: readonly string[]): Promise<{ readonly code: unknown; readonly stderr: string }> {
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  process.argv = [argv[0]!, 'write-code-cache.js', ...args];
  process.exitCode = undefined;
  vi.resetModules();
  try {
    await import('../../templates/runtime/write-code-cache.ts');
    return { code: process.exitCode, stderr: stderr.mock.calls.map(([chunk]) => String(chunk)).join('') };
  } finally {
    stderr.mockRestore();
  }
}

describe('write-code-cache in this process (the spawned build step is in code-cache.test.ts)', () => {
  it('writes the cache beside the bundle and leaves the exit code alone', async () => {
    const bundle = folder.writeBundle('built');
    expect(await writer([bundle])).toStrictEqual({ code: undefined, stderr: '' });
    expect(readFileSync(cacheFileFor(bundle)).length).toBeGreaterThan(32);
  });

  it('a relative bundle path is read from the working directory', async () => {
    const bundle = folder.writeBundle('relative');
    expect(await writer([path.relative(process.cwd(), bundle)])).toStrictEqual({ code: undefined, stderr: '' });
    expect(readFileSync(cacheFileFor(bundle)).length).toBeGreaterThan(32);
  });

  it('warms the server before it saves: warm() ran, and the cache then holds more than the top level compiled', async () => {
    const bundle = folder.writeBundle(`warmed-${process.hrtime.bigint()}`);
    const coldOnly = loadBundle(bundle);
    expect(coldOnly.saveCache()).toBe(true);
    const topLevelOnly = readFileSync(cacheFileFor(bundle)).length;
    const warmed = globalThis as { __codeCacheWarmed?: string };
    delete warmed.__codeCacheWarmed;
    expect(await writer([bundle])).toStrictEqual({ code: undefined, stderr: '' });
    expect(JSON.parse(warmed.__codeCacheWarmed ?? '[]')).toHaveLength(40);
    expect(readFileSync(cacheFileFor(bundle)).length).toBeGreaterThan(topLevelOnly);
  });

  it('stores the listing warm() gave beside the bundle, for these bytes; none when it gave none', async () => {
    const bundle = folder.writeBundle('listed');
    expect(await writer([bundle])).toStrictEqual({ code: undefined, stderr: '' });
    expect(loadBundle(bundle).listing).toStrictEqual(new Map([['t', Buffer.from('{"name":"listed"}')]]));
    const plain = path.join(folder.dir(), 'plain.cjs');
    writeFileSync(plain, `exports.start = () => 1;\nexports.warm = async () => ({ listing: undefined, early: ${EARLY_RECORD} });\n`);
    expect(await writer([plain])).toStrictEqual({ code: undefined, stderr: '' });
    expect(existsSync(listingFileFor(plain))).toBe(false);
    expect(existsSync(cacheFileFor(plain))).toBe(true);
  });

  it('stores the early record beside the bundle, headed by its digest and with its size (early-start.ts)', async () => {
    const bundle = folder.writeBundle('early');
    expect(await writer([bundle])).toStrictEqual({ code: undefined, stderr: '' });
    const stored = readEarlyFile(earlyFileFor(bundle));
    expect(stored?.digest).toStrictEqual(createHash('sha256').update(readFileSync(bundle)).digest());
    expect(stored?.early).toStrictEqual({ ...JSON.parse(EARLY_RECORD), bundleBytes: readFileSync(bundle).length });
  });

  it('a bundle without warm() (a package generated before it) fails the build with 1 and writes no cache', async () => {
    const bundle = path.join(folder.dir(), 'server.cjs');
    writeFileSync(bundle, 'exports.start = () => 1;\n');
    expect(await writer([bundle])).toStrictEqual({ code: 1, stderr: `${bundle} exports no warm(): regenerate the package (npm run generate).\n` });
    expect(existsSync(cacheFileFor(bundle))).toBe(false);
  });

  it('a server that cannot answer the warm-up fails the build with 1, says why, and writes no cache', async () => {
    const bundle = path.join(folder.dir(), 'server.cjs');
    writeFileSync(bundle, 'exports.start = () => 1;\nexports.warm = () => Promise.reject(new Error("warm-up (all tools): listing broke"));\n');
    expect(await writer([bundle])).toStrictEqual({ code: 1, stderr: `cannot warm the server in ${bundle}: warm-up (all tools): listing broke\n` });
    expect(existsSync(cacheFileFor(bundle))).toBe(false);
  });

  it('a cache it cannot write fails the build with 1', async () => {
    const bundle = folder.writeBundle('blocked');
    mkdirSync(path.join(cacheFileFor(bundle), 'occupied'), { recursive: true });
    expect(await writer([bundle])).toStrictEqual({ code: 1, stderr: `cannot write the code cache beside ${bundle}\n` });
  });

  it('no bundle named: the usage, and 2', async () => {
    expect(await writer([])).toStrictEqual({ code: 2, stderr: 'usage: node dist/runtime/write-code-cache.js <bundle.cjs>\n' });
  });
});

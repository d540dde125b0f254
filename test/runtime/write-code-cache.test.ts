import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheFileFor } from '../../templates/runtime/code-cache.ts';
import { bundleFolder } from './code-cache-fixture.ts';

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

  it('a cache it cannot write fails the build with 1', async () => {
    const bundle = folder.writeBundle('blocked');
    mkdirSync(path.join(cacheFileFor(bundle), 'occupied'), { recursive: true });
    expect(await writer([bundle])).toStrictEqual({ code: 1, stderr: `cannot write the code cache beside ${bundle}\n` });
  });

  it('no bundle named: the usage, and 2', async () => {
    expect(await writer([])).toStrictEqual({ code: 2, stderr: 'usage: node dist/runtime/write-code-cache.js <bundle.cjs>\n' });
  });
});

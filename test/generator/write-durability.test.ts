import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withMarker } from '../../generator/write/ownership.ts';
import { recoverInterruptedWrite, writeTrees } from '../../generator/write/write-tree.ts';

/** Every open, fsync and rename the write stage makes, in order, by path. */
const events: string[] = [];

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const opened = new Map<number, string>();
  return {
    ...fs,
    openSync: (file: string, ...rest: [string]) => {
      const fd = fs.openSync(file, ...rest);
      opened.set(fd, String(file));
      return fd;
    },
    fsyncSync: (fd: number) => {
      events.push(`fsync ${opened.get(fd)}`);
      fs.fsyncSync(fd);
    },
    // The staged trees are flushed many at a time through the callback API.
    open: (file: string, flags: string, done: (error: Error | null, fd: number) => void) =>
      fs.open(file, flags, (error, fd) => {
        if (!error) opened.set(fd, String(file));
        done(error, fd);
      }),
    fsync: (fd: number, done: (error: Error | null) => void) =>
      fs.fsync(fd, (error) => {
        if (!error) events.push(`fsync ${opened.get(fd)}`);
        done(error);
      }),
    renameSync: (from: string, to: string) => {
      events.push(`rename ${from} -> ${to}`);
      fs.renameSync(from, to);
    },
  };
});

const work = mkdtempSync(path.join(tmpdir(), 'vmcp-durable-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the journaled write survives a power cut, not only a killed process', () => {
  const parent = path.join(work, 'generated');
  const files = [{ path: 'src/tools/a.ts', contents: 'a\n' }, { path: 'src/index.ts', contents: 'i\n' }, { path: 'README.md', contents: 'r\n' }];
  const journal = path.join(parent, '.vendor-mcp-write.journal');
  let commit = -1;
  beforeAll(async () => {
    await writeTrees({ trees: [{ dir: path.join(parent, 'alpha'), files }, { dir: path.join(parent, 'beta'), files }] });
    commit = events.indexOf(`rename ${journal}.tmp -> ${journal}`);
  });
  const index = (event: string) => events.indexOf(event);

  it('commits by renaming the journal into place', () => {
    expect(commit).toBeGreaterThan(-1);
  });

  it.each(['alpha', 'beta'])('flushes every staged file of %s and each of its folders before the commit rename', (name) => {
    const staging = path.join(parent, `${name}.vmcp-staging`);
    const wanted = [...withMarker(files).map((file) => path.join(staging, file.path)), staging, path.join(staging, 'src'), path.join(staging, 'src', 'tools')];
    for (const file of wanted) {
      expect(index(`fsync ${file}`), file).toBeGreaterThan(-1);
      expect(index(`fsync ${file}`), file).toBeLessThan(commit);
    }
  });

  it('flushes the journal before renaming it, and the parent folder after the rename', () => {
    expect(index(`fsync ${journal}.tmp`)).toBeGreaterThan(-1);
    expect(index(`fsync ${journal}.tmp`)).toBeLessThan(commit);
    expect(events.slice(commit + 1, commit + 2)).toStrictEqual([`fsync ${parent}`]);
  });

  it('flushes the parent folder after swapping the trees in', () => {
    const lastSwap = Math.max(...['alpha', 'beta'].map((name) => index(`rename ${path.join(parent, `${name}.vmcp-staging`)} -> ${path.join(parent, name)}`)));
    expect(lastSwap).toBeGreaterThan(commit);
    expect(events.slice(lastSwap + 1).includes(`fsync ${parent}`)).toBe(true);
  });
});

describe('recovery where no write ran or was cut short', () => {
  it('takes no lock: not a single rename in the parent (a lock is taken and released by renames)', () => {
    const parent = path.join(work, 'clean');
    mkdirSync(path.join(parent, 'out'), { recursive: true });
    const before = events.length;
    recoverInterruptedWrite({ dirs: [path.join(parent, 'out')] });
    expect(events.slice(before)).toStrictEqual([]);
  });
});

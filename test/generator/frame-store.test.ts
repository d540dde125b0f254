import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFrameStore } from '../../generator/emit/ts/frame-store.ts';

const ONE = '0123456789abcdef';
const OTHER = 'fedcba9876543210';

/** Printed frames kept in .cache/frames/ between runs, one file per generator identity. */
describe('the frame store', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function storeDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'frame-store-'));
    dirs.push(dir);
    return path.join(dir, 'frames');
  }

  it('serves what an earlier run of the same generator saved, and nothing to another generator', () => {
    const dir = storeDir();
    const first = openFrameStore({ dir, generatorId: ONE });
    expect(first.get('k')).toBeUndefined();
    first.set({ key: 'k', frame: 'frame k\n' });
    first.save();
    expect(openFrameStore({ dir, generatorId: ONE }).get('k')).toBe('frame k\n');
    expect(openFrameStore({ dir, generatorId: OTHER }).get('k')).toBeUndefined();
  });

  it('writes nothing when nothing new was printed, and keeps what another run saved meanwhile', () => {
    const dir = storeDir();
    openFrameStore({ dir, generatorId: ONE }).save();
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
    const a = openFrameStore({ dir, generatorId: ONE });
    const b = openFrameStore({ dir, generatorId: ONE });
    a.set({ key: 'a', frame: 'A' });
    b.set({ key: 'b', frame: 'B' });
    a.save();
    b.save();
    const reopened = openFrameStore({ dir, generatorId: ONE });
    expect([reopened.get('a'), reopened.get('b')]).toStrictEqual(['A', 'B']);
  });

  it("removes another generator's file when it saves: those frames are never read again", () => {
    const dir = storeDir();
    const old = openFrameStore({ dir, generatorId: OTHER });
    old.set({ key: 'k', frame: 'old' });
    old.save();
    const current = openFrameStore({ dir, generatorId: ONE });
    current.set({ key: 'k', frame: 'new' });
    current.save();
    expect(readdirSync(dir)).toStrictEqual([`frames-${ONE}.json`]);
  });

  it.each([
    ['cut short', (text: string) => text.slice(0, -5)],
    ['not JSON', () => 'frames'],
    ['for another generator inside', (text: string) => text.replace(ONE, OTHER)],
    ['holding a frame that is not text', () => JSON.stringify({ generator: ONE, frames: { k: 'A', j: 1 } })],
    ['holding a list of frames', () => JSON.stringify({ generator: ONE, frames: ['A'] })],
  ])('ignores a file %s: every frame is printed again', (_label, damage) => {
    const dir = storeDir();
    const store = openFrameStore({ dir, generatorId: ONE });
    store.set({ key: 'k', frame: 'A' });
    store.save();
    const file = path.join(dir, `frames-${ONE}.json`);
    writeFileSync(file, damage(readFileSync(file, 'utf8')));
    expect(openFrameStore({ dir, generatorId: ONE }).get('k')).toBeUndefined();
  });

  it('refuses a generator identity that is not one (it names the file)', () => {
    expect(() => openFrameStore({ dir: storeDir(), generatorId: '../x' })).toThrow(/not a generator identity/);
  });
});

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { generatorIdentity, RACY_MS } from '../../scripts/generator-identity.cjs';

const work = mkdtempSync(path.join(tmpdir(), 'vmcp-identity-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let root: string;
let launcher: string;
let source: string;
let recordFile: string;
/** As if the stats were taken long after the files were last written: nothing is racy. */
const later = () => Date.now() + RACY_MS + 1000;
const identity = (now: () => number = later) => generatorIdentity({ root, launcherFiles: [launcher], recordFile, now });

/** Lets the file clock move on, so a write made now gets a ctime no earlier write had. */
const nextTick = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30);

beforeEach(() => {
  root = mkdtempSync(path.join(work, 'root-'));
  mkdirSync(path.join(root, 'generator', 'ir'), { recursive: true });
  source = path.join(root, 'generator', 'ir', 'naming.ts');
  writeFileSync(source, 'export const a = 1;\n');
  launcher = path.join(root, 'launcher.mjs');
  writeFileSync(launcher, '// launcher\n');
  recordFile = path.join(root, '.cache', 'identity.json');
});

describe('the generator identity (scripts/generator-identity.cjs)', () => {
  it('is the same for the same files, and is answered from the recorded stats the second time', () => {
    const first = identity();
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.parse(readFileSync(recordFile, 'utf8')).hash).toBe(first);
    expect(identity()).toBe(first);
  });

  it('changes when a source is edited to the same size with its mtime put back (ctime still moves)', () => {
    const oldTime = 1_700_000_000; // seconds: a whole number, so the restored mtime is exactly the same
    utimesSync(source, oldTime, oldTime);
    const before = identity();
    const { mtimeMs, ctimeMs } = statSync(source);
    nextTick();
    writeFileSync(source, 'export const b = 1;\n');
    utimesSync(source, oldTime, oldTime);
    expect(statSync(source).mtimeMs).toBe(mtimeMs);
    expect(statSync(source).ctimeMs).not.toBe(ctimeMs);
    expect(identity()).not.toBe(before);
  });

  it('changes when a source is added, when the launcher changes and when the installed dependencies change', () => {
    const seen = new Set([identity()]);
    writeFileSync(path.join(root, 'generator', 'extra.ts'), '');
    seen.add(identity());
    writeFileSync(launcher, '// launcher, edited\n');
    seen.add(identity());
    mkdirSync(path.join(root, 'node_modules'));
    writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), '{}');
    seen.add(identity());
    expect(seen.size).toBe(4);
  });

  it.each([
    { given: 'a source added in a nested folder', change: () => writeFileSync(path.join(root, 'generator', 'ir', 'extra.ts'), '') },
    { given: 'a source removed', change: () => rmSync(source) },
    { given: 'a source renamed (same bytes, another name)', change: () => renameSync(source, path.join(root, 'generator', 'ir', 'names.ts')) },
    {
      given: 'a new nested folder with a source in it',
      change: () => {
        mkdirSync(path.join(root, 'generator', 'ir', 'deep'));
        writeFileSync(path.join(root, 'generator', 'ir', 'deep', 'x.ts'), 'x');
      },
    },
  ])('changes after $given, though the record lists no folder', ({ change }) => {
    writeFileSync(path.join(root, 'generator', 'top.ts'), 'export {};\n');
    const before = identity();
    expect(JSON.parse(readFileSync(recordFile, 'utf8')).hash).toBe(before);
    nextTick();
    change();
    expect(identity()).not.toBe(before);
  });

  it('never answers a copied checkout from the original\'s files', () => {
    const before = identity();
    const copy = `${root}-copy`;
    cpSync(root, copy, { recursive: true });
    writeFileSync(path.join(copy, 'generator', 'ir', 'naming.ts'), 'export const copied = 1;\n');
    const copied = generatorIdentity({ root: copy, launcherFiles: [path.join(copy, 'launcher.mjs')], recordFile: path.join(copy, '.cache', 'identity.json'), now: later });
    expect(copied).not.toBe(before);
  });

  it('records no stats while a file changed within RACY_MS of taking them (an edit in the same clock tick would keep them)', () => {
    const lastChange = Math.max(...[source, launcher].map((file) => statSync(file).ctimeMs));
    const hash = identity(() => lastChange + RACY_MS);
    expect(existsSync(recordFile)).toBe(false);
    expect(identity(() => lastChange + RACY_MS + 1)).toBe(hash);
    expect(existsSync(recordFile)).toBe(true);
  });

  it('hashes the contents again when the record is unreadable, and never answers from another record', () => {
    const hash = identity();
    writeFileSync(recordFile, '{"hash":"0000000000000000","stats":"other"}');
    expect(identity()).toBe(hash);
    writeFileSync(recordFile, 'not json');
    expect(identity()).toBe(hash);
  });
});

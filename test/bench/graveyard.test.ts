import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BenchSpec } from '../../scripts/bench/bench-specs.ts';
import { forgetUpToDate } from '../../generator/cli-up-to-date.ts';
import { OURS, ourGenerateCommand, ourGeneration, timeGeneration } from '../../scripts/bench/generation-bench.ts';
import { GRAVEYARD, openGraveyard, requireFreeSpace, withGraveyard } from '../../scripts/bench/graveyard.ts';
import { peerAdapters } from '../../scripts/bench/peer-adapters.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';

const dirs: string[] = [];
const stamps: (() => void)[] = [];
afterEach(() => {
  for (const forget of stamps.splice(0)) forget();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vmcp-graveyard-'));
  dirs.push(dir);
  return dir;
}

/** An earlier run's output: a folder with one file, whose inode number tells whether it was deleted or moved. */
function oldOutput(dir: string): number {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'old.txt'), 'from an earlier run');
  return statSync(path.join(dir, 'old.txt')).ino;
}

/** Every file under the graveyard of `root`, by inode number. */
function buriedInodes(root: string): number[] {
  const graveyard = path.join(root, GRAVEYARD);
  if (!existsSync(graveyard)) return [];
  return readdirSync(graveyard, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => statSync(path.join(entry.parentPath, entry.name)).ino);
}

const SPEC: Omit<BenchSpec, 'file' | 'bytes'> = { id: 'acme', label: 'Acme', source: 'test', operations: 1 };

describe('cold runs start in never-used folders: the previous output is moved aside, never deleted during the timed sections', () => {
  it('our cold run moves the old output into the graveyard and still writes its package where the old one was; the regenerations run over it', async () => {
    const cells = scratch();
    const file = path.join(cells, 'acme.yaml');
    writeFileSync(file, MINIMAL_VENDOR_DOC);
    const spec: BenchSpec = { ...SPEC, file, bytes: statSync(file).size };
    const outDir = path.join(cells, OURS, spec.id);
    const command = ourGenerateCommand({ root: REPO_ROOT, spec, outDir });
    // The regenerations record an up-to-date stamp under .cache/ for this scratch folder.
    stamps.push(() => forgetUpToDate({ root: REPO_ROOT, cwd: command.cwd, argv: command.args.slice(2) }));
    const old = oldOutput(outDir);
    const graveyard = openGraveyard({ roots: [cells] });
    const cold = await ourGeneration({ root: REPO_ROOT, spec, cellsDir: cells, runs: 1, timeoutMs: 120_000, graveyard });
    expect({ ok: cold.ok, failure: cold.failure }).toEqual({ ok: true, failure: undefined });
    expect(existsSync(path.join(outDir, 'tools.json'))).toBe(true);
    expect(existsSync(path.join(outDir, 'old.txt'))).toBe(false);
    expect(buriedInodes(cells)).toEqual([old]);
    for (const kind of ['first regeneration', 'regeneration'] as const) {
      const again = await ourGeneration({ root: REPO_ROOT, spec, cellsDir: cells, runs: 1, timeoutMs: 120_000, graveyard, kind });
      expect({ kind, ok: again.ok, failure: again.failure }).toEqual({ kind, ok: true, failure: undefined });
    }
    // The regenerations reuse the cold run's output: nothing more was moved aside.
    expect(buriedInodes(cells)).toEqual([old]);
    graveyard.empty();
    expect(existsSync(path.join(cells, GRAVEYARD))).toBe(false);
    expect(existsSync(path.join(outDir, 'tools.json'))).toBe(true);
  }, 120_000);

  it.each(['openapi-mcp-generator', 'orval', 'kubb'])('%s: prepare moves the old cell aside and writes its setup into a new folder', (id) => {
    const cells = scratch();
    const file = path.join(cells, 'spec.json');
    writeFileSync(file, JSON.stringify({ openapi: '3.0.0', info: { title: 't', version: '1' }, servers: [{ url: 'http://127.0.0.1:9' }], paths: {} }));
    const cell = path.join(cells, id, 'acme');
    const old = oldOutput(cell);
    const folderBefore = statSync(cell).ino;
    const peer = peerAdapters(REPO_ROOT).find((adapter) => adapter.id === id)!;
    peer.prepare({ cell, spec: { ...SPEC, file, bytes: statSync(file).size }, graveyard: openGraveyard({ roots: [cells] }) });
    expect(buriedInodes(cells)).toEqual([old]);
    expect(statSync(cell).ino).not.toBe(folderBefore);
    expect(existsSync(path.join(cell, 'old.txt'))).toBe(false);
    expect(lstatSync(path.join(cell, 'node_modules')).isSymbolicLink()).toBe(true);
  });

  it.each([0, 1, 5])('after %i timed runs every earlier output still exists, and each run found its folder absent', async (runs) => {
    const cells = scratch();
    const outDir = path.join(cells, 'probe', 'spec');
    const old = oldOutput(outDir);
    const graveyard = openGraveyard({ roots: [cells] });
    const seen: boolean[] = [];
    // Each run writes one file named after a counter kept outside the folder, so runs differ.
    const counter = path.join(cells, 'counter');
    writeFileSync(counter, '0');
    const script = `const fs = require('node:fs'); const n = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1; fs.writeFileSync(${JSON.stringify(counter)}, String(n)); fs.mkdirSync(${JSON.stringify(outDir)}, { recursive: true }); fs.writeFileSync(${JSON.stringify(outDir)} + '/run-' + n + '.txt', '');`;
    const cell = await timeGeneration({
      generator: 'probe',
      spec: { id: 'spec', operations: 1 },
      runs,
      timeoutMs: 30_000,
      outDir,
      prepare: () => graveyard.bury(outDir),
      settle: () => seen.push(existsSync(outDir)),
      command: { command: process.execPath, args: ['-e', script], cwd: cells, env: process.env },
      expectOutput: outDir,
    });
    expect(cell.runs).toHaveLength(runs);
    expect(seen).toEqual(Array.from({ length: runs }, () => false));
    // The old output plus every run's but the last are in the graveyard; none was deleted.
    expect(buriedInodes(cells)).toHaveLength(runs);
    if (runs > 0) expect(buriedInodes(cells)).toContain(old);
    expect(readdirSync(outDir)).toEqual(runs === 0 ? ['old.txt'] : [`run-${runs}.txt`]);
    expect(readFileSync(counter, 'utf8')).toBe(String(runs));
  });
});

describe('the graveyard is deleted once, when the run is over', () => {
  it('keeps what was buried for the whole body, then removes each root’s graveyard exactly once', async () => {
    const [ours, peers] = [scratch(), scratch()];
    const removed: string[] = [];
    const remove = (dir: string) => {
      removed.push(dir);
      rmSync(dir, { recursive: true, force: true });
    };
    const result = await withGraveyard({
      roots: [ours, peers],
      remove,
      body: async (graveyard) => {
        for (const root of [ours, peers]) {
          oldOutput(path.join(root, 'a'));
          graveyard.bury(path.join(root, 'a'));
          oldOutput(path.join(root, 'a'));
          graveyard.bury(path.join(root, 'a'));
        }
        expect(removed).toEqual([]);
        expect([buriedInodes(ours).length, buriedInodes(peers).length]).toEqual([2, 2]);
        return 'done';
      },
    });
    expect(result).toBe('done');
    expect(removed).toEqual([path.join(ours, GRAVEYARD), path.join(peers, GRAVEYARD)]);
    expect([existsSync(path.join(ours, GRAVEYARD)), existsSync(path.join(peers, GRAVEYARD))]).toEqual([false, false]);
  });

  it('empties it when the body fails too, and passes the failure on', async () => {
    const root = scratch();
    const removed: string[] = [];
    const run = withGraveyard({
      roots: [root],
      remove: (dir) => {
        removed.push(dir);
        rmSync(dir, { recursive: true, force: true });
      },
      body: async (graveyard) => {
        oldOutput(path.join(root, 'a'));
        graveyard.bury(path.join(root, 'a'));
        throw new Error('generation failed');
      },
    });
    await expect(run).rejects.toThrow('generation failed');
    expect(removed).toEqual([path.join(root, GRAVEYARD)]);
  });

  it('removes nothing when nothing was buried, and deletes what an interrupted run left', async () => {
    const [empty, interrupted] = [scratch(), scratch()];
    oldOutput(path.join(interrupted, GRAVEYARD, 'run-old', '1-github'));
    const removed: string[] = [];
    await withGraveyard({ roots: [empty, interrupted], remove: (dir) => removed.push(dir), body: async () => undefined });
    expect(removed).toEqual([path.join(interrupted, GRAVEYARD)]);
  });

  it('refuses a second emptying and any burial after it', () => {
    const root = scratch();
    const graveyard = openGraveyard({ roots: [root] });
    graveyard.empty();
    expect(() => graveyard.empty()).toThrow('already emptied');
    oldOutput(path.join(root, 'a'));
    expect(() => graveyard.bury(path.join(root, 'a'))).toThrow('already emptied');
    expect(existsSync(path.join(root, 'a', 'old.txt'))).toBe(true);
  });

  it('refuses to move anything outside its roots, the root itself or the graveyard, and leaves it in place', () => {
    const [root, elsewhere] = [scratch(), scratch()];
    oldOutput(elsewhere);
    const graveyard = openGraveyard({ roots: [root] });
    expect(() => graveyard.bury(elsewhere)).toThrow('not inside a cells folder');
    expect(() => graveyard.bury(root)).toThrow('not inside a cells folder');
    expect(() => graveyard.bury(path.join(root, GRAVEYARD, 'x'))).toThrow('in the graveyard');
    expect(existsSync(path.join(elsewhere, 'old.txt'))).toBe(true);
  });

  it('does nothing for an output that is not there yet', () => {
    const root = scratch();
    openGraveyard({ roots: [root] }).bury(path.join(root, 'never', 'written'));
    expect(existsSync(path.join(root, GRAVEYARD))).toBe(false);
  });
});

describe('free space', () => {
  it('fails closed, naming the folder, when the kept outputs would not fit', () => {
    const root = scratch();
    expect(() => requireFreeSpace({ dirs: [path.join(root, 'not', 'made', 'yet')], bytes: Number.MAX_SAFE_INTEGER })).toThrow(/free under .*not.*the bench keeps every output/s);
    expect(() => requireFreeSpace({ dirs: [root], bytes: 1 })).not.toThrow();
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticError } from '../../generator/diagnostics/diagnostic.ts';
import { HOST_TAG, LOCK_NAME } from '../../generator/write/write-lock.ts';
import { writeTrees } from '../../generator/write/write-tree.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { treeHash } from '../../scripts/shared/tree-hash.ts';
import { inlineVendorDoc } from '../support/generate-in-memory.ts';

/** One `npm run generate` as CI or the corpus runner starts it: its own process, its own --out. */
function generate(input: { readonly spec: string; readonly vendor: string; readonly out: string }): Promise<{ readonly status: number | null; readonly stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'generate.cjs'), '--spec', input.spec, '--vendor', input.vendor, '--out', input.out, '--quiet'], { cwd: REPO_ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status) => resolve({ status, stderr }));
  });
}

const VENDORS = ['alpha', 'bravo', 'charlie', 'delta'];
const ROUNDS = 3;
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'vmcp-concurrent-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('generate runs at once into sibling folders', () => {
  it('never disturb each other: every tree is exactly what a run alone writes, and nothing is left beside them', async () => {
    const spec = path.join(work, 'malomo.yaml');
    writeFileSync(spec, inlineVendorDoc('malomo').replace(/\n {2}package: malomo\n/, '\n  package: unused\n'));
    const parent = path.join(work, 'out');
    const outOf = (vendor: string) => path.join(parent, vendor);
    // Alone, one after the other: the trees each run must produce.
    const expected = new Map<string, string>();
    for (const vendor of VENDORS) {
      expect((await generate({ spec, vendor, out: outOf(vendor) })).status).toBe(0);
      expected.set(vendor, treeHash(outOf(vendor)));
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      rmSync(parent, { recursive: true, force: true });
      mkdirSync(parent, { recursive: true });
      const runs = await Promise.all(VENDORS.map((vendor) => generate({ spec, vendor, out: outOf(vendor) })));
      expect(runs.map((run) => run.status), `round ${round}: ${runs.map((run) => run.stderr).join('\n')}`).toStrictEqual(VENDORS.map(() => 0));
      expect(Object.fromEntries(VENDORS.map((vendor) => [vendor, treeHash(outOf(vendor))])), `round ${round}`).toStrictEqual(Object.fromEntries(expected));
      expect(readdirSync(parent).sort(), `round ${round}`).toStrictEqual(VENDORS);
    }
  }, 240_000);
});

describe('the write lock in the parent folder', () => {
  const FILES = [{ path: 'index.ts', contents: 'export {};\n' }];
  /** A lock as another run leaves it: a folder holding its owner. */
  const plantLock = (input: { readonly parent: string; readonly pid: number; readonly host: string }) => {
    mkdirSync(path.join(input.parent, LOCK_NAME), { recursive: true });
    writeFileSync(path.join(input.parent, LOCK_NAME, 'owner'), JSON.stringify({ pid: input.pid, host: input.host }));
  };
  const attempt = async (parent: string) => {
    try {
      await writeTrees({ trees: [{ dir: path.join(parent, 'out'), files: FILES }], lockTimeoutMs: 300 });
      return 'written';
    } catch (error) {
      if (error instanceof DiagnosticError) return error.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n');
      throw error;
    }
  };

  it('hands over cleanly under contention: four processes taking and releasing it 200 times each all finish, and no lock is left', async () => {
    const parent = mkdtempSync(path.join(work, 'lock-contended-'));
    const lockModule = path.join(REPO_ROOT, 'generator', 'write', 'write-lock.ts');
    // Releasing in place emptied the folder before its rmdir; a waiter's rename onto the empty folder
    // then won, and the releasing run died with ENOTEMPTY. 4 × 200 hand-overs reproduced it every time.
    const script = `const { withWriteLock } = await import(${JSON.stringify(lockModule)}); let held = 0;
      for (let i = 0; i < 200; i += 1) withWriteLock({ parent: ${JSON.stringify(parent)}, timeoutMs: 60000, work: () => { held += 1; } });
      process.stdout.write(String(held));`;
    const runs = await Promise.all(
      [0, 1, 2, 3].map(
        () =>
          new Promise<{ status: number | null; out: string }>((resolve) => {
            const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT });
            let out = '';
            child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
            child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
            child.on('exit', (status) => resolve({ status, out }));
          }),
      ),
    );
    expect(runs).toStrictEqual([0, 1, 2, 3].map(() => ({ status: 0, out: '200' })));
    expect(readdirSync(parent)).toStrictEqual([]);
  }, 120_000);

  it('removes the temporary folders a killed run left beside the lock, and only those', async () => {
    const parent = mkdtempSync(path.join(work, 'lock-leftovers-'));
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const beside = (input: { readonly label: string; readonly host: string; readonly pid: number }) => `${LOCK_NAME}.${input.label}-${input.host}-${input.pid}-0a1b2c3d`;
      const dead = ['new', 'stale', 'done'].map((label) => beside({ label, host: HOST_TAG, pid: gone }));
      const kept = [beside({ label: 'new', host: HOST_TAG, pid: holder.pid! }), beside({ label: 'new', host: 'ffffffff', pid: gone }), `${LOCK_NAME}.new-not-ours`];
      for (const name of [...dead, ...kept]) mkdirSync(path.join(parent, name));
      // Killed after its owner file was written, before the rename: the commonest leftover.
      writeFileSync(path.join(parent, dead[0]!, 'owner'), JSON.stringify({ pid: gone, host: hostname() }));
      expect(await attempt(parent)).toBe('written');
      expect(readdirSync(parent).sort()).toStrictEqual(['out', ...kept].sort());
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over at once from a run that was killed, and removes the lock when done', async () => {
    const parent = mkdtempSync(path.join(work, 'lock-dead-'));
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    plantLock({ parent, pid: gone, host: hostname() });
    expect(await attempt(parent)).toBe('written');
    expect(readdirSync(parent).sort()).toStrictEqual(['out']);
  });

  it.each([
    { given: 'a live process on this machine', host: () => hostname() },
    { given: 'a process on another machine (never judged stale)', host: () => `not-${hostname()}` },
  ])('waits for $given, then refuses with VMCP_OUTPUT_BUSY and writes nothing', async ({ host }) => {
    const parent = mkdtempSync(path.join(work, 'lock-live-'));
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      plantLock({ parent, pid: holder.pid!, host: host() });
      expect(await attempt(parent)).toBe(`VMCP_OUTPUT_BUSY: Another generate run holds ${path.join(parent, LOCK_NAME)} (process ${holder.pid} on ${host()}); waited 0 s for it`);
      expect(readdirSync(parent)).toStrictEqual([LOCK_NAME]);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { timeGeneration } from '../../scripts/bench/generation-bench.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('timed generation runs', () => {
  it('settles the file system after each preparation and before each timed command, for every run', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vmcp-settle-'));
    dirs.push(dir);
    const log = path.join(dir, 'order.log');
    writeFileSync(log, '');
    const out = path.join(dir, 'out');
    // The timed command appends to the same log, so the order is what the child saw.
    const script = `require('node:fs').appendFileSync(${JSON.stringify(log)}, 'run\\n'); require('node:fs').mkdirSync(${JSON.stringify(out)}, { recursive: true });`;
    const cell = await timeGeneration({
      generator: 'probe',
      spec: { id: 'probe', operations: 1 },
      runs: 3,
      timeoutMs: 30_000,
      outDir: out,
      prepare: () => appendFileSync(log, 'prepare\n'),
      settle: () => appendFileSync(log, 'settle\n'),
      command: { command: process.execPath, args: ['-e', script], cwd: dir, env: process.env },
      expectOutput: out,
    });
    expect(cell.ok).toBe(true);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['prepare', 'settle', 'run', 'prepare', 'settle', 'run', 'prepare', 'settle', 'run']);
  });
});

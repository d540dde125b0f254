import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { groupRssKb } from '../../scripts/corpus/group-rss.ts';
import { runTimedChild } from '../../scripts/corpus/timed-child.ts';

/** A child that holds ~300 MB resident (touched, so it counts) until it is killed or 20 s pass. */
const HOLD = "const b = Buffer.alloc(300 * 1024 * 1024, 1); setTimeout(() => console.log(b.length), 20000);";

describe('runTimedChild memoryCapMb: a child past the cap is killed and the cap is reported', () => {
  it('kills the process group once its RSS passes the cap', async () => {
    const run = await runTimedChild({ command: '/bin/sh', args: ['-c', `${JSON.stringify(process.execPath)} -e ${JSON.stringify(HOLD)}`], cwd: process.cwd(), timeoutMs: 30_000, memoryCapMb: 150 });
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).not.toBe(0);
    expect(run.cappedAtMb).toBeGreaterThan(150);
  }, 40_000);

  it('leaves a child under the cap alone', async () => {
    const run = await runTimedChild({ command: process.execPath, args: ['-e', "const b = Buffer.alloc(100 * 1024 * 1024, 1); setTimeout(() => console.log(b.length), 1500);"], cwd: process.cwd(), timeoutMs: 30_000, memoryCapMb: 400 });
    expect(run.exitCode).toBe(0);
    expect(run.cappedAtMb).toBeUndefined();
  }, 40_000);
});

describe('the memory cap fails closed where memory cannot be read', () => {
  it('reads the group of a live child, and undefined from a /proc that is missing or empty', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'no-proc-'));
    expect(groupRssKb({ pgid: process.pid, procDir: path.join(empty, 'missing') })).toBeUndefined();
    expect(groupRssKb({ pgid: process.pid, procDir: empty })).toBeUndefined();
    expect(groupRssKb({ pgid: process.pid })).toEqual(expect.any(Number));
  });

  it('refuses a stat line it cannot parse rather than counting it as 0', () => {
    const fake = mkdtempSync(path.join(os.tmpdir(), 'odd-proc-'));
    mkdirSync(path.join(fake, '42'));
    writeFileSync(path.join(fake, '42', 'stat'), '42 (node) R 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 0 0 ten');
    expect(groupRssKb({ pgid: 7, procDir: fake })).toBeUndefined();
    writeFileSync(path.join(fake, '42', 'stat'), '42 (no de) R 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 0 0 10');
    expect(groupRssKb({ pgid: 7, procDir: fake })).toBe(40);
    expect(groupRssKb({ pgid: 8, procDir: fake })).toBe(0);
  });

  it('does not start a capped command when /proc cannot be read, and says why', async () => {
    const marker = path.join(mkdtempSync(path.join(os.tmpdir(), 'cap-')), 'ran');
    const run = await runTimedChild({ command: process.execPath, args: ['-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`], cwd: process.cwd(), timeoutMs: 30_000, memoryCapMb: 400, procDir: path.join(os.tmpdir(), 'no-such-proc') });
    expect(run.memoryUnreadable).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });

  it('stops a capped command whose memory can no longer be read', async () => {
    const fake = mkdtempSync(path.join(os.tmpdir(), 'gone-proc-'));
    mkdirSync(path.join(fake, '42'));
    writeFileSync(path.join(fake, '42', 'stat'), '42 (sh) S 1 42 42 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 0 0 10');
    const started = runTimedChild({ command: process.execPath, args: ['-e', 'setTimeout(() => {}, 20000)'], cwd: process.cwd(), timeoutMs: 30_000, memoryCapMb: 400, procDir: fake });
    setTimeout(() => rmSync(path.join(fake, '42'), { recursive: true }), 200);
    const run = await started;
    expect(run.memoryUnreadable).toBe(true);
    expect(run.timedOut).toBe(false);
    expect(run.wallMs).toBeLessThan(15_000);
  }, 40_000);

  it('runs an uncapped command without reading /proc at all', async () => {
    const run = await runTimedChild({ command: process.execPath, args: ['-e', '0'], cwd: process.cwd(), timeoutMs: 30_000, procDir: path.join(os.tmpdir(), 'no-such-proc') });
    expect(run.exitCode).toBe(0);
    expect(run.memoryUnreadable).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
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

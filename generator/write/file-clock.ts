import { closeSync, fstatSync, openSync, rmSync, type Stats } from 'node:fs';
import path from 'node:path';

/**
 * The time a file system stamps on a file written now, read from a file written now: the kernel's
 * clock as that file system truncates it (to its own granularity: a tick of the coarse clock on
 * ext4, 2 s on FAT), on the device the reading was taken on.
 */
export type FileClock = { readonly dev: number; readonly ms: number };

/**
 * Reads the file clock by creating a probe file in `dir` (which must exist) and removing it.
 * Undefined when `dir` cannot be written: then nothing can be trusted from stats (fail closed).
 */
export function readFileClock(dir: string): FileClock | undefined {
  const probe = path.join(dir, `.clock-${process.pid}.tmp`);
  try {
    // A probe left by a killed run of the same pid would keep its old times: start from none.
    rmSync(probe, { force: true });
    const fd = openSync(probe, 'wx');
    try {
      const { dev, mtimeMs } = fstatSync(fd);
      return { dev, ms: mtimeMs };
    } finally {
      closeSync(fd);
      rmSync(probe, { force: true });
    }
  } catch {
    return undefined;
  }
}

/**
 * Git's "racy clean" rule with the file clock in place of a margin: equal stats later prove equal
 * bytes only for an entry last changed strictly before `clock` was read (taken before the stats),
 * on the same device. Any change after the reading gets a time no earlier than the clock's, so it
 * moves ctime (which nobody can set back) past the recorded one. A change in the same tick as the
 * reading may keep every stat, so equal is not trusted; nor is another device (its clock and
 * granularity are not the one read). Millisecond doubles round monotonically, so rounding can only
 * turn "older" into "equal", never a later time into an older one.
 */
export function settledBefore(input: { readonly stat: Pick<Stats, 'dev' | 'mtimeMs' | 'ctimeMs'>; readonly clock: FileClock }): boolean {
  const { stat, clock } = input;
  return stat.dev === clock.dev && stat.mtimeMs < clock.ms && stat.ctimeMs < clock.ms;
}

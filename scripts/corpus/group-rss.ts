import { readdirSync, readFileSync } from 'node:fs';

/** Linux's page size on x86-64 and most arm64 kernels; /proc/<pid>/stat counts RSS in pages. */
const PAGE_KB = 4;

/**
 * Resident memory of every live process in one process group, from /proc (Linux): what a detached
 * child and everything it started (a shell, node, a native tsc) hold right now. 0 where /proc is absent.
 */
export function groupRssKb(pgid: number): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the parenthesised command name: state ppid pgrp … ; rss (pages) is field 24.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      total += Number(fields[21]) * PAGE_KB;
    } catch {
      // the process ended between the listing and the read
    }
  }
  return total;
}

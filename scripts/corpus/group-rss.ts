import { readdirSync, readFileSync } from 'node:fs';

/** Linux's page size on x86-64 and most arm64 kernels; /proc/<pid>/stat counts RSS in pages. */
const PAGE_KB = 4;

/**
 * Resident memory of every live process in one process group, from /proc (Linux): what a detached
 * child and everything it started (a shell, node, a native tsc) hold right now.
 *
 * Undefined where it cannot be told (no /proc, a stat line not in the expected shape): a memory cap
 * that read 0 there would let a build take the machine's memory, so the caller refuses instead.
 * `procDir` is /proc except in tests.
 */
export function groupRssKb(input: { readonly pgid: number; readonly procDir?: string }): number | undefined {
  const proc = input.procDir ?? '/proc';
  let entries: string[];
  try {
    entries = readdirSync(proc).filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  // A /proc that lists no process at all (not even the caller) is not one that can be read.
  if (entries.length === 0) return undefined;
  let total = 0;
  for (const pid of entries) {
    let stat: string;
    try {
      stat = readFileSync(`${proc}/${pid}/stat`, 'utf8');
    } catch {
      continue; // the process ended between the listing and the read
    }
    // Fields after the parenthesised command name: state ppid pgrp … ; rss (pages) is field 24.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const group = Number(fields[2]);
    const pages = Number(fields[21]);
    if (!Number.isInteger(group) || !Number.isInteger(pages)) return undefined;
    if (group === input.pgid) total += pages * PAGE_KB;
  }
  return total;
}

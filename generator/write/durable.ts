import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file and flushes it to the disk before returning. Without the flush a power cut after
 * the commit rename could leave a committed journal naming trees whose files never reached the disk.
 */
export function writeFileDurably(input: { readonly file: string; readonly contents: string }): void {
  const fd = openSync(input.file, 'wx');
  try {
    writeSync(fd, input.contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (names created, renamed or removed in it) to the disk. */
export function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Every folder that holding `files` under `root` needs, deepest first (the order to flush them in). */
export function foldersFor(input: { readonly root: string; readonly files: readonly string[] }): string[] {
  const folders = new Set<string>([input.root]);
  for (const file of input.files) {
    for (let dir = path.dirname(file); dir !== input.root && !folders.has(dir); dir = path.dirname(dir)) folders.add(dir);
  }
  return [...folders].sort((a, b) => b.length - a.length);
}

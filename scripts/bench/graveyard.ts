import { existsSync, lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync, statfsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the outputs that timed runs replace go until the run is over. A cold run must not start
 * right after a deletion (settleFileSystem says why: on this machine's journal-less ext4, creating
 * files within a minute of deleting many is slow), so the previous output is renamed aside, which
 * is O(1) and frees no inode, and the graveyards are deleted once, after the last timed generation.
 */
export type Graveyard = {
  /** Moves `target` aside if it exists, so the next run writes into a folder never used before. */
  bury(target: string): void;
};

/** Under each cells folder: a rename never crosses a file system, and the folder lists no spec named so. */
export const GRAVEYARD = '.graveyard';

const isInside = (input: { readonly dir: string; readonly target: string }) => {
  const relative = path.relative(input.dir, input.target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};

const exists = (target: string) => {
  try {
    lstatSync(target);
    return true;
  } catch {
    return false;
  }
};

/**
 * Burials under each of `roots` (the cells folders) go to `<root>/.graveyard/run-*`. A target
 * outside every root is refused rather than deleted: deleting it is the slowdown this avoids, and
 * renaming it anywhere else could cross a file system.
 */
export function openGraveyard(input: { readonly roots: readonly string[] }): Graveyard & { empty(remove?: (dir: string) => void): void } {
  const roots = input.roots.map((root) => path.resolve(root));
  const runDirs = new Map<string, string>();
  let buried = 0;
  let emptied = false;
  const runDir = (root: string) => {
    const known = runDirs.get(root);
    if (known !== undefined) return known;
    mkdirSync(path.join(root, GRAVEYARD), { recursive: true });
    const made = mkdtempSync(path.join(root, GRAVEYARD, 'run-'));
    runDirs.set(root, made);
    return made;
  };
  return {
    bury(target) {
      if (emptied) throw new Error(`refusing to move ${target} aside: the graveyard was already emptied, nothing would delete it`);
      const resolved = path.resolve(target);
      const root = roots.find((dir) => isInside({ dir, target: resolved }));
      if (root === undefined) throw new Error(`refusing to move ${target} aside: it is not inside a cells folder (${roots.join(', ')}), where its graveyard is`);
      if (isInside({ dir: path.join(root, GRAVEYARD), target: resolved }) || resolved === path.join(root, GRAVEYARD)) throw new Error(`refusing to move ${target} aside: it is in the graveyard`);
      if (!exists(resolved)) return;
      buried += 1;
      renameSync(resolved, path.join(runDir(root), `${buried}-${path.basename(resolved)}`));
    },
    /** Once, when the last timed generation is over: this run's burials and any an interrupted run left. */
    empty(remove = (dir: string) => rmSync(dir, { recursive: true, force: true })) {
      if (emptied) throw new Error('the graveyard was already emptied');
      emptied = true;
      for (const root of roots) if (existsSync(path.join(root, GRAVEYARD))) remove(path.join(root, GRAVEYARD));
    },
  };
}

/** Runs `body` with a graveyard under `roots` and empties it exactly once afterwards, also when `body` throws. */
export async function withGraveyard<T>(input: { readonly roots: readonly string[]; readonly body: (graveyard: Graveyard) => Promise<T>; readonly remove?: (dir: string) => void }): Promise<T> {
  const graveyard = openGraveyard({ roots: input.roots });
  try {
    return await input.body(graveyard);
  } finally {
    graveyard.empty(input.remove);
  }
}

/** The nearest folder that exists at or above `dir`, for statfs. */
function existingAncestor(dir: string): string {
  let at = path.resolve(dir);
  while (!existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  return at;
}

/** Fails closed before a run whose kept outputs would not fit: better than a full disk halfway. */
export function requireFreeSpace(input: { readonly dirs: readonly string[]; readonly bytes: number }): void {
  for (const dir of input.dirs) {
    const stats = statfsSync(existingAncestor(dir));
    const free = stats.bavail * stats.bsize;
    if (free < input.bytes) {
      const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;
      throw new Error(`only ${gb(free)} free under ${dir}; the bench keeps every output it replaces until the run ends (see scripts/bench/graveyard.ts) and needs ${gb(input.bytes)}: free some space, or remove ${path.join(dir, GRAVEYARD)} if an interrupted run left it`);
    }
  }
}

import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, rmSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { rankDataDigest, recordDigest, recordedDigest, statsKey } from './o200k-source.ts';
import { writeAtomically } from './write-atomically.ts';
import { buildTableFile, parseTable, tableContentsDigest, type RankEntry, type RankTable } from './o200k-table.ts';

/**
 * Where the o200k_base table comes from and where it is kept: built from the installed
 * gpt-tokenizer's own rank list on first use and written to `.cache/tokenizer/` of the project,
 * named by a digest of that list, so another gpt-tokenizer (or other data under the same
 * version) gets its own file and a stale one is never read.
 *
 * The rank list is reached through a require made here, not an import: esbuild leaves it out of
 * the generator bundle (scripts/generate.cjs), so it is compiled only when a table is built.
 */
const RANKS_MODULE = 'gpt-tokenizer/bpeRanks/o200k_base';

/** What a table is built from: the digest naming it, and the rank list itself (loaded only to build). */
export type RankSource = {
  readonly digest: Buffer;
  readonly ranks: () => readonly RankEntry[];
};

// import.meta.dirname is generator/shared/ under tsx and vitest, .cache/ in the bundle: node_modules resolves from both.
const requireHere = createRequire(path.join(import.meta.dirname, 'o200k-cache.cjs'));

/**
 * `.cache/tokenizer/` of the project this code runs from: the nearest folder above it with a
 * package.json (the repository root from generator/shared/ and from the bundle in .cache/ alike),
 * not the one node_modules resolves to, which a linked node_modules would put in another checkout.
 */
function projectCacheDir(): string | undefined {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, '.cache', 'tokenizer');
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The installed gpt-tokenizer's o200k_base ranks, named by its version and the bytes of the rank module (o200k-source.ts). */
export function installedRankSource(): RankSource & { readonly cacheDir: string | undefined } {
  const ranksFile = requireHere.resolve(RANKS_MODULE);
  const version = (JSON.parse(readFileSync(requireHere.resolve('gpt-tokenizer/package.json'), 'utf8')) as { version: string }).version;
  const cacheDir = projectCacheDir();
  return {
    digest: rankDataDigest({ ranksFile, version, recordFile: cacheDir === undefined ? undefined : path.join(cacheDir, 'o200k_base-source.json') }),
    ranks: () => (requireHere(RANKS_MODULE) as { default: readonly RankEntry[] }).default,
    cacheDir,
  };
}

export function tableFileName(digest: Buffer): string {
  return `o200k_base-${digest.toString('hex').slice(0, 32)}.bin`;
}

/**
 * The stored file and its stats, or undefined where there is none or it cannot be read: then the
 * table is built, which is always correct. Stats taken before and after the read: where they differ
 * the file changed meanwhile, and `stat` is undefined (its contents are then hashed, not trusted).
 */
function readIfPresent(file: string): { readonly bytes: Buffer; readonly stat: Stats | undefined } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const before = fstatSync(fd);
    const bytes = readFileSync(fd);
    const after = fstatSync(fd);
    const same = statsKey({ what: [], file, stat: before }) === statsKey({ what: [], file, stat: after });
    return { bytes, stat: same ? before : undefined };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The stored table, when it is the one built from `source`. Its contents were checked against their
 * digest on every run (~2.5 ms for 4.3 MB); now once, and the digest kept in
 * `o200k_base-table.json` beside it with the file's stats (size, mtime, ctime, inode), as
 * o200k-source.ts keeps the rank data's: any write or replacement of the file changes them, and the
 * contents are hashed again. The header (format, source, sizes) is checked every time.
 */
function storedTable(input: { readonly file: string; readonly sourceDigest: Buffer; readonly takenAt: number }): RankTable | undefined {
  const stored = readIfPresent(input.file);
  if (stored === undefined) return undefined;
  const recordFile = path.join(path.dirname(input.file), 'o200k_base-table.json');
  const stats = stored.stat === undefined ? undefined : statsKey({ what: ['o200k_base table'], file: input.file, stat: stored.stat });
  const contentsDigest = stats === undefined ? undefined : recordedDigest({ recordFile, stats });
  const table = parseTable({ file: stored.bytes, sourceDigest: input.sourceDigest, contentsDigest });
  if (typeof table === 'string') return undefined;
  if (contentsDigest === undefined && stats !== undefined && stored.stat !== undefined) recordDigest({ recordFile, stats, stat: stored.stat, takenAt: input.takenAt, digest: tableContentsDigest(stored.bytes) });
  return table;
}

/**
 * The table for `source`, read from `cacheDir` when a file there is the one built from it; built
 * (and written) when there is none, or the one there is for other data, cut short or altered.
 * `now`: the clock a digest record is judged by (o200k-source.ts), for tests.
 */
export function loadRankTable(input: { readonly source: RankSource; readonly cacheDir: string | undefined; readonly now?: () => number }): RankTable {
  const takenAt = (input.now ?? Date.now)();
  const file = input.cacheDir === undefined ? undefined : path.join(input.cacheDir, tableFileName(input.source.digest));
  const stored = file === undefined ? undefined : storedTable({ file, sourceDigest: input.source.digest, takenAt });
  if (stored !== undefined) return stored;
  const built = buildTableFile({ ranks: input.source.ranks(), sourceDigest: input.source.digest });
  const table = parseTable({ file: built, sourceDigest: input.source.digest });
  if (typeof table === 'string') throw new Error(`o200k_base table: the table just built is refused: ${table}`);
  if (file !== undefined) {
    writeAtomically({ file, bytes: built });
    removeOtherTables({ dir: path.dirname(file), kept: path.basename(file) });
  }
  return table;
}

/** Tables of rank data no longer installed (another gpt-tokenizer, an older format) are never read again. */
function removeOtherTables(input: { readonly dir: string; readonly kept: string }): void {
  try {
    for (const name of readdirSync(input.dir)) if (/^o200k_base-[0-9a-f]{32}\.bin$/.test(name) && name !== input.kept) rmSync(path.join(input.dir, name), { force: true });
  } catch {
    // A folder that cannot be listed or changed: stale tables only take space.
  }
}

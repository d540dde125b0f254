import { readFileSync, statSync, type Stats } from 'node:fs';
import { sha256Bytes } from './lazy-sha256.ts';
import { TABLE_FORMAT } from './o200k-table.ts';
import { writeAtomically } from './write-atomically.ts';

/**
 * The digest that names an o200k_base table: of the table format, gpt-tokenizer's version and the
 * bytes of its rank module. Reading and hashing that 2.4 MB module cost ~3 ms and 2.4 MB of every
 * generation, so the digest is kept beside the stats it was taken from (size, mtime, ctime, inode)
 * and reused while the module stats the same, as scripts/generator-identity.cjs does for the
 * generator's own files: any write moves ctime, which nobody can set back.
 *
 * A record is written only when the module was last changed at least RACY_MS before: a change
 * within one tick of the file clock would otherwise leave the stats the same (git's "racy clean").
 */
const RACY_MS = 3000;

type DigestRecord = { readonly stats: string; readonly digest: string };

function readRecord(file: string): DigestRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<DigestRecord>;
    return typeof record.stats === 'string' && typeof record.digest === 'string' && /^[0-9a-f]{64}$/.test(record.digest) ? { stats: record.stats, digest: record.digest } : undefined;
  } catch {
    return undefined;
  }
}

/** A file's state as a record names it: what it is (`what`), its path, size, mtime, ctime and inode. */
export function statsKey(input: { readonly what: readonly unknown[]; readonly file: string; readonly stat: Stats }): string {
  return JSON.stringify([...input.what, input.file, input.stat.size, input.stat.mtimeMs, input.stat.ctimeMs, input.stat.ino]);
}

/** The digest `recordFile` holds for `stats`, or undefined where it holds none, another file state's, or cannot be read. */
export function recordedDigest(input: { readonly recordFile: string | undefined; readonly stats: string }): Buffer | undefined {
  const record = input.recordFile === undefined ? undefined : readRecord(input.recordFile);
  return record?.stats === input.stats ? Buffer.from(record.digest, 'hex') : undefined;
}

/** Records `digest` for `stats`, unless the file changed within RACY_MS of `takenAt` (see the header). */
export function recordDigest(input: { readonly recordFile: string | undefined; readonly stats: string; readonly stat: Stats; readonly takenAt: number; readonly digest: Buffer }): void {
  if (input.recordFile === undefined || Math.max(input.stat.mtimeMs, input.stat.ctimeMs) >= input.takenAt - RACY_MS) return;
  writeAtomically({ file: input.recordFile, bytes: JSON.stringify({ stats: input.stats, digest: input.digest.toString('hex') }) });
}

/** The digest of the rank data in `ranksFile` (gpt-tokenizer `version`), from `recordFile` while the file stats as recorded. */
export function rankDataDigest(input: { readonly ranksFile: string; readonly version: string; readonly recordFile: string | undefined; readonly now?: () => number }): Buffer {
  const takenAt = (input.now ?? Date.now)();
  const stat = statSync(input.ranksFile);
  const stats = statsKey({ what: [TABLE_FORMAT, input.version], file: input.ranksFile, stat });
  const recorded = recordedDigest({ recordFile: input.recordFile, stats });
  if (recorded !== undefined) return recorded;
  const digest = sha256Bytes(`o200k_base table format ${TABLE_FORMAT}\0gpt-tokenizer ${input.version}\0`, readFileSync(input.ranksFile));
  recordDigest({ recordFile: input.recordFile, stats, stat, takenAt, digest });
  return digest;
}

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BytePairEncodingCore } from 'gpt-tokenizer/BytePairEncodingCore';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Bytes } from '../../generator/shared/lazy-sha256.ts';
import { loadRankTable, tableFileName, type RankSource } from '../../generator/shared/o200k-cache.ts';
import { o200kCounter } from '../../generator/shared/o200k-count.ts';
import { buildTableFile, parseTable, rankOf, type RankEntry, type RankTable } from '../../generator/shared/o200k-table.ts';

/**
 * The binary table and its cache on small rank lists, where each rule of gpt-tokenizer's lookup
 * can be reached on purpose; gpt-tokenizer's own BytePairEncodingCore over the same list is the
 * oracle. o200k-count.test.ts holds the real table to gpt-tokenizer's countTokens.
 */

/** Every byte has a rank, as in o200k_base: ASCII as text, the rest as raw bytes (not valid UTF-8 alone). */
const BYTES: RankEntry[] = Array.from({ length: 256 }, (_, byte) => (byte < 0x80 ? String.fromCharCode(byte) : [byte]));

function tableOf(ranks: readonly RankEntry[]): RankTable {
  const sourceDigest = sha256Bytes(JSON.stringify(ranks));
  const table = parseTable({ file: buildTableFile({ ranks, sourceDigest }), sourceDigest });
  if (typeof table === 'string') throw new Error(table);
  return table;
}

/** What gpt-tokenizer's own BytePairEncodingCore and ours count for `text` over the same rank list. */
function bothCounts(input: { readonly ranks: readonly RankEntry[]; readonly text: string }): { oracle: number; ours: number } {
  const { ranks, text } = input;
  const core = new BytePairEncodingCore({ bytePairRankDecoder: ranks as (string | number[])[], specialTokensEncoder: new Map(), tokenSplitRegex: O200K_TOKEN_SPLIT_REGEX });
  return { oracle: core.countNative(text), ours: o200kCounter(tableOf(ranks))(text) };
}

describe('the o200k_base table on small rank lists, against gpt-tokenizer', () => {
  it('a whole piece in the table is one token, even where merging could not reach it', () => {
    const ranks = [...BYTES, 'abc'];
    expect(bothCounts({ ranks, text: 'abc' })).toStrictEqual({ oracle: 1, ours: 1 });
    expect(bothCounts({ ranks, text: 'abcd' })).toStrictEqual({ oracle: 4, ours: 4 });
  });

  it('merges lowest rank first, the leftmost on a tie', () => {
    // "aaab": (aa) ties at 0 and 1. Leftmost gives [aa][a][b] and nothing more; rightmost would give [a][aa][b] → [a][aab].
    expect(bothCounts({ ranks: [...BYTES, 'aa', 'aab'], text: 'aaab' })).toStrictEqual({ oracle: 3, ours: 3 });
    // Lower rank first: (bc) before (ab) in "abcd" leaves [a][bc][d]; (ab) first would leave [ab][c][d] → [ab][cd].
    expect(bothCounts({ ranks: [...BYTES, 'bc', 'ab', 'cd'], text: 'abcd' })).toStrictEqual({ oracle: 3, ours: 3 });
  });

  it('a lone surrogate is merged as U+FFFD bytes, never found whole', () => {
    const ranks = [...BYTES, '\ufffd'];
    expect(bothCounts({ ranks, text: '\ud800' })).toStrictEqual({ oracle: 3, ours: 3 });
    expect(bothCounts({ ranks, text: '\ufffd' })).toStrictEqual({ oracle: 1, ours: 1 });
  });

  it('a merged key that is valid UTF-8 and starts with a byte order mark has the rank of what follows it', () => {
    const ranks = [...BYTES, [0xef, 0xbb], [0xbf, 0x41]];
    expect(bothCounts({ ranks, text: '\ufeffA' })).toStrictEqual({ oracle: 1, ours: 1 });
    expect(bothCounts({ ranks, text: '\ufeff' })).toStrictEqual({ oracle: 2, ours: 2 });
  });

  it('raw bytes that are valid UTF-8 are never found, as in gpt-tokenizer; holes are unused ranks', () => {
    const ranks: RankEntry[] = [...BYTES, [0x61, 0x62], undefined, 'xy'];
    const table = tableOf(ranks);
    expect(rankOf({ table, key: { bytes: Buffer.from('ab'), start: 0, end: 2 } })).toBe(-1);
    expect(rankOf({ table, key: { bytes: Buffer.from('xy'), start: 0, end: 2 } })).toBe(258);
    expect(bothCounts({ ranks, text: 'ab' })).toStrictEqual({ oracle: 2, ours: 2 });
  });

  it('refuses a rank list it cannot key as gpt-tokenizer does', () => {
    const digest = sha256Bytes('x');
    expect(() => buildTableFile({ ranks: [...BYTES, 'ab', 'ab'], sourceDigest: digest })).toThrow('o200k_base table: rank 257 repeats the bytes of rank 256');
    expect(() => buildTableFile({ ranks: [...BYTES, 'a\ud800'], sourceDigest: digest })).toThrow('o200k_base table: rank 256 is text that is not well-formed UTF-16');
    expect(() => buildTableFile({ ranks: [...BYTES, [256]], sourceDigest: digest })).toThrow('o200k_base table: rank 256 is not a list of bytes');
    expect(() => buildTableFile({ ranks: BYTES.slice(0, 255), sourceDigest: digest })).toThrow('o200k_base table: byte 255 has no rank');
  });

  it('refuses a file that is not the table of this source: other data, another format, cut short, altered', () => {
    const ranks = [...BYTES, 'ab'];
    const sourceDigest = sha256Bytes('source');
    const file = buildTableFile({ ranks, sourceDigest });
    expect(typeof parseTable({ file, sourceDigest })).toBe('object');
    expect(parseTable({ file, sourceDigest: sha256Bytes('other') })).toBe('it was built from other rank data');
    expect(parseTable({ file: file.subarray(0, 50), sourceDigest })).toBe('it is 50 bytes, shorter than its header');
    expect(parseTable({ file: Buffer.concat([file, Buffer.alloc(4)]), sourceDigest })).toMatch(/^its sections do not add up/);
    const otherFormat = Buffer.from(file);
    otherFormat.writeUInt32LE(2, 4);
    expect(parseTable({ file: otherFormat, sourceDigest })).toBe('it is not an o200k_base table of format 1');
    const altered = Buffer.from(file);
    altered[altered.length - 1]! ^= 1;
    expect(parseTable({ file: altered, sourceDigest })).toBe('its contents do not match their digest');
  });
});

describe('the table cache', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function cacheDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'o200k-cache-'));
    dirs.push(dir);
    return dir;
  }
  /** A source that counts how often its rank list is asked for: once per build. */
  function source(ranks: readonly RankEntry[]): RankSource & { builds: number } {
    const counted = { digest: sha256Bytes(JSON.stringify(ranks)), builds: 0, ranks: () => (counted.builds++, ranks) };
    return counted;
  }
  const ranks = [...BYTES, 'ab', 'abc'];

  it('builds once, writes the file named by the source digest, and reads it back after that', () => {
    const dir = cacheDir();
    const from = source(ranks);
    const first = loadRankTable({ source: from, cacheDir: dir });
    expect(readdirSync(dir)).toStrictEqual([tableFileName(from.digest)]);
    const second = loadRankTable({ source: from, cacheDir: dir });
    expect(from.builds).toBe(1);
    expect(Buffer.from(second.bytes)).toStrictEqual(Buffer.from(first.bytes));
    expect(rankOf({ table: second, key: { bytes: Buffer.from('abc'), start: 0, end: 3 } })).toBe(257);
  });

  it('removes the table of other rank data once it writes its own', () => {
    const dir = cacheDir();
    const before = source([...BYTES, 'ab']);
    loadRankTable({ source: before, cacheDir: dir });
    const after = source(ranks);
    loadRankTable({ source: after, cacheDir: dir });
    expect(readdirSync(dir)).toStrictEqual([tableFileName(after.digest)]);
  });

  it('rebuilds over a stored file that is altered, cut short, or another source under this name', () => {
    const dir = cacheDir();
    const from = source(ranks);
    loadRankTable({ source: from, cacheDir: dir });
    const file = path.join(dir, tableFileName(from.digest));
    const good = readFileSync(file);
    const other = buildTableFile({ ranks: [...BYTES, 'ab', 'xyz'], sourceDigest: sha256Bytes('another source') });
    for (const bad of [Buffer.concat([good.subarray(0, good.length - 1), Buffer.from([good[good.length - 1]! ^ 1])]), good.subarray(0, 200), other]) {
      writeFileSync(file, bad);
      const builds = from.builds;
      const table = loadRankTable({ source: from, cacheDir: dir });
      expect(from.builds).toBe(builds + 1);
      expect(rankOf({ table, key: { bytes: Buffer.from('abc'), start: 0, end: 3 } })).toBe(257);
      expect(readFileSync(file)).toStrictEqual(good);
    }
  });

  it("hashes the stored contents once: a record of the file's stats stands for them after that, until the file changes", () => {
    const dir = cacheDir();
    const from = source(ranks);
    const later = () => Date.now() + 10_000;
    loadRankTable({ source: from, cacheDir: dir });
    const record = path.join(dir, 'o200k_base-table.json');
    // Written 3 s ago or less: its stats could survive another write, so nothing is recorded.
    loadRankTable({ source: from, cacheDir: dir });
    expect(existsSync(record)).toBe(false);
    loadRankTable({ source: from, cacheDir: dir, now: later });
    const recorded = JSON.parse(readFileSync(record, 'utf8')) as { stats: string; digest: string };
    const file = path.join(dir, tableFileName(from.digest));
    const good = readFileSync(file);
    expect(recorded.digest).toBe(sha256Bytes(good.subarray(4 * 24)).toString('hex'));
    // Altered contents stat otherwise (ctime): hashed again, refused, rebuilt.
    const altered = Buffer.concat([good.subarray(0, good.length - 1), Buffer.from([good[good.length - 1]! ^ 1])]);
    writeFileSync(file, altered);
    loadRankTable({ source: from, cacheDir: dir, now: later });
    expect(from.builds).toBe(2);
    // A record naming the altered file's very stats is believed: proof the contents are not hashed again.
    writeFileSync(file, altered);
    const stat = statSync(file);
    writeFileSync(record, JSON.stringify({ stats: JSON.stringify(['o200k_base table', file, stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino]), digest: recorded.digest }));
    loadRankTable({ source: from, cacheDir: dir, now: later });
    expect(from.builds).toBe(2);
  });

  it('without a cache folder, or with one it cannot write, builds in memory every time and still counts', () => {
    const from = source(ranks);
    loadRankTable({ source: from, cacheDir: undefined });
    const blocker = path.join(cacheDir(), 'a-file');
    writeFileSync(blocker, '');
    const table = loadRankTable({ source: from, cacheDir: path.join(blocker, 'tokenizer') });
    expect(from.builds).toBe(2);
    expect(rankOf({ table, key: { bytes: Buffer.from('ab'), start: 0, end: 2 } })).toBe(256);
  });
});

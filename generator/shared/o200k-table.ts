import { sha256Bytes } from './lazy-sha256.ts';

/**
 * o200k_base's ranks in a form that loads with one read and no parsing: every rank's bytes end to
 * end, where each rank starts, and an open-addressing hash from bytes to rank. Built once from
 * gpt-tokenizer's own rank list (o200k-cache.ts); gpt-tokenizer builds a 200,000-entry Map from an
 * array literal instead, ~60–110 ms of CPU and ~60 MB on every start.
 *
 * File layout (little-endian 32-bit words): a header of HEADER_WORDS words, then `offsets`
 * (ranks + 1 words), `slots` (a power of two), then the bytes. The header names the source it was
 * built from and a SHA-256 of everything after it, so a file for other data, cut short or altered
 * is never used (parseTable refuses it).
 */
export type RankTable = {
  /** Rank r's bytes are bytes[offsets[r]..offsets[r + 1]] (empty for a rank gpt-tokenizer leaves unused or cannot reach). */
  readonly offsets: Uint32Array;
  /** rank + 1 at the slot its bytes hash to (or the next free one after it); 0 is an empty slot. */
  readonly slots: Uint32Array;
  readonly bytes: Uint8Array;
};

/** One entry of gpt-tokenizer's rank list: text (its UTF-8 bytes), raw bytes, or a hole. */
export type RankEntry = string | readonly number[] | undefined;

const MAGIC = 0x6b30326f; // "o20k" read little-endian
export const TABLE_FORMAT = 1;
const HEADER_WORDS = 24;
const SOURCE_WORD = 8;
const PAYLOAD_WORD = 16;
const DIGEST_BYTES = 32;

/** bytes[start..end]: a key looked up without copying it out of the piece it is part of. */
export type ByteSpan = { readonly bytes: Uint8Array; readonly start: number; readonly end: number };

/** FNV-1a over a span: short keys (a token averages ~6 bytes), so the simplest good hash. */
function fnv1a(input: ByteSpan): number {
  let hash = 0x811c9dc5;
  for (let i = input.start; i < input.end; i++) hash = Math.imul(hash ^ input.bytes[i]!, 0x01000193);
  return hash >>> 0;
}

/** The rank whose bytes are exactly the key's, or -1. */
export function rankOf(input: { readonly table: RankTable; readonly key: ByteSpan }): number {
  const { table, key } = input;
  const mask = table.slots.length - 1;
  const length = key.end - key.start;
  for (let slot = fnv1a(key) & mask; ; slot = (slot + 1) & mask) {
    const entry = table.slots[slot]!;
    if (entry === 0) return -1;
    const from = table.offsets[entry - 1]!;
    if (table.offsets[entry]! - from !== length) continue;
    let same = true;
    for (let i = 0; i < length && same; i++) same = table.bytes[from + i] === key.bytes[key.start + i];
    if (same) return entry - 1;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * An entry's bytes as gpt-tokenizer's lookup reaches them, or undefined where it never does. It
 * looks a byte sequence up among the text entries when the sequence is valid UTF-8 and among the
 * raw ones otherwise; so raw bytes that are valid UTF-8 (o200k_base has 9, each starting with a byte
 * order mark) are never found, and a text entry that is not well-formed would break that split.
 */
function entryBytes(input: { readonly entry: string | readonly number[]; readonly rank: number }): Uint8Array | undefined {
  const { entry, rank } = input;
  if (typeof entry === 'string') {
    const bytes = Buffer.from(entry, 'utf8');
    if (bytes.toString('utf8') !== entry) throw new Error(`o200k_base table: rank ${rank} is text that is not well-formed UTF-16, which this table cannot key as gpt-tokenizer does`);
    return bytes;
  }
  if (!entry.every((byte) => Number.isInteger(byte) && byte >= 0 && byte <= 255)) throw new Error(`o200k_base table: rank ${rank} is not a list of bytes`);
  const bytes = Uint8Array.from(entry);
  try {
    strictUtf8.decode(bytes);
    return undefined;
  } catch {
    return bytes;
  }
}

function slotCount(ranks: number): number {
  let slots = 1;
  while (slots < ranks * 2) slots *= 2;
  return slots;
}

/** The table file's bytes for gpt-tokenizer's rank list; `sourceDigest` (32 bytes) names that list. */
export function buildTableFile(input: { readonly ranks: readonly RankEntry[]; readonly sourceDigest: Uint8Array }): Buffer {
  const count = input.ranks.length;
  const encoded: (Uint8Array | undefined)[] = [];
  for (let rank = 0; rank < count; rank++) {
    const entry = input.ranks[rank];
    encoded.push(entry === undefined ? undefined : entryBytes({ entry, rank }));
  }
  const byteLength = encoded.reduce((sum, bytes) => sum + (bytes?.length ?? 0), 0);
  const slots = slotCount(count);
  const file = Buffer.alloc(4 * (HEADER_WORDS + count + 1 + slots) + byteLength);
  const words = new Uint32Array(file.buffer, file.byteOffset, HEADER_WORDS + count + 1 + slots);
  const table: RankTable = { offsets: words.subarray(HEADER_WORDS, HEADER_WORDS + count + 1), slots: words.subarray(HEADER_WORDS + count + 1), bytes: file.subarray(4 * words.length) };
  let at = 0;
  encoded.forEach((bytes, rank) => {
    table.offsets[rank] = at;
    if (bytes !== undefined) table.bytes.set(bytes, at);
    at += bytes?.length ?? 0;
  });
  table.offsets[count] = at;
  encoded.forEach((bytes, rank) => {
    if (bytes === undefined) return;
    const key = { bytes, start: 0, end: bytes.length };
    const earlier = rankOf({ table, key });
    if (earlier !== -1) throw new Error(`o200k_base table: rank ${rank} repeats the bytes of rank ${earlier}`);
    let slot = fnv1a(key) & (slots - 1);
    while (table.slots[slot] !== 0) slot = (slot + 1) & (slots - 1);
    table.slots[slot] = rank + 1;
  });
  // The merge ends in single bytes at worst; gpt-tokenizer throws where one has no rank, so every one must.
  for (let byte = 0; byte < 256; byte++) if (rankOf({ table, key: { bytes: Uint8Array.of(byte), start: 0, end: 1 } }) === -1) throw new Error(`o200k_base table: byte ${byte} has no rank`);
  words.set([MAGIC, TABLE_FORMAT, count, slots, byteLength]);
  file.set(input.sourceDigest, 4 * SOURCE_WORD);
  file.set(sha256Bytes(file.subarray(4 * HEADER_WORDS)), 4 * PAYLOAD_WORD);
  return file;
}

/** The digest of a table's contents that its header holds (parseTable checks the contents against it). */
export function tableContentsDigest(file: Buffer): Buffer {
  return file.subarray(4 * PAYLOAD_WORD, 4 * PAYLOAD_WORD + DIGEST_BYTES);
}

/**
 * Why `file` is not the table built from the source `sourceDigest` names, or the table it is.
 * `contentsDigest`: a digest taken earlier of these very contents (o200k-cache.ts keeps one by file
 * stats); equal to the header's, it stands for hashing the 4 MB again (~2.5 ms of every generation).
 */
export function parseTable(input: { readonly file: Buffer; readonly sourceDigest: Uint8Array; readonly contentsDigest?: Uint8Array | undefined }): RankTable | string {
  // Typed views need 4-byte alignment; a large read has its own buffer, a small or pooled one may not.
  const file = input.file.byteOffset % 4 === 0 ? input.file : Buffer.from(input.file);
  if (file.length < 4 * HEADER_WORDS) return `it is ${file.length} bytes, shorter than its header`;
  const header = new Uint32Array(file.buffer, file.byteOffset, HEADER_WORDS);
  const [magic, format, count, slots, byteLength] = header as unknown as [number, number, number, number, number];
  if (magic !== MAGIC || format !== TABLE_FORMAT) return `it is not an o200k_base table of format ${TABLE_FORMAT}`;
  if (!file.subarray(4 * SOURCE_WORD, 4 * SOURCE_WORD + DIGEST_BYTES).equals(input.sourceDigest)) return 'it was built from other rank data';
  const expected = 4 * (HEADER_WORDS + count + 1 + slots) + byteLength;
  if (file.length !== expected || slots === 0 || (slots & (slots - 1)) !== 0) return `its sections do not add up (${file.length} bytes, ${expected} expected)`;
  const digest = tableContentsDigest(file);
  const known = input.contentsDigest !== undefined && digest.equals(input.contentsDigest);
  if (!known && !digest.equals(sha256Bytes(file.subarray(4 * HEADER_WORDS)))) return 'its contents do not match their digest';
  const words = new Uint32Array(file.buffer, file.byteOffset, HEADER_WORDS + count + 1 + slots);
  return { offsets: words.subarray(HEADER_WORDS, HEADER_WORDS + count + 1), slots: words.subarray(HEADER_WORDS + count + 1), bytes: file.subarray(4 * words.length) };
}

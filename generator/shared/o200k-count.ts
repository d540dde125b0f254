import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { createO200KSpecialTokenMap } from 'gpt-tokenizer/encodingParams/o200k_base';
import { getSpecialTokenRegex } from 'gpt-tokenizer/util';
import { installedRankSource, loadRankTable } from './o200k-cache.ts';
import { rankOf, type ByteSpan, type RankTable } from './o200k-table.ts';

/**
 * gpt-tokenizer's `countTokens` for o200k_base (its default options), computed from the binary
 * table (o200k-table.ts) instead of its 200,000-entry Map: the same pre-tokenizer regex and special
 * tokens, imported from gpt-tokenizer modules that carry no ranks, and the same byte-pair merge
 * (lowest rank first, leftmost on ties) per piece. test/generator/o200k-count.test.ts holds it to
 * gpt-tokenizer's own count.
 *
 * Tool schemas repeat the same pieces endlessly ("type", `":"`, "string"), so each piece's count
 * is remembered: a Map lookup instead of UTF-8 encoding, hashing and merging again.
 */
const SPECIAL_TOKENS = getSpecialTokenRegex(new Set(createO200KSpecialTokenMap().keys()));
/** Graph's 11,320 tool texts are 6.2 M pieces but 10,756 distinct ones; the bound only stops text made of endless distinct words growing the memo without limit. */
const MEMO_LIMIT = 1 << 17;

let scratch = new Uint8Array(256);

/**
 * UTF-8 of `text` into `scratch`, a lone surrogate as U+FFFD as TextEncoder writes it. Returns the
 * length, negated when a lone surrogate was replaced: gpt-tokenizer looks a whole piece up by its
 * text first, which no table entry matches then, and merges the replaced bytes instead.
 */
function encodeUtf8(text: string): number {
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  const out = scratch;
  let at = 0;
  let wellFormed = true;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      out[at++] = code;
      continue;
    }
    if (code < 0x800) {
      out[at++] = 0xc0 | (code >> 6);
      out[at++] = 0x80 | (code & 0x3f);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[at++] = 0xf0 | (code >> 18);
        out[at++] = 0x80 | ((code >> 12) & 0x3f);
        out[at++] = 0x80 | ((code >> 6) & 0x3f);
        out[at++] = 0x80 | (code & 0x3f);
        continue;
      }
      code = 0xfffd;
      wellFormed = false;
    }
    out[at++] = 0xe0 | (code >> 12);
    out[at++] = 0x80 | ((code >> 6) & 0x3f);
    out[at++] = 0x80 | (code & 0x3f);
  }
  return wellFormed ? at : -at;
}

const NO_RANK = 0xffffffff;

/**
 * How many tokens the byte-pair merge leaves of scratch[0..length], as gpt-tokenizer's
 * `bytePairMerge` does it: parts start as single bytes; the adjacent pair whose joined bytes have
 * the lowest rank (the leftmost on a tie) is joined, until no adjacent pair has a rank.
 */
function mergedLength(input: { readonly table: RankTable; readonly length: number }): number {
  const bytes = scratch;
  const starts = new Uint32Array(input.length + 1);
  const ranks = new Uint32Array(input.length + 1);
  let parts = input.length;
  const pairRank = (index: number): number => (index + 2 > parts ? NO_RANK : rankOrNone({ table: input.table, key: { bytes, start: starts[index]!, end: starts[index + 2]! } }));
  for (let i = 0; i <= parts; i++) starts[i] = i;
  for (let i = 0; i <= parts; i++) ranks[i] = pairRank(i);
  while (parts > 1) {
    let lowest = NO_RANK;
    let at = -1;
    for (let i = 0; i < parts; i++) {
      if (ranks[i]! < lowest) {
        lowest = ranks[i]!;
        at = i;
      }
    }
    if (at === -1) break;
    starts.copyWithin(at + 1, at + 2, parts + 1);
    ranks.copyWithin(at, at + 1, parts + 1);
    parts--;
    ranks[at] = pairRank(at);
    if (at > 0) ranks[at - 1] = pairRank(at - 1);
  }
  return parts;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The rank the merge sees for key's bytes. gpt-tokenizer turns valid UTF-8 into text with a
 * TextDecoder that drops a leading byte order mark, then looks that text up: so a valid key that
 * starts with EF BB BF has the rank of what follows it (none when nothing does).
 */
function rankOrNone(input: { readonly table: RankTable; readonly key: ByteSpan }): number {
  const { bytes, start, end } = input.key;
  const bom = end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf && isUtf8(bytes.subarray(start, end));
  if (bom && end - start === 3) return NO_RANK;
  const rank = rankOf({ table: input.table, key: bom ? { bytes, start: start + 3, end } : input.key });
  return rank === -1 ? NO_RANK : rank;
}

/** The tokens of one pre-tokenized piece: 1 when the table has the whole piece, else what the merge leaves. */
function pieceTokens(input: { readonly table: RankTable; readonly piece: string }): number {
  const encoded = encodeUtf8(input.piece);
  const length = Math.abs(encoded);
  const whole = encoded > 0 && rankOf({ table: input.table, key: { bytes: scratch, start: 0, end: length } }) !== -1;
  return whole ? 1 : mergedLength({ table: input.table, length });
}

/** A counter over `table`, with its own memo of piece counts (exported for tests on small tables). */
export function o200kCounter(table: RankTable): (text: string) => number {
  const memo = new Map<string, number>();
  return (text) => {
    const special = SPECIAL_TOKENS.exec(text);
    if (special !== null) throw new Error(`Disallowed special token found: ${special[0]}`);
    // A copy per call: the shared regex's lastIndex would otherwise carry from one text into the next.
    const split = new RegExp(O200K_TOKEN_SPLIT_REGEX);
    let tokens = 0;
    for (let match = split.exec(text); match !== null; match = split.exec(text)) {
      const piece = match[0];
      if (piece.length === 0) throw new Error('o200k_base: the pre-tokenizer matched an empty piece');
      let count = memo.get(piece);
      if (count === undefined) {
        count = pieceTokens({ table, piece });
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(piece, count);
      }
      tokens += count;
    }
    return tokens;
  };
}

let installed: ((text: string) => number) | undefined;

/** o200k_base tokens of `text`; a special token in it is refused, as gpt-tokenizer's `countTokens` refuses it. */
export function countO200kTokens(text: string): number {
  if (installed === undefined) {
    const source = installedRankSource();
    installed = o200kCounter(loadRankTable({ source, cacheDir: source.cacheDir }));
  }
  return installed(text);
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { readSpecFile } from '../../generator/load/read-inputs.ts';
import { countO200kTokens } from '../../generator/shared/o200k-count.ts';
import { seededRandom } from '../../scripts/corpus/seeded-sample.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { specTexts, tokenCountMismatches, toolsJsonTexts } from '../../scripts/shared/token-oracle.ts';

/**
 * The generator's o200k_base count (generator/shared/o200k-count.ts) is gpt-tokenizer's
 * `countTokens`, exactly: gpt-tokenizer stays the oracle here, on every text the generator counts
 * for the generated packages, on a large public spec, on seeded random Unicode and on the
 * pre-tokenizer's and the merge's boundaries.
 */

/** Pieces random strings are made of: each stresses one alternative of the o200k pre-tokenizer or the merge. */
const POOLS: readonly (readonly string[])[] = [
  ['the', 'The', 'THE', 'tHe', 'widget', 'Widget', 'HTTPServer', 'getWidgetById', 'snake_case_name', 'kebab-case'],
  ["'s", "'S", "'t", "'re", "'RE", "'ve", "'m", "'ll", "'LL", "'d", "'x", '’s', "don't", "WE'LL", "'"],
  ['0', '7', '12', '123', '1234', '1234567', '٣٤٥', '²', '½', 'Ⅻ', '3.14', '1e10'],
  [' ', '  ', '   ', '\t', '\n', '\r\n', '\n\n', ' \n ', '\u00a0', '\u3000', '\u2028', '\r', '\f', '\v'],
  ['{"', '":"', '","', '"}', '[', ']', '\\n', '\\"', '/', '//', '://', '<', '>', '&&', '...', '—', '«', '»', '¿', '#'],
  ['日本語', '中文字符', '한국어', 'テキスト', 'Ελληνικά', 'русский', 'עברית', 'العربية', 'हिन्दी', 'ไทย'],
  ['😀', '👍🏽', '👨‍👩‍👧‍👦', '🇫🇷', '❤️', '🧑🏿‍🚀', '\u{1F9D1}', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '𠜎'],
  ['e\u0301', 'a\u0308\u0304', '\u0301', 'n\u0303o', 'ǅ', 'ǈ', 'ß', 'ﬁ', 'İ', 'ı', '\u200d', '\u200b', '\ufeff', '\ufeffusing'],
  ['\ud800', '\udc00', 'x\ud83d', '\ude00y', '\u0000', '\u001f', '\u007f', '\u0085', '\ufffd', '\uffff'],
  ['<|endof', 'text|>', '<|', '|>', 'im_start', '<|fim'],
];

function randomString(random: () => number): string {
  const parts = Math.floor(random() * 12);
  let text = '';
  for (let i = 0; i < parts; i++) {
    const pool = POOLS[Math.floor(random() * POOLS.length)]!;
    text += pool[Math.floor(random() * pool.length)]!;
  }
  return text;
}

function randomCodePoints(random: () => number): string {
  const points: number[] = [];
  const length = Math.floor(random() * 20);
  for (let i = 0; i < length; i++) {
    const range = random();
    points.push(range < 0.4 ? 0x20 + Math.floor(random() * 0x5f) : range < 0.7 ? 0x80 + Math.floor(random() * 0x2f80) : range < 0.9 ? 0x3000 + Math.floor(random() * 0x7000) : 0x10000 + Math.floor(random() * 0x20000));
  }
  return String.fromCodePoint(...points);
}

describe('the o200k_base count is gpt-tokenizer countTokens, exactly', () => {
  it.each(['edesk', 'malomo', 'roserocket'])('%s: every tool text counts as gpt-tokenizer counts it, and as tools.json records', (vendor) => {
    const file = path.join(REPO_ROOT, 'generated', vendor, 'tools.json');
    const texts = toolsJsonTexts(file);
    expect(texts.length).toBeGreaterThan(0);
    expect(tokenCountMismatches(texts)).toStrictEqual([]);
    const recorded = (JSON.parse(readFileSync(file, 'utf8')) as { modelTokens: { total: number } }).modelTokens.total;
    expect(texts.reduce((sum, text) => sum + countTokens(text), 0)).toBe(recorded);
  });

  it('a large public spec (GitHub REST): every operation, component and string', () => {
    const spec = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
    const texts = specTexts(JSON.parse(readFileSync(spec, 'utf8')));
    expect(texts.length).toBeGreaterThan(10_000);
    expect(tokenCountMismatches(texts)).toStrictEqual([]);
  });

  it('the vendor documents the three packages are generated from', () => {
    for (const vendor of ['edesk', 'malomo', 'roserocket']) {
      const loaded = readSpecFile(path.join(REPO_ROOT, 'vendor-docs', vendor, 'openapi.yaml'));
      if ('diagnostics' in loaded) throw new Error(`vendor-docs/${vendor}/openapi.yaml did not load`);
      const texts = specTexts(loaded.document.data);
      expect(texts.length).toBeGreaterThan(100);
      expect(tokenCountMismatches(texts)).toStrictEqual([]);
    }
  });

  it('seeded random strings: words, contractions, digits, whitespace, scripts, emoji, combining marks, lone surrogates', () => {
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      const texts = Array.from({ length: 1500 }, (_, i) => (i % 3 === 2 ? randomCodePoints(random) : randomString(random)));
      expect(tokenCountMismatches(texts), `seed ${seed}`).toStrictEqual([]);
    }
  });

  it('boundaries: empty, every single character below U+0100, runs of 1–8 digits, letters and spaces, very long words', () => {
    const texts = [
      '',
      ...Array.from({ length: 256 }, (_, code) => String.fromCharCode(code)),
      ...[1, 2, 3, 4, 5, 6, 7, 8].flatMap((n) => ['7'.repeat(n), 'a'.repeat(n), ' '.repeat(n), `${' '.repeat(n)}x`, `x${' '.repeat(n)}`, '\n'.repeat(n), `a${'\u0301'.repeat(n)}`]),
      'x'.repeat(5000),
      'ab'.repeat(2500),
      'Zm9vYmFy'.repeat(600),
      '日本'.repeat(1000),
      '😀'.repeat(500),
      '\ufeff'.repeat(5),
      'a\ufeffb',
    ];
    expect(tokenCountMismatches(texts)).toStrictEqual([]);
  });

  it('known counts, so an oracle that drifted with ours would show', () => {
    expect(countO200kTokens('')).toBe(0);
    expect(countO200kTokens('hello world')).toBe(2);
    expect(countO200kTokens('{"name":"get_widget","title":"Get widget"}')).toBe(11);
    expect(countO200kTokens('1234567')).toBe(3);
    // A leading byte order mark in a merged pair is dropped by gpt-tokenizer's decoder before its lookup.
    expect(countO200kTokens('\ufeffA')).toBe(3);
  });

  it('refuses a special token in the text, with gpt-tokenizer message', () => {
    for (const text of ['<|endoftext|>', 'before <|im_start|> after', '<|endofprompt|>']) {
      expect(() => countTokens(text)).toThrow(/^Disallowed special token found: /);
      expect(() => countO200kTokens(text)).toThrow(new RegExp(`^Disallowed special token found: ${text.match(/<\|[a-z_]+\|>/)![0].replaceAll('|', '\\|')}$`));
    }
    expect(tokenCountMismatches(['<|endoftext|>', '<|endoftext|', 'x<|im_sep|>'])).toStrictEqual([]);
  });
});

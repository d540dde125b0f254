/**
 * ts-morph's comma check without TypeScript's scanner, for the texts where the answer needs none.
 *
 * When ts-morph prints a comma-separated list (named imports, variable declarations) it asks, for
 * each printed item, where a comma would go: the end of the item's last token, or nowhere when the
 * item is empty or already ends in a comma (`getAppendCommaPos` in ts-morph.js, which runs
 * TypeScript's scanner over the item). The generator bundle answers here instead (see
 * scripts/generator-typescript-facade.cjs) when the text is "plain": ASCII identifiers, numbers,
 * whitespace, punctuation that starts no comment, regular expression, template or block, and
 * complete one-line quoted strings. In such a text every character that is not whitespace belongs to
 * a token, so the last token ends after the last non-whitespace character. Any other text is
 * answered by the scanner, as before (test/generator/generator-typescript-facade.test.ts checks
 * both agree on generated texts).
 */
'use strict';

// Outside strings: word characters, `$`, whitespace and punctuation other than / { } # @ \ ` ' ".
// Strings: printable ASCII with no backslash and no quote of their own kind.
const PLAIN = /^(?:[\w$ \t\r\n:;,.?!=<>()[\]|&*+\-~^%]|'[ -&(-[\]-~]*'|"[ !#-[\]-~]*")*$/;
// Seven of < = > | in a row can be a merge-conflict marker, which the scanner skips as trivia.
const CONFLICT_MARKER = /([<=>|])\1{6}/;
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

/** Where ts-morph appends a comma to `text` (-1: nowhere), or undefined when only the scanner can tell. */
function plainAppendCommaPos(text) {
  if (typeof text !== 'string' || !PLAIN.test(text) || CONFLICT_MARKER.test(text)) return undefined;
  let end = text.length;
  while (end > 0 && WHITESPACE.has(text[end - 1])) end -= 1;
  return end === 0 || text[end - 1] === ',' ? -1 : end;
}

module.exports = { plainAppendCommaPos };

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINE_WIDTH } from '../../generator/emit/ts/code-layout.ts';
import { readTree } from '../../generator/write/package-tree.ts';
import { withMarker } from '../../generator/write/ownership.ts';
import { diffTree } from '../../generator/write/tree-diff.ts';
import { REPO_ROOT, VENDORS } from '../../scripts/shared/repo-root.ts';
import { generateVendorFromCuration } from '../support/generate-in-memory.ts';

// Malomo's words for models live in its curation overlay; the contract stays as committed.
const DOC = readFileSync(path.join(REPO_ROOT, 'vendor-docs', 'malomo', 'curation.overlay.yaml'), 'utf8');
const COMMITTED = readTree(path.join(REPO_ROOT, 'generated', 'malomo'));

/** Generates Malomo from edited doc text against the committed package; what would change on disk. */
function regenerate(text: string) {
  const result = generateVendorFromCuration({ vendor: 'malomo', text });
  if (result.files === undefined || result.release === undefined) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  const drift = diffTree({ current: COMMITTED, files: withMarker(result.files) });
  return { result, files: new Map(result.files.map((f) => [f.path, f.contents])), changed: drift.map((d) => `${d.change} ${d.file}`) };
}

/** Lines of `after` that are not in `before`, compared line by line (the edit never shifts lines here). */
function changedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  return after.split('\n').filter((line, index) => old[index] !== line);
}

const FIRST_SENTENCE = 'Page through all orders in the Malomo account';

describe('a diff shows the change, once (Malomo, against the committed package)', () => {
  it('the committed package is what the doc generates (the baseline of the cases below)', () => {
    expect(regenerate(DOC).changed).toStrictEqual([]);
  });

  it('a one-word description edit touches 8 files: its tool, what lists it, and the release records', () => {
    expect(DOC).toContain(FIRST_SENTENCE);
    const { result, files, changed } = regenerate(DOC.replace(FIRST_SENTENCE, FIRST_SENTENCE.replace('all', 'every')));
    expect(result.release?.changes.map((c) => c.rule)).toStrictEqual(['tool-description-changed']);
    expect(changed).toStrictEqual([
      'changed CHANGELOG.md',
      'changed README.md',
      'changed manifest.json',
      'changed package.json',
      'changed server.json',
      'changed src/tools/list_all_malomo_orders.ts',
      'changed src/vendor.ts',
      'changed tools.json',
    ]);
    // The word shows once in the tool module, as the one description line clients receive.
    expect(changedLines(COMMITTED.get('src/tools/list_all_malomo_orders.ts')!, files.get('src/tools/list_all_malomo_orders.ts')!)).toStrictEqual([
      expect.stringMatching(/^ {2}description: "Page through every orders/),
    ]);
  });

  it('headers do not move under a doc edit: every file keeps its first lines', () => {
    const { files } = regenerate(DOC.replace(FIRST_SENTENCE, FIRST_SENTENCE.replace('all', 'every')));
    const head = (text: string) => text.split('\n').slice(0, 3).join('\n');
    const moved = [...files].filter(([file, text]) => !['package.json', 'server.json', 'manifest.json', 'CHANGELOG.md'].includes(file) && head(text) !== head(COMMITTED.get(file) ?? ''));
    expect(moved.map(([file]) => file)).toStrictEqual([]);
    for (const [file, text] of files) if (file !== 'CHANGELOG.md') expect(text).not.toMatch(/sha256:[0-9a-f]{12}\)/);
  });

  it('a comment, blank lines or reordered keys in the doc regenerate nothing and release nothing', () => {
    const edits = [
      `${DOC}# reviewed by the lead\n`,
      DOC.replace('          description: >-\n            Page through', '          # why: the model reads this\n          description: >- # folded\n            Page through'),
      DOC.replace('\nactions:', '\n\n\nactions:'),
      DOC.replace('          title: List orders\n          method: list\n', '          method: list\n          title: List orders\n'),
    ];
    for (const text of edits) {
      expect(text).not.toBe(DOC);
      const { result, changed } = regenerate(text);
      expect(changed).toStrictEqual([]);
      expect(result.release?.level).toBeUndefined();
    }
  });
});

/** A line over the width only because of string literals (document text, the provenance line) is allowed. */
function overWidth(text: string): string[] {
  return text.split('\n').filter((line) => line.length > LINE_WIDTH && line.replace(/"(?:[^"\\]|\\.)*"/g, '""').length > LINE_WIDTH);
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** Lines that break the one style: a tab, an odd indent, or more than one level (two spaces) deeper than the line before. */
function indentFaults(text: string): string[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.filter((line, index) => /^\t/.test(line) || indentOf(line) % 2 === 1 || (index > 0 && indentOf(line) - indentOf(lines[index - 1]!) > 2)).map((line) => line.slice(0, 60));
}

describe.each(VENDORS)('generated/%s: one layout', (vendor) => {
  const tree = readTree(path.join(REPO_ROOT, 'generated', vendor));
  const emitted = [...tree].filter(([file]) => /\.(ts|json)$/.test(file) && !file.startsWith('src/runtime/'));

  it(`no emitted line is over ${LINE_WIDTH} characters, string literals aside`, () => {
    expect(emitted.length).toBeGreaterThan(10);
    expect(emitted.flatMap(([file, text]) => overWidth(text).map((line) => `${file}: ${line.slice(0, 80)}…`))).toStrictEqual([]);
  });

  it('every emitted file indents two spaces a level: no tabs, no odd indent, no step deeper than one level', () => {
    expect(emitted.flatMap(([file, text]) => indentFaults(text).map((line) => `${file}: ${line}`))).toStrictEqual([]);
  });
});

describe('the layout rules', () => {
  it('flag a tab, an odd indent and a hanging indent of two levels', () => {
    expect(indentFaults('{\n  a: 1,\n}')).toStrictEqual([]);
    expect(indentFaults('{\n\ta: 1,\n}')).toHaveLength(1);
    expect(indentFaults('{\n   a: 1,\n}')).toHaveLength(1);
    expect(indentFaults('{\n    a: 1,\n}')).toStrictEqual(['    a: 1,']);
  });

  it('flag code over the width and let a long string literal through', () => {
    expect(overWidth(`  input: ${'z.string(), '.repeat(12)}`)).toHaveLength(1);
    expect(overWidth(`  description: ${JSON.stringify('word '.repeat(40))},`)).toStrictEqual([]);
    expect(overWidth('x'.repeat(LINE_WIDTH))).toStrictEqual([]);
    expect(overWidth('x'.repeat(LINE_WIDTH + 1))).toHaveLength(1);
  });
});

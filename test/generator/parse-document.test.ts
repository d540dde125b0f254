import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../generator/diagnostics/format.ts';
import { MAX_NESTING, pointerPastDepth } from '../../generator/load/nesting-depth.ts';
import { parseDocumentText } from '../../generator/load/parse-document.ts';
import { canonicalSha256 } from '../../generator/shared/canonical-sha256.ts';

/** The first line of each diagnostic a text parses to, or 'parsed'. */
function outcome(input: { readonly file: string; readonly text: string }): string[] | 'parsed' {
  const parsed = parseDocumentText(input);
  return 'document' in parsed ? 'parsed' : parsed.diagnostics.map((d) => formatDiagnostic(d).split('\n')[0]!);
}

/** JSON objects `levels` deep, each holding the next under "a". */
const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('a document nested past the bound', () => {
  it('is read up to the bound, its hash the canonical one', () => {
    const parsed = parseDocumentText({ file: 'deep.json', text: nested(MAX_NESTING) });
    if (!('document' in parsed)) throw new Error(parsed.diagnostics[0]!.message);
    expect(parsed.document.sha256).toBe(canonicalSha256(JSON.parse(nested(MAX_NESTING))));
  });

  it.each([MAX_NESTING + 1, 2_500, 20_000])('%i levels: one designed error naming the bound, the pointer and its position, not a stack overflow', (levels) => {
    const pointer = '/a'.repeat(MAX_NESTING);
    expect(outcome({ file: 'deep.json', text: nested(levels) })).toStrictEqual([
      `deep.json:1:${5 * (MAX_NESTING - 1) + 2} error VMCP_NESTING_TOO_DEEP at #${pointer}: The document nests deeper than ${MAX_NESTING} levels here; the generator reads no deeper`,
    ]);
  });

  it('in YAML the parser\'s own stack overflow is said as such, at its position', () => {
    const lines = outcome({ file: 'deep.yaml', text: `openapi: 3.1.0\npaths: ${nested(5_000)}\n` });
    expect(lines).toStrictEqual([expect.stringMatching(/^deep\.yaml:2:\d+ error VMCP_NESTING_TOO_DEEP: The YAML parser ran out of stack here: the document nests too deeply to be read$/)]);
  });

  it('a YAML alias to its own ancestor is a cycle, not depth, and is still read', () => {
    expect(outcome({ file: 'cycle.yaml', text: 'openapi: 3.1.0\nschema: &a {type: object, properties: {self: *a}}\n' })).toBe('parsed');
  });

  it('a subtree shared at many places is walked a bounded number of times, and found deep where it is deep', () => {
    const shared = JSON.parse(nested(10)) as object;
    const wide = Array.from({ length: 10_000 }, () => shared);
    expect(pointerPastDepth({ data: { wide }, limit: 20 })).toBeUndefined();
    expect(pointerPastDepth({ data: { shallow: shared, deep: JSON.parse(nested(15)) }, limit: 20 })).toBeUndefined();
    const deep = { top: shared, down: [[[[[[[[[[[shared]]]]]]]]]]] };
    expect(pointerPastDepth({ data: deep, limit: 20 })).toBe(`/down${'/0'.repeat(11)}${'/a'.repeat(8)}`);
  });
});

describe('a file with nothing, or cut short', () => {
  it.each([
    { file: 'empty.json', text: '' },
    { file: 'empty.yaml', text: '' },
    { file: 'blank.yaml', text: '\n  \n' },
    { file: 'bom.json', text: '\uFEFF' },
  ])('$file says it is empty, at 1:1', ({ file, text }) => {
    expect(outcome({ file, text })).toStrictEqual([`${file}:1:1 error VMCP_SYNTAX: The file is empty: there is no document to read`]);
  });

  it('truncated JSON points at its end, where the parser stopped', () => {
    expect(outcome({ file: 'cut.json', text: '{\n  "openapi": "3.1.0",\n  "paths": ' })).toStrictEqual(['cut.json:3:12 error VMCP_SYNTAX: Invalid JSON: Unexpected end of JSON input']);
  });
});

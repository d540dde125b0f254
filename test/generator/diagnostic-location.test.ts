import { describe, expect, it } from 'vitest';
import { locatedAt, type Locate } from '../../generator/diagnostics/diagnostic.ts';
import { formatDiagnostic } from '../../generator/diagnostics/format.ts';
import { buildApi } from '../../generator/ir/from-openapi/api-document.ts';
import { parseDocumentText } from '../../generator/load/parse-document.ts';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';

/** A locator that records every pointer it is asked for. */
function counted(locate: Locate): { readonly locate: Locate; readonly asked: string[] } {
  const asked: string[] = [];
  return { asked, locate: (pointer) => (asked.push(pointer), locate(pointer)) };
}

function locatorOf(input: { readonly file: string; readonly text: string }): Locate {
  const parsed = parseDocumentText(input);
  if (!('document' in parsed)) throw new Error(parsed.diagnostics.map(formatDiagnostic).join('\n'));
  return parsed.document.locate;
}

// The same nodes in both spellings; neither text ends with a newline, and a key with three
// non-ASCII characters (one outside the BMP: two UTF-16 units) sits before a node on its line.
const JSON_TEXT = '{"first": 1,\n "arr": [0, {"n": [true, "x"]}],\n "a~b": {"c/d": 2},\n "u": {"ü€😀": "é", "after": 3},\n "last": [1]}';
const YAML_TEXT = 'first: 1\narr:\n  - 0\n  - n:\n      - true\n      - x\na~b:\n  c/d: 2\nu: {"ü€😀": é, after: 3}\nlast: [1]';

describe('diagnostic positions', () => {
  it.each([
    { pointer: '', json: '1:1', yaml: '1:1' },
    { pointer: '/first', json: '1:2', yaml: '1:1' },
    { pointer: '/arr/1', json: '2:13', yaml: '4:5' },
    { pointer: '/arr/1/n/1', json: '2:26', yaml: '6:9' },
    { pointer: '/arr/1/missing', json: '2:13', yaml: '4:5' },
    { pointer: '/a~0b', json: '3:2', yaml: '7:1' },
    { pointer: '/a~0b/c~1d', json: '3:10', yaml: '8:3' },
    { pointer: '/u/after', json: '4:21', yaml: '9:16' },
    { pointer: '/last/0', json: '5:11', yaml: '10:8' },
  ])('$pointer is at $json in JSON and $yaml in YAML', ({ pointer, json, yaml }) => {
    const at = (locate: Locate) => formatDiagnostic({ code: 'VMCP_SYNTAX', severity: 'error', message: 'm', fix: 'f', location: locatedAt({ file: 'f', pointer, locate }) }).split(' ')[0];
    expect(at(locatorOf({ file: 'spec.json', text: JSON_TEXT }))).toBe(`f:${json}`);
    expect(at(locatorOf({ file: 'spec.yaml', text: YAML_TEXT }))).toBe(`f:${yaml}`);
  });

  it('looks a position up only when a field is read, and only once', () => {
    const { locate, asked } = counted(() => ({ line: 3, column: 4, file: 'overlay.yaml', pointer: '/actions/0' }));
    const location = locatedAt({ file: 'spec.yaml', pointer: '/a', locate });
    expect(asked).toEqual([]);
    expect(location.line).toBe(3);
    expect({ ...location }).toEqual({ file: 'overlay.yaml', pointer: '/actions/0', line: 3, column: 4 });
    expect(JSON.parse(JSON.stringify(location))).toEqual({ file: 'overlay.yaml', pointer: '/actions/0', line: 3, column: 4 });
    expect(asked).toEqual(['/a']);
  });

  it('keeps the file and pointer and has no position when the locator has none', () => {
    const location = locatedAt({ file: 'spec.yaml', pointer: '/a', locate: () => undefined });
    expect(JSON.parse(JSON.stringify(location))).toEqual({ file: 'spec.yaml', pointer: '/a' });
    expect(formatDiagnostic({ code: 'VMCP_SYNTAX', severity: 'error', message: 'm', fix: 'f', location })).toBe('spec.yaml error VMCP_SYNTAX at #/a: m\n  fix: f');
  });

  it('builds a spec with warnings without looking up a position until one is printed', () => {
    const parsed = parseDocumentText({ file: 'spec.yaml', text: MINIMAL_VENDOR_DOC.replace('    get:\n', '    get:\n      parameters:\n        - {name: sid, in: cookie, schema: {type: string}}\n') });
    if (!('document' in parsed)) throw new Error('the fixture parses');
    const { locate, asked } = counted(parsed.document.locate);
    const built = buildApi({ document: { ...parsed.document, locate } });
    expect(built.diagnostics.map((d) => d.code)).toEqual(['VMCP_PARAMETER_UNSUPPORTED']);
    expect(asked).toEqual([]);
    const first = built.diagnostics[0]!;
    expect(formatDiagnostic(first).split(' ')[0]).toBe('spec.yaml:33:11');
    expect(asked).toEqual([first.location.pointer]);
  });
});

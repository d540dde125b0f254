import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { joinPointer } from '../../generator/shared/json-pointer.ts';
import { jsonLocator } from '../../generator/load/json-positions.ts';
import { parseYamlText, yamlLocator } from '../../generator/load/yaml-positions.ts';
import { REPO_ROOT, VENDORS } from '../../scripts/shared/repo-root.ts';

/** Every pointer in the data, plus a missing child under each container (answers the deepest node reached). */
function pointersOf(value: unknown, base = ''): string[] {
  if (value === null || typeof value !== 'object') return [base];
  const keys = Array.isArray(value) ? value.map((_, index) => String(index)) : Object.keys(value);
  return [base, joinPointer(base, 'no such key'), joinPointer(base, String(keys.length)), ...keys.flatMap((key) => pointersOf((value as Record<string, unknown>)[key], joinPointer(base, key)))];
}

const TRICKY = `  {"a\\"b": {"x": [1, {"y~/z": "s\\\\"}, [ ], "\\u00e9\\n"], "": null},
\t"arr" : [ true,false , -1.5e3,
  {"deep": {"deeper": "q"}} ],
  "dup": 1, "dup": 2, "esc\\/aped": "}]{[", "last": {}
}`;

describe('JSON positions', () => {
  const given: readonly { readonly name: string; readonly text: string }[] = [
    { name: 'escapes, whitespace, empty containers and duplicate keys', text: TRICKY },
    ...VENDORS.flatMap((vendor) => {
      const data = parse(readFileSync(path.join(REPO_ROOT, 'vendor-docs', vendor, 'openapi.yaml'), 'utf8')) as unknown;
      return [
        { name: `${vendor} doc as pretty JSON`, text: JSON.stringify(data, null, 2) },
        { name: `${vendor} doc as compact JSON with CRLF`, text: `{\r\n"doc":${JSON.stringify(data)}\r\n}` },
      ];
    }),
  ];
  it.each(given)('answers every pointer exactly as the YAML locator does: $name', ({ text }) => {
    const want = yamlLocator(parseYamlText(text));
    const got = jsonLocator(text);
    const pointers = pointersOf(JSON.parse(text));
    expect(pointers.length).toBeGreaterThan(20);
    const mismatches = pointers.filter((pointer) => JSON.stringify(got(pointer)) !== JSON.stringify(want(pointer)));
    expect(mismatches.slice(0, 5).map((pointer) => ({ pointer, got: got(pointer), want: want(pointer) }))).toEqual([]);
  });

  it('points at the key of a member and at the value of an item', () => {
    const locate = jsonLocator('{\n  "paths": {\n    "/a": [10,\n      {"b": 1}]\n  }\n}');
    expect(locate('')).toEqual({ line: 1, column: 1 });
    expect(locate('/paths')).toEqual({ line: 2, column: 3 });
    expect(locate('/paths/~1a/1')).toEqual({ line: 4, column: 7 });
    expect(locate('/paths/~1a/1/b')).toEqual({ line: 4, column: 8 });
    expect(locate('/paths/~1a/1/missing')).toEqual({ line: 4, column: 7 });
  });
});

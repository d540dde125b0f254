import { describe, expect, it } from 'vitest';
import { concat, dataKey, json, layout, LINE_WIDTH, listBlock, objectBlock, property } from '../../generator/emit/ts/code-layout.ts';

/** A list whose one-line form is exactly `length` characters: `[` + items + `]`. */
function listOf(length: number) {
  const item = 'x'.repeat(length - 2);
  return listBlock({ open: '[', close: ']', items: [item] });
}

describe('code layout: one indentation style, one entry a line when a block breaks', () => {
  it('an object always puts one property on each line, two spaces a level', () => {
    expect(layout(objectBlock([property({ key: 'a', value: '1' }), property({ key: 'b c', quoted: true, value: objectBlock([property({ key: 'd', value: '2' })]) })]))).toBe(
      '{\n  a: 1,\n  "b c": {\n    d: 2,\n  },\n}',
    );
  });

  it('a list stays on one line while it fits the width with room for what follows, and breaks one past it', () => {
    const room = 24;
    expect(layout(listOf(LINE_WIDTH - room))).toBe(`[${'x'.repeat(LINE_WIDTH - room - 2)}]`);
    expect(layout(listOf(LINE_WIDTH - room + 1))).toBe(`[\n  ${'x'.repeat(LINE_WIDTH - room - 1)},\n]`);
  });

  it('counts the column a list starts at', () => {
    const list = listOf(80);
    expect(layout(concat('y'.repeat(16), list))).not.toContain('\n');
    expect(layout(concat('y'.repeat(17), list))).toContain('\n');
  });

  it('indents JSON data to where it starts, and prints empty blocks closed', () => {
    expect(layout(objectBlock([property({ key: 'data', value: json({ a: [1] }) }), property({ key: 'none', value: listBlock({ open: '[', close: ']', items: [] }) })]))).toBe(
      '{\n  data: {\n    "a": [\n      1\n    ]\n  },\n  none: [],\n}',
    );
  });

  it('document text stays a JSON string literal, even when it looks like code', () => {
    expect(layout(property({ key: '*/ ${x} `', quoted: true, value: json('"); process.exit(1); ("') }))).toBe('"*/ ${x} `": "\\"); process.exit(1); (\\""');
  });
});

describe('a document key named __proto__ stays a key in the printed literal', () => {
  /** The printed expression, evaluated as the package's JavaScript would evaluate it. */
  const evaluate = (code: string): Record<string, unknown> => new Function(`return (${code});`)() as Record<string, unknown>;

  it('in JSON data, at any depth, and only where it is a key', () => {
    const value = JSON.parse('{"__proto__":{"type":"object","properties":{"__proto__":{"enum":["__proto__","\\"__proto__\\": x"]}}},"b":1}');
    const printed = layout(objectBlock([property({ key: 'schema', value: json(value) })]));
    const schema = evaluate(printed)['schema'] as Record<string, unknown>;
    expect(Object.keys(schema)).toStrictEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(schema)).toBe(Object.prototype);
    expect(JSON.stringify(schema)).toBe(JSON.stringify(value));
  });

  it('as a quoted property of a block', () => {
    const printed = layout(objectBlock([property({ key: '__proto__', quoted: true, value: '1' }), property({ key: 'constructor', quoted: true, value: '2' })]));
    expect(Object.entries(evaluate(printed))).toStrictEqual([['__proto__', 1], ['constructor', 2]]);
    expect(dataKey('__proto__')).toBe('["__proto__"]');
    expect(dataKey('a"b')).toBe('"a\\"b"');
  });
});

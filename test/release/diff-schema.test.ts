import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../generator/ir/types.ts';
import { diffSchema } from '../../generator/release/diff-schema.ts';
import type { SurfaceChange } from '../../generator/release/surface-rules.ts';

/** Every change one schema pair yields, without the tool name (always `t`). */
function diff(input: { readonly before: JsonSchema; readonly after: JsonSchema; readonly direction?: 'input' | 'output'; readonly path?: string }): Omit<SurfaceChange, 'tool'>[] {
  const changes: SurfaceChange[] = [];
  diffSchema({ walk: { tool: 't', direction: input.direction ?? 'input', path: input.path ?? 'p', changes }, before: input.before, after: input.after });
  return changes.map(({ tool, ...rest }) => {
    expect(tool).toBe('t');
    return rest;
  });
}

describe('diffSchema: types', () => {
  it.each([
    [{ type: 'string' }, { type: ['string', 'null'] }, [{ rule: 'type-widened', path: 'p', from: 'string', to: 'string | null' }]],
    [{ type: ['string', 'null'] }, { type: 'string' }, [{ rule: 'type-narrowed', path: 'p', from: 'string | null', to: 'string' }]],
    // number accepts every integer, not the other way round
    [{ type: 'integer' }, { type: 'number' }, [{ rule: 'type-widened', path: 'p', from: 'integer', to: 'number' }]],
    [{ type: 'number' }, { type: 'integer' }, [{ rule: 'type-narrowed', path: 'p', from: 'number', to: 'integer' }]],
    // no type accepts everything
    [{}, { type: 'string' }, [{ rule: 'type-narrowed', path: 'p', from: 'any type', to: 'string' }]],
    [{ type: 'string' }, {}, [{ rule: 'type-widened', path: 'p', from: 'string', to: 'any type' }]],
    // a type keyword that is neither a name nor a list counts as no type
    [{ type: 7 }, { type: 'string' }, [{ rule: 'type-narrowed', path: 'p', from: 'any type', to: 'string' }]],
    // only an integer is a number: a string is not
    [{ type: 'string' }, { type: 'number' }, [{ rule: 'type-narrowed', path: 'p', from: 'string', to: 'number' }]],
    [{ type: 'number' }, { type: ['number', 'string'] }, [{ rule: 'type-widened', path: 'p', from: 'number', to: 'number | string' }]],
    // one lost and one gained: narrowed wins
    [{ type: 'string' }, { type: 'boolean' }, [{ rule: 'type-narrowed', path: 'p', from: 'string', to: 'boolean' }]],
    // the same types in another order are still a change of neither kind
    [{ type: ['string', 'null'] }, { type: ['null', 'string'] }, []],
  ] as const)('%j → %j', (before, after, expected) => {
    expect(diff({ before, after })).toStrictEqual(expected);
  });

  it('an output type change is one rule, whichever way it goes', () => {
    expect(diff({ before: { type: 'integer' }, after: { type: 'number' }, direction: 'output' })).toStrictEqual([{ rule: 'output-type-changed', path: 'p', from: 'integer', to: 'number' }]);
    expect(diff({ before: {}, after: { type: 'string' }, direction: 'output' })).toStrictEqual([{ rule: 'output-type-changed', path: 'p', from: 'any type', to: 'string' }]);
  });
});

describe('diffSchema: enum and const', () => {
  it.each([
    [{ enum: ['a'] }, { enum: ['a', 'b'] }, [{ rule: 'enum-value-added', path: 'p', to: '"b"' }]],
    [{ enum: ['a', 'b', 'c'] }, { enum: ['a'] }, [{ rule: 'enum-value-removed', path: 'p', from: '"b", "c"' }]],
    [{ enum: ['a'] }, { enum: ['a', 'b', 'c'] }, [{ rule: 'enum-value-added', path: 'p', to: '"b", "c"' }]],
    [{ enum: ['a', 'b'] }, { enum: ['b', 'c'] }, [{ rule: 'enum-value-removed', path: 'p', from: '"a"' }, { rule: 'enum-value-added', path: 'p', to: '"c"' }]],
    [{}, { enum: [1, 2] }, [{ rule: 'type-narrowed', path: 'p', from: 'any value', to: 'one of [1,2]' }]],
    [{ enum: [1, 2] }, {}, [{ rule: 'type-widened', path: 'p', from: 'one of [1,2]', to: 'any value' }]],
    // const is a one-value enum; a const of null is still a value
    [{ const: 'x' }, { enum: ['x', 'y'] }, [{ rule: 'enum-value-added', path: 'p', to: '"y"' }]],
    [{}, { const: null }, [{ rule: 'type-narrowed', path: 'p', from: 'any value', to: 'one of [null]' }]],
    // values are compared by their JSON, so an equal object is the same value
    [{ enum: [{ a: 1 }] }, { enum: [{ a: 1 }, { a: 2 }] }, [{ rule: 'enum-value-added', path: 'p', to: '{"a":2}' }]],
    [{ enum: 'a' }, { enum: ['a'] }, [{ rule: 'type-narrowed', path: 'p', from: 'any value', to: 'one of ["a"]' }]],
  ] as const)('%j → %j', (before, after, expected) => {
    expect(diff({ before, after })).toStrictEqual(expected);
  });
});

describe('diffSchema: bounds, pattern and format', () => {
  it.each([
    ['minimum', 1, 2, 'type-narrowed'],
    ['minimum', 2, 1, 'type-widened'],
    ['exclusiveMinimum', 0, 1, 'type-narrowed'],
    ['minLength', 1, 0, 'type-widened'],
    ['minItems', 1, 2, 'type-narrowed'],
    ['maximum', 10, 9, 'type-narrowed'],
    ['maximum', 9, 10, 'type-widened'],
    ['exclusiveMaximum', 5, 4, 'type-narrowed'],
    ['maxLength', 5, 6, 'type-widened'],
    ['maxItems', 5, 4, 'type-narrowed'],
  ] as const)('%s %d → %d is %s', (keyword, from, to, rule) => {
    expect(diff({ before: { [keyword]: from }, after: { [keyword]: to } })).toStrictEqual([{ rule, path: 'p', from: `${keyword} ${from}`, to: `${keyword} ${to}` }]);
  });

  it('a bound added narrows, a bound dropped widens, for lower and upper bounds alike', () => {
    expect(diff({ before: {}, after: { minimum: 0 } })).toStrictEqual([{ rule: 'type-narrowed', path: 'p', from: 'minimum nothing', to: 'minimum 0' }]);
    expect(diff({ before: { maxLength: 0 }, after: {} })).toStrictEqual([{ rule: 'type-widened', path: 'p', from: 'maxLength 0', to: 'maxLength nothing' }]);
  });

  it('a pattern or format added or changed narrows; dropped widens', () => {
    expect(diff({ before: {}, after: { pattern: '^a' } })).toStrictEqual([{ rule: 'type-narrowed', path: 'p', from: 'pattern nothing', to: 'pattern "^a"' }]);
    expect(diff({ before: { format: 'date' }, after: { format: 'date-time' } })).toStrictEqual([{ rule: 'type-narrowed', path: 'p', from: 'format "date"', to: 'format "date-time"' }]);
    expect(diff({ before: { format: 'email' }, after: {} })).toStrictEqual([{ rule: 'type-widened', path: 'p', from: 'format "email"', to: 'format nothing' }]);
  });

  it('a bound that stops being a number is no longer a bound: widened', () => {
    expect(diff({ before: { minimum: 3 }, after: { minimum: '5' } })).toStrictEqual([{ rule: 'type-widened', path: 'p', from: 'minimum 3', to: 'minimum "5"' }]);
  });

  it('bounds in an output schema are details, not a narrowing', () => {
    expect(diff({ before: { maximum: 1 }, after: { maximum: 0 }, direction: 'output' })).toStrictEqual([{ rule: 'schema-detail-changed', path: 'p', from: 'maximum 1', to: 'maximum 0' }]);
  });

  it('bounds are reported lower first, then upper, then pattern and format', () => {
    expect(diff({ before: {}, after: { format: 'f', pattern: 'x', maxItems: 1, minimum: 1 } }).map((c) => c.from)).toStrictEqual(['minimum nothing', 'maxItems nothing', 'pattern nothing', 'format nothing']);
  });
});

describe('diffSchema: properties and required', () => {
  const object = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({ type: 'object', properties, required });

  it('an input parameter removed, added (required or optional), or changing required', () => {
    expect(diff({ before: object({ a: {}, b: {} }, ['b']), after: object({ b: {}, c: {}, d: {} }, ['d']), path: '' })).toStrictEqual([
      { rule: 'parameter-removed', path: 'a' },
      { rule: 'parameter-became-optional', path: 'b' },
      { rule: 'optional-parameter-added', path: 'c' },
      { rule: 'required-parameter-added', path: 'd' },
    ]);
    expect(diff({ before: object({ a: {} }), after: object({ a: {} }, ['a']), path: 'x' })).toStrictEqual([{ rule: 'parameter-became-required', path: 'x.a' }]);
  });

  it('an output field removed or added; required does not matter in outputs', () => {
    expect(diff({ before: object({ a: {}, b: {} }), after: object({ b: {}, c: {} }, ['b', 'c']), direction: 'output', path: '' })).toStrictEqual([
      { rule: 'output-field-removed', path: 'a' },
      { rule: 'output-field-added', path: 'c' },
    ]);
  });

  it('walks into a kept property with its path', () => {
    expect(diff({ before: object({ a: object({ b: { type: 'string' } }) }), after: object({ a: object({ b: { type: 'integer' } }) }), path: '' })).toStrictEqual([
      { rule: 'type-narrowed', path: 'a.b', from: 'string', to: 'integer' },
    ]);
  });

  it('properties or required that are not an object or a list count as none', () => {
    expect(diff({ before: { properties: [{}], required: 'a' }, after: { properties: { a: {} }, required: ['a'] }, path: '' })).toStrictEqual([
      { rule: 'required-parameter-added', path: 'a' },
    ]);
  });
});

describe('diffSchema: items, union members, descriptions and the rest', () => {
  it('walks into array items, also when one side has none', () => {
    expect(diff({ before: { items: { type: 'string' } }, after: { items: { type: 'integer' } } })).toStrictEqual([{ rule: 'type-narrowed', path: 'p[]', from: 'string', to: 'integer' }]);
    expect(diff({ before: {}, after: { items: { type: 'string' } } })).toStrictEqual([{ rule: 'type-narrowed', path: 'p[]', from: 'any type', to: 'string' }]);
    expect(diff({ before: { items: { type: 'string' } }, after: { items: true } })).toStrictEqual([{ rule: 'type-widened', path: 'p[]', from: 'string', to: 'any type' }]);
  });

  it('matches union members by title, else by position', () => {
    const before = { anyOf: [{ title: 'A', type: 'string' }, { type: 'integer' }] };
    const after = { anyOf: [{ type: 'integer', minimum: 1 }, { title: 'A', type: 'string' }] };
    expect(diff({ before, after })).toStrictEqual([
      { rule: 'type-narrowed', path: 'p', from: 'accepts #1', to: 'no longer' },
      { rule: 'type-widened', path: 'p', from: 'no', to: 'also accepts #0' },
    ]);
    expect(diff({ before: { oneOf: [{ title: 'A', type: 'string' }] }, after: { oneOf: [{ title: 'A', type: 'integer' }] } })).toStrictEqual([
      { rule: 'type-narrowed', path: 'p<A>', from: 'string', to: 'integer' },
    ]);
  });

  it('a union member lost or gained in an output changes the output type', () => {
    expect(diff({ before: { oneOf: [{ title: 'A' }] }, after: { oneOf: [{ title: 'B' }] }, direction: 'output' })).toStrictEqual([
      { rule: 'output-type-changed', path: 'p', from: 'accepts A', to: 'no longer' },
      { rule: 'output-type-changed', path: 'p', from: 'no', to: 'also accepts B' },
    ]);
  });

  it('a union keyword that is not a list counts as no members', () => {
    expect(diff({ before: { anyOf: 'x' }, after: { anyOf: [{}] } })).toStrictEqual([{ rule: 'type-narrowed', path: 'p', from: 'any shape its other keywords allow', to: 'one of 1 shapes (#0)' }]);
    expect(diff({ before: { oneOf: [{}] }, after: { oneOf: {} } })).toStrictEqual([{ rule: 'type-widened', path: 'p', from: 'one of 1 shapes (#0)', to: 'any shape its other keywords allow' }]);
  });

  it('a union dropped whole widens (its members are not each refused), one added where there was none narrows', () => {
    // Rose Rocket's `json` went from one listed shape per objectKey to an open object whose shapes a schema tool serves.
    const union = { type: 'object', anyOf: [{ title: 'order', properties: { a: {} } }, { title: 'task', properties: { b: {} } }, { properties: { c: {} } }] };
    expect(diff({ before: union, after: { type: 'object' } })).toStrictEqual([{ rule: 'type-widened', path: 'p', from: 'one of 3 shapes (order, task, #2)', to: 'any shape its other keywords allow' }]);
    expect(diff({ before: { type: 'object' }, after: union })).toStrictEqual([{ rule: 'type-narrowed', path: 'p', from: 'any shape its other keywords allow', to: 'one of 3 shapes (order, task, #2)' }]);
    expect(diff({ before: { oneOf: [{ title: 'A' }] }, after: {}, direction: 'output' })).toStrictEqual([{ rule: 'output-type-changed', path: 'p', from: 'one of 1 shapes (A)', to: 'any shape its other keywords allow' }]);
  });

  it('a description or title change is reported below the root only', () => {
    expect(diff({ before: { description: 'a' }, after: { description: 'b' } })).toStrictEqual([{ rule: 'parameter-description-changed', path: 'p' }]);
    expect(diff({ before: { title: 'a' }, after: { title: 'b' } })).toStrictEqual([{ rule: 'parameter-description-changed', path: 'p' }]);
    expect(diff({ before: { description: 'a' }, after: { description: 'b' }, path: '' })).toStrictEqual([]);
  });

  it.each([
    ['type', 'string', 'integer'],
    ['enum', ['a'], ['b']],
    ['const', 'a', 'b'],
    ['properties', { a: {} }, { b: {} }],
    ['required', [], ['a'], { properties: { a: {} } }],
    ['items', { type: 'string' }, { type: 'integer' }],
    ['description', 'a', 'b'],
    ['title', 'a', 'b'],
    ['anyOf', [{ title: 'A' }], [{ title: 'B' }]],
    ['oneOf', [{ title: 'A' }], [{ title: 'B' }]],
    ...['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'maximum', 'exclusiveMaximum', 'maxLength', 'maxItems'].map((k) => [k, 1, 2]),
    ['pattern', 'a', 'b'],
    ['format', 'a', 'b'],
  ] as [string, unknown, unknown, JsonSchema?][])('a change of %s is classified by its own rule, never as an unclassified detail', (keyword, from, to, base) => {
    const changes = diff({ before: { ...base, [keyword]: from }, after: { ...base, [keyword]: to } });
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((c) => c.rule === 'schema-detail-changed')).toStrictEqual([]);
  });

  it('an unclassified keyword that did not change is not reported', () => {
    expect(diff({ before: { default: 1, type: 'string' }, after: { default: 1, type: 'integer' } })).toStrictEqual([{ rule: 'type-narrowed', path: 'p', from: 'string', to: 'integer' }]);
  });

  it('any other keyword is an unclassified detail, in keyword order, with the path', () => {
    expect(diff({ before: { default: 1, additionalProperties: false }, after: { default: 2 } })).toStrictEqual([
      { rule: 'schema-detail-changed', path: 'p additionalProperties', from: 'false', to: 'nothing' },
      { rule: 'schema-detail-changed', path: 'p default', from: '1', to: '2' },
    ]);
    expect(diff({ before: { default: 1 }, after: { default: 2 }, path: '' })).toStrictEqual([{ rule: 'schema-detail-changed', path: 'default', from: '1', to: '2' }]);
  });

  it('equal schemas yield nothing, even with differing key order', () => {
    expect(diff({ before: { type: 'string', description: 'x' }, after: { description: 'x', type: 'string' } })).toStrictEqual([]);
  });
});

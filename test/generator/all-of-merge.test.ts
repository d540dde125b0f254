import { describe, expect, it } from 'vitest';
import { mergeTwo } from '../../generator/ir/from-openapi/all-of-merge.ts';
import type { JsonSchema } from '../../generator/ir/types.ts';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { buildFromText } from '../support/generate-in-memory.ts';

/** The merge and the keywords it reported as conflicting. */
function merge(a: JsonSchema, b: JsonSchema) {
  const conflicts: string[] = [];
  return { schema: mergeTwo({ a, b, onConflict: (keyword) => conflicts.push(keyword) }), conflicts };
}

describe('mergeTwo: the intersection of two allOf members', () => {
  it.each([
    [{}, {}, undefined],
    [{}, { type: 'string' }, 'string'],
    [{ type: 'string' }, {}, 'string'],
    [{ type: 'string' }, { type: 'string' }, 'string'],
    [{ type: ['string', 'null'] }, { type: ['null', 'string'] }, ['string', 'null']],
    [{ type: ['string', 'null'] }, { type: 'string' }, 'string'],
    // an integer is a number, not the other way round
    [{ type: 'integer' }, { type: 'number' }, 'integer'],
    [{ type: 'number' }, { type: 'integer' }, 'number'],
    [{ type: ['integer', 'string'] }, { type: 'number' }, 'integer'],
    // nothing in common: the first wins
    [{ type: ['string', 'boolean'] }, { type: 'object' }, ['string', 'boolean']],
    // names that are not strings are dropped, also where the first wins
    [{ type: [7, 'string'] }, { type: 'string' }, 'string'],
    [{ type: ['string', 7] }, { type: 'integer' }, 'string'],
  ])('type %j ∩ %j = %j', (a, b, expected) => {
    const { schema } = merge(a, b);
    expect(schema['type']).toStrictEqual(expected);
    expect('type' in schema).toBe(expected !== undefined);
  });

  it('first wins on other keywords, properties merge recursively, required is the union, once each', () => {
    const { schema, conflicts } = merge(
      { description: 'a', properties: { x: { type: 'string', description: 'ax' } }, required: ['x'] },
      { description: 'b', minLength: 1, properties: { x: { type: ['string', 'null'], maxLength: 3 }, y: { type: 'integer' } }, required: ['y', 'x'] },
    );
    expect(schema).toStrictEqual({
      description: 'a',
      minLength: 1,
      properties: { x: { type: 'string', description: 'ax', maxLength: 3 }, y: { type: 'integer' } },
      required: ['x', 'y'],
      type: 'object',
    });
    expect(conflicts).toStrictEqual([]);
  });

  it('no required list when neither has one; properties on one side only are kept', () => {
    expect(merge({ properties: { x: {} } }, {}).schema).toStrictEqual({ properties: { x: {} }, type: 'object' });
    expect(merge({}, { properties: { y: {} } }).schema).toStrictEqual({ properties: { y: {} }, type: 'object' });
    expect(merge({ type: 'array' }, { properties: { y: {} } }).schema).toStrictEqual({ type: 'array', properties: { y: {} } });
  });

  it('closed if either is closed', () => {
    expect(merge({ additionalProperties: false }, { additionalProperties: true }).schema['additionalProperties']).toBe(false);
    expect(merge({ additionalProperties: true }, { additionalProperties: false }).schema['additionalProperties']).toBe(false);
    expect(merge({ additionalProperties: true }, {}).schema['additionalProperties']).toBe(true);
  });

  it('enums intersect; one enum alone stands', () => {
    expect(merge({ enum: ['a', 'b', 'c'] }, { enum: ['c', 'b', 'd'] }).schema['enum']).toStrictEqual(['b', 'c']);
    expect(merge({ enum: ['a'] }, {}).schema['enum']).toStrictEqual(['a']);
    expect(merge({}, { enum: ['b'] }).schema['enum']).toStrictEqual(['b']);
  });

  it('two different unions conflict (the first is kept); the same one, or one side only, does not', () => {
    const union = [{ type: 'string' }];
    expect(merge({ oneOf: union }, { oneOf: [{ type: 'integer' }] })).toStrictEqual({ schema: { oneOf: union }, conflicts: ['oneOf'] });
    expect(merge({ anyOf: union }, { anyOf: [{}] }).conflicts).toStrictEqual(['anyOf']);
    expect(merge({ anyOf: union }, { anyOf: union }).conflicts).toStrictEqual([]);
    expect(merge({ anyOf: union }, {}).conflicts).toStrictEqual([]);
    expect(merge({}, { oneOf: union }).conflicts).toStrictEqual([]);
  });
});

const DRY_RUN = { type: 'boolean', description: 'Preview only.' };

describe('allOf in a document', () => {
  const doc = (schema: string) => `${MINIMAL_VENDOR_DOC.slice(0, MINIMAL_VENDOR_DOC.indexOf('  schemas:\n'))}paths:
  /w:
    post:
      x-mcp: {resource: widget, method: create, description: Create a widget.}
      requestBody:
        required: true
        content:
          application/json:
            schema: ${schema}
      responses: {'201': {description: ok}}
`;
  const body = (schema: string) => {
    const built = buildFromText({ text: doc(schema) });
    return { schema: built.api?.tools[0]?.inputSchema, diagnostics: built.diagnostics.map((d) => [d.code, d.location.pointer, d.message]) };
  };

  it('merges its members and the schema beside them, keeping the outer description, trimmed', () => {
    const { schema } = body(`{description: '  Outer.  ', allOf: [{type: object, properties: {a: {type: string}}}, {properties: {b: {type: integer}}}, 7]}`);
    expect(schema).toStrictEqual({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' }, dry_run: DRY_RUN } });
  });

  it('a field required beside allOf, or by a member that does not declare it, stays required', () => {
    const { schema } = body(
      `{required: [a], allOf: [{type: object, required: [c], properties: {a: {type: string}, b: {type: integer}, c: {type: string}, id: {type: string, readOnly: true}}}, {required: [b, id, ghost]}]}`,
    );
    // id is readOnly, so not an input; ghost is declared nowhere: requiring either would refuse every call.
    expect(schema).toStrictEqual({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'string' }, dry_run: DRY_RUN }, required: ['a', 'b', 'c'] });
  });

  it('warns once per allOf about conflicting unions', () => {
    const { diagnostics } = body(`{allOf: [{type: object, properties: {a: {oneOf: [{type: string}]}}}, {properties: {a: {oneOf: [{type: integer}]}}}, {properties: {a: {oneOf: [{type: boolean}]}}}]}`);
    const warnings = diagnostics.filter(([code]) => code === 'VMCP_SCHEMA_COMPOSITION');
    expect(warnings).toStrictEqual([['VMCP_SCHEMA_COMPOSITION', '/paths/~1w/post/requestBody/content/application~1json/schema', 'allOf members each carry a oneOf; only the first is kept']]);
  });

  const property = (schema: string) => {
    const built = body(`{type: object, properties: {n: ${schema}}}`);
    return { n: (built.schema?.['properties'] as Record<string, unknown> | undefined)?.['n'], diagnostics: built.diagnostics };
  };

  it('a nested allOf keeps only required names of kept properties, given as a list', () => {
    const { n } = property(`{allOf: [{type: object, properties: {'7': {type: string}, a: {type: string}, b: {type: string}, id: {type: string, readOnly: true}}}, {required: [a, 7, id, ghost]}, {required: b}, null]}`);
    expect(n).toStrictEqual({ type: 'object', properties: { '7': { type: 'string' }, a: { type: 'string' }, b: { type: 'string' } }, required: ['a'] });
  });

  it('the schema beside allOf is merged first: its properties, and its trimmed description over a member\'s', () => {
    const { n } = property(`{description: '  Outer.  ', properties: {z: {type: boolean}}, allOf: [{type: object, description: Inner., properties: {a: {type: string}}}]}`);
    expect(n).toStrictEqual({ description: 'Outer.', properties: { z: { type: 'boolean' }, a: { type: 'string' } }, type: 'object' });
  });

  it('a member that is not a schema object (a number, null, false) is skipped; true adds nothing', () => {
    expect(property(`{allOf: [{type: string}, 7, null, false, true]}`).n).toStrictEqual({ type: 'string' });
  });

  it('a diagnostic inside a member points into allOf', () => {
    const { diagnostics } = property(`{allOf: [{type: object}, {properties: {p: {type: string, pattern: '(?<!a)\\p{Foo}'}}}]}`);
    expect(diagnostics.filter(([code]) => code === 'VMCP_PATTERN_UNSUPPORTED').map(([, pointer]) => pointer)).toStrictEqual(['/paths/~1w/post/requestBody/content/application~1json/schema/properties/n/allOf/1/properties/p/pattern']);
  });

  it('each allOf with conflicting unions warns once, as a warning', () => {
    const conflicting = `{allOf: [{oneOf: [{type: string}]}, {oneOf: [{type: integer}]}]}`;
    const built = buildFromText({ text: doc(`{type: object, properties: {a: ${conflicting}, b: ${conflicting}}}`) });
    expect(built.diagnostics.filter((d) => d.code === 'VMCP_SCHEMA_COMPOSITION').map((d) => `${d.severity} ${d.location.pointer}`)).toStrictEqual([
      'warning /paths/~1w/post/requestBody/content/application~1json/schema/properties/a',
      'warning /paths/~1w/post/requestBody/content/application~1json/schema/properties/b',
    ]);
  });
});

describe('allOf members with names an object inherits', () => {
  it('merges constructor and __proto__ properties as the document declares them, never with Object\'s', () => {
    const member = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"integer"}}}');
    const { schema } = merge({ type: 'object', properties: { a: { type: 'string' } } }, member);
    const properties = schema['properties'] as Record<string, JsonSchema>;
    expect(Object.keys(properties)).toStrictEqual(['a', '__proto__', 'constructor']);
    expect(properties['constructor']).toStrictEqual({ type: 'integer' });
    expect(Object.getOwnPropertyDescriptor(properties, '__proto__')?.value).toStrictEqual({ type: 'string' });
  });
});

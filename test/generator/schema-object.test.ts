import { describe, expect, it } from 'vitest';
import { createBuildContext, report } from '../../generator/ir/from-openapi/build-context.ts';
import { MAX_REF_CHAIN, normalizeSchema, SCHEMA_NODE_LIMIT } from '../../generator/ir/from-openapi/schema-object.ts';

function normalize(input: { readonly schema: unknown; readonly components?: Record<string, unknown>; readonly direction?: 'input' | 'output' }) {
  const context = createBuildContext({ file: 'spec.yaml', root: { components: { schemas: input.components ?? {} } }, locate: () => undefined });
  const schema = normalizeSchema({ context, schema: input.schema, at: '/s', direction: input.direction ?? 'input' });
  return { schema, diagnostics: context.diagnostics.map((d) => `${d.severity} ${d.code} ${d.location.pointer}: ${d.message}`) };
}

describe('schema normalization', () => {
  it.each([
    {
      name: 'drops OpenAPI-only and presentation keywords',
      given: { schema: { type: 'string', example: 'x', xml: {}, title: 'T', 'x-internal': true, deprecated: true, description: ' d ' } },
      want: { type: 'string', description: 'd' },
    },
    {
      name: 'drops the numeric formats its type implies (int32, int64, float, double), in both directions',
      given: { schema: { type: 'object', properties: { a: { type: 'integer', format: 'int64' }, b: { type: 'integer', format: 'int32', nullable: true }, c: { type: 'number', format: 'double' }, d: { type: 'number', format: 'float' } } } },
      want: { type: 'object', properties: { a: { type: 'integer' }, b: { type: ['integer', 'null'] }, c: { type: 'number' }, d: { type: 'number' } } },
    },
    {
      name: 'keeps a format that says what to write (uuid, date, int64 on a string)',
      given: { schema: { type: 'object', properties: { a: { type: 'string', format: 'uuid' }, b: { type: 'string', format: 'date' }, c: { type: 'string', format: 'int64' } } } },
      want: { type: 'object', properties: { a: { type: 'string', format: 'uuid' }, b: { type: 'string', format: 'date' }, c: { type: 'string', format: 'int64' } } },
    },
    {
      name: 'a described array drops its item\'s echo of that description; an undescribed array keeps it',
      given: {
        schema: { type: 'object', properties: { ids: { type: 'array', description: 'UUIDs of users to add.', items: { $ref: '#/components/schemas/UserId' } }, more: { type: 'array', items: { $ref: '#/components/schemas/UserId' } }, one: { $ref: '#/components/schemas/UserId' } } },
        components: { UserId: { type: 'string', description: 'One user UUID.' } },
      },
      want: { type: 'object', properties: { ids: { type: 'array', description: 'UUIDs of users to add.', items: { type: 'string' } }, more: { type: 'array', items: { type: 'string', description: 'One user UUID.' } }, one: { type: 'string', description: 'One user UUID.' } } },
    },
    {
      name: 'nullable (3.0) becomes a null type',
      given: { schema: { type: 'integer', nullable: true } },
      want: { type: ['integer', 'null'] },
    },
    {
      name: 'inlines a $ref and lets a sibling description win (3.1)',
      given: { schema: { $ref: '#/components/schemas/Id', description: 'Order id' }, components: { Id: { type: 'string', format: 'uuid', description: 'An id' } } },
      want: { type: 'string', format: 'uuid', description: 'Order id' },
    },
    {
      name: 'merges allOf into one object',
      given: {
        schema: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', properties: { b: { type: 'integer' } }, required: ['b'] }], description: 'Both' },
        components: { Base: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } },
      },
      want: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } }, required: ['a', 'b'], description: 'Both' },
    },
    {
      name: 'input drops readOnly properties and their required entries',
      given: { schema: { type: 'object', properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' } }, required: ['id', 'name'] } },
      want: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    },
    {
      name: 'output drops writeOnly properties',
      given: { schema: { type: 'object', properties: { secret: { type: 'string', writeOnly: true }, id: { type: 'string' } } }, direction: 'output' as const },
      want: { type: 'object', properties: { id: { type: 'string' } } },
    },
    {
      name: 'an array without items gets open items',
      given: { schema: { type: 'array' } },
      want: { type: 'array', items: {} },
    },
    {
      name: 'boolean exclusive bounds (3.0) become numeric (2020-12)',
      given: { schema: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10 } },
      want: { type: 'number', exclusiveMinimum: 0, maximum: 10 },
    },
    {
      name: 'properties without a type imply an object',
      given: { schema: { properties: { a: { type: 'string' } } } },
      want: { properties: { a: { type: 'string' } }, type: 'object' },
    },
    {
      name: 'oneOf members are normalized and discriminator dropped',
      given: { schema: { oneOf: [{ $ref: '#/components/schemas/A' }, { type: 'string' }], discriminator: { propertyName: 'kind' } }, components: { A: { type: 'object', properties: { kind: { const: 'a' } } } } },
      want: { oneOf: [{ type: 'object', properties: { kind: { const: 'a' } } }, { type: 'string' }] },
    },
  ])('$name', ({ given, want }) => {
    const { schema, diagnostics } = normalize(given);
    expect(schema).toStrictEqual(want);
    expect(diagnostics).toStrictEqual([]);
  });

  it('bounds recursion with an open schema and one warning', () => {
    const { schema, diagnostics } = normalize({
      schema: { $ref: '#/components/schemas/Node' },
      components: { Node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } } },
    });
    expect(schema).toStrictEqual({
      type: 'object',
      properties: { name: { type: 'string' }, children: { type: 'array', items: { type: 'object', description: 'Recursive Node; not expanded further.' } } },
    });
    expect(diagnostics).toStrictEqual(['warning VMCP_SCHEMA_RECURSION /components/schemas/Node/properties/children/items: Schema Node refers to itself; the recursive branch is emitted as an open schema']);
  });

  it('drops a pattern JavaScript cannot compile, with a warning', () => {
    const { schema, diagnostics } = normalize({ schema: { type: 'string', pattern: '(?<!a)\\p{Foo}' } });
    expect(schema).toStrictEqual({ type: 'string' });
    expect(diagnostics).toStrictEqual(['warning VMCP_PATTERN_UNSUPPORTED /s/pattern: Pattern "(?<!a)\\\\p{Foo}" is not a valid ECMAScript regex; it is not enforced']);
  });

  it('never leaves a $ref anywhere in the output', () => {
    const { schema } = normalize({
      schema: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' }, b: { type: 'array', items: { $ref: '#/components/schemas/A' } } } },
      components: { A: { allOf: [{ $ref: '#/components/schemas/B' }] }, B: { type: 'string', enum: ['x'] } },
    });
    expect(JSON.stringify(schema)).not.toContain('$ref');
    expect(schema).toStrictEqual({ type: 'object', properties: { a: { type: 'string', enum: ['x'] }, b: { type: 'array', items: { type: 'string', enum: ['x'] } } } });
  });

  /** `links` $refs in a row: the schema's own, then S0 → S1 → … ending in a plain string schema. */
  const chain = (links: number) => {
    const components: Record<string, unknown> = { [`S${links - 1}`]: { type: 'string' } };
    for (let index = 0; index < links - 1; index += 1) components[`S${index}`] = { $ref: `#/components/schemas/S${index + 1}` };
    return normalize({ schema: { $ref: '#/components/schemas/S0' }, components });
  };

  it('follows a $ref chain of exactly the bound to its end', () => {
    expect(chain(MAX_REF_CHAIN)).toStrictEqual({ schema: { type: 'string' }, diagnostics: [] });
  });

  it.each([MAX_REF_CHAIN + 1, 3_000, 100_000])('ends a %i-link $ref chain in one error diagnostic, not a stack overflow', (links) => {
    const { diagnostics } = chain(links);
    expect(diagnostics).toStrictEqual([
      `error VMCP_REF_CHAIN_TOO_LONG /components/schemas/S${MAX_REF_CHAIN - 1}: More than ${MAX_REF_CHAIN} $refs are being followed at once here (the chain began at /components/schemas/S0); the generator stops rather than follow it further`,
    ]);
  });
});

/** Inlining is bounded: a densely linked schema graph (Microsoft Graph) must not grow exponentially. */
describe('schema size limit', () => {
  const withWideChild = (fields: number) => ({
    schema: { $ref: '#/components/schemas/A' },
    components: {
      A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
      B: { type: 'object', properties: Object.fromEntries(Array.from({ length: fields }, (_, i) => [`f${i}`, { type: 'string' }])) },
    },
  });

  it('a schema of exactly SCHEMA_NODE_LIMIT nodes is inlined whole, without a warning', () => {
    // A, B and B's fields: 2 + fields nodes.
    const { schema, diagnostics } = normalize(withWideChild(SCHEMA_NODE_LIMIT - 2));
    expect(Object.keys((schema['properties'] as { b: { properties: object } }).b.properties)).toHaveLength(SCHEMA_NODE_LIMIT - 2);
    expect(diagnostics).toStrictEqual([]);
  });

  it('one node more: the root keeps its fields, the nested ref opens, and a warning names the limit', () => {
    const { schema, diagnostics } = normalize(withWideChild(SCHEMA_NODE_LIMIT - 1));
    expect(schema).toStrictEqual({ type: 'object', properties: { b: { type: 'object', description: `B; not expanded at this depth (the schema is over ${SCHEMA_NODE_LIMIT} nodes inlined).` } } });
    expect(diagnostics).toStrictEqual([`warning VMCP_SCHEMA_SIZE_LIMIT /s: Inlining every $ref here passes ${SCHEMA_NODE_LIMIT} schema nodes; referenced schemas are expanded 1 level(s) deep and deeper ones are open objects`]);
  });

  it('allOf with nothing beside it counts its own node and its members only', () => {
    // The allOf node and one member of 1 + 998 fields: 1,000 nodes exactly.
    const allOf = (fields: number) => ({ schema: { allOf: [{ type: 'object', properties: Object.fromEntries(Array.from({ length: fields }, (_, i) => [`f${i}`, { type: 'string' }])) }] } });
    expect(normalize(allOf(998)).diagnostics).toStrictEqual([]);
    expect(normalize(allOf(999)).diagnostics).toHaveLength(1);
  });

  it('a densely linked graph of schemas ends bounded, every root field kept', () => {
    const names = Array.from({ length: 8 }, (_, i) => `E${i}`);
    const entity = (self: string) => ({ type: 'object', properties: Object.fromEntries(names.filter((n) => n !== self).map((n) => [n.toLowerCase(), { $ref: `#/components/schemas/${n}` }])) });
    const { schema, diagnostics } = normalize({ schema: { $ref: '#/components/schemas/E0' }, components: Object.fromEntries(names.map((n) => [n, entity(n)])) });
    expect(Object.keys(schema['properties'] as object)).toStrictEqual(names.slice(1).map((n) => n.toLowerCase()));
    expect((JSON.stringify(schema).match(/"type":/g) ?? []).length).toBeLessThanOrEqual(SCHEMA_NODE_LIMIT);
    expect(diagnostics.filter((d) => d.includes('VMCP_SCHEMA_SIZE_LIMIT'))).toHaveLength(1);
  });
});

describe('schema keywords at their edges', () => {
  const ok = (schema: unknown, components?: Record<string, unknown>) => {
    const result = normalize({ schema, ...(components ? { components } : {}) });
    expect(result.diagnostics).toStrictEqual([]);
    return result.schema;
  };

  it.each<{ readonly name: string; readonly schema: unknown; readonly want: unknown }>([
    { name: 'an integer with a double format: the format adds nothing', schema: { type: 'integer', format: 'double' }, want: { type: 'integer' } },
    { name: 'a string with a float format keeps it', schema: { type: 'string', format: 'float' }, want: { type: 'string', format: 'float' } },
    { name: 'a format that is not text is kept as written', schema: { type: 'integer', format: ['int32'] }, want: { type: 'integer', format: ['int32'] } },
    { name: 'a blank description is dropped', schema: { type: 'string', description: '   ' }, want: { type: 'string' } },
    { name: 'a pattern is kept', schema: { type: 'string', pattern: '^[a-z]+$' }, want: { type: 'string', pattern: '^[a-z]+$' } },
    { name: 'a pattern that is not text is not', schema: { type: 'string', pattern: 5 }, want: { type: 'string' } },
    { name: 'nullable without a type adds no type', schema: { nullable: true, description: 'Any.' }, want: { description: 'Any.' } },
    { name: 'nullable on a type that already has null adds it once', schema: { type: ['string', 'null'], nullable: true }, want: { type: ['string', 'null'] } },
    { name: 'a format without a type is kept', schema: { format: 'uuid' }, want: { format: 'uuid' } },
    { name: 'a numeric exclusive bound (3.1) is kept', schema: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 }, want: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 } },
    { name: 'a false exclusive bound leaves the bound inclusive', schema: { type: 'integer', minimum: 5, exclusiveMinimum: false }, want: { type: 'integer', minimum: 5 } },
    { name: 'a true exclusive bound without its bound is dropped', schema: { type: 'integer', exclusiveMaximum: true }, want: { type: 'integer' } },
    { name: 'closed objects stay closed, open ones open', schema: { type: 'object', properties: { a: { type: 'object', properties: {}, additionalProperties: true } }, additionalProperties: false }, want: { type: 'object', properties: { a: { type: 'object', properties: {}, additionalProperties: true } }, additionalProperties: false } },
    { name: 'a map\'s value schema is converted', schema: { type: 'object', additionalProperties: { type: 'integer', format: 'int64', example: 1 } }, want: { type: 'object', additionalProperties: { type: 'integer' } } },
    { name: 'additionalProperties that is neither is dropped', schema: { type: 'object', additionalProperties: 'yes' }, want: { type: 'object' } },
    { name: 'properties that are not a map are none', schema: { type: 'object', properties: 'x' }, want: { type: 'object', properties: {} } },
    { name: 'required keeps only names of kept properties', schema: { type: 'object', properties: { '7': { type: 'string' }, a: { type: 'string' } }, required: [7, 'a', 'ghost'] }, want: { type: 'object', properties: { '7': { type: 'string' }, a: { type: 'string' } }, required: ['a'] } },
    { name: 'a nullable array without items gets open items', schema: { type: ['array', 'null'] }, want: { type: ['array', 'null'], items: {} } },
    { name: 'a nullable object with properties keeps its null', schema: { type: ['object', 'null'], properties: { a: { type: 'string' } } }, want: { type: ['object', 'null'], properties: { a: { type: 'string' } } } },
    { name: 'true, false and a non-schema as properties', schema: { type: 'object', properties: { t: true, f: false, s: 'x' } }, want: { type: 'object', properties: { t: {}, f: { not: {} }, s: {} } } },
    { name: 'two different refs side by side each inline their own', schema: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' }, b: { $ref: '#/components/schemas/B' }, c: { $ref: '#/components/schemas/A' } } }, want: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'string' } } } },
  ])('$name', ({ schema, want }) => {
    expect(ok(schema, { A: { type: 'string' }, B: { type: 'integer' } })).toStrictEqual(want);
  });

  it('a diagnostic inside a map\'s value schema points there', () => {
    expect(normalize({ schema: { type: 'object', additionalProperties: { type: 'string', pattern: '(?<!a)\\p{Foo}' } } }).diagnostics).toStrictEqual([
      'warning VMCP_PATTERN_UNSUPPORTED /s/additionalProperties/pattern: Pattern "(?<!a)\\\\p{Foo}" is not a valid ECMAScript regex; it is not enforced',
    ]);
  });

  it('a ref that does not resolve becomes an open schema and an error', () => {
    const { schema, diagnostics } = normalize({ schema: { type: 'object', properties: { a: { $ref: '#/components/schemas/Missing' } } } });
    expect(schema).toStrictEqual({ type: 'object', properties: { a: {} } });
    expect(diagnostics).toStrictEqual(['error VMCP_REF_NOT_FOUND /s/properties/a: $ref "#/components/schemas/Missing" does not resolve']);
  });

  it('twelve levels below the root are expanded; the thirteenth is an open schema of its kind', () => {
    const nest = (levels: number, leaf: unknown): unknown => (levels === 0 ? leaf : { type: 'object', properties: { n: nest(levels - 1, leaf) } });
    expect(ok(nest(12, { type: 'string' }))).toStrictEqual(nest(12, { type: 'string' }));
    expect(ok(nest(13, { type: 'string' }))).toStrictEqual(nest(13, { description: 'Nested too deeply; not expanded further.' }));
    expect(ok(nest(13, { type: 'array', items: { type: 'string' } }))).toStrictEqual(nest(13, { type: 'array', items: {}, description: 'Nested too deeply; not expanded further.' }));
    expect(ok(nest(13, { type: 'object', properties: { x: { type: 'string' } } }))).toStrictEqual(nest(13, { type: 'object', description: 'Nested too deeply; not expanded further.' }));
  });
});

describe('a schema cut short is not reused where it could be whole', () => {
  it('a ref opened below the ref depth of a shallower attempt is expanded where it is met higher up', () => {
    // X → D1 → D2 passes the limit until refs are expanded 2 levels deep; then X → P → T opens T,
    // while P met at the top still expands T.
    const open = (name: string) => ({ type: 'object', description: `${name}; not expanded at this depth (the schema is over ${SCHEMA_NODE_LIMIT} nodes inlined).` });
    const { schema, diagnostics } = normalize({
      schema: { type: 'object', properties: { x: { $ref: '#/components/schemas/X' }, p: { $ref: '#/components/schemas/P' } } },
      components: {
        X: { type: 'object', properties: { d: { $ref: '#/components/schemas/D1' }, p: { $ref: '#/components/schemas/P' } } },
        D1: { type: 'object', properties: { d2: { $ref: '#/components/schemas/D2' } } },
        D2: { type: 'object', properties: Object.fromEntries(Array.from({ length: SCHEMA_NODE_LIMIT }, (_, i) => [`f${i}`, { type: 'string' }])) },
        P: { type: 'object', properties: { t: { $ref: '#/components/schemas/T' } } },
        T: { type: 'object', properties: { v: { type: 'string' } } },
      },
    });
    expect(schema).toStrictEqual({
      type: 'object',
      properties: {
        x: { type: 'object', properties: { d: { type: 'object', properties: { d2: open('D2') } }, p: { type: 'object', properties: { t: open('T') } } } },
        p: { type: 'object', properties: { t: { type: 'object', properties: { v: { type: 'string' } } } } },
      },
    });
    expect(diagnostics).toHaveLength(1);
  });

  it('a ref met first at the depth cut is expanded whole where it is met shallow', () => {
    const nest = (levels: number, leaf: unknown): unknown => (levels === 0 ? leaf : { type: 'object', properties: { n: nest(levels - 1, leaf) } });
    const { schema } = normalize({
      schema: { type: 'object', properties: { deep: nest(11, { $ref: '#/components/schemas/A' }), shallow: { $ref: '#/components/schemas/A' } } },
      components: { A: { type: 'object', properties: { x: { type: 'object', properties: { y: { type: 'string' } } } } } },
    });
    const properties = schema['properties'] as Record<string, unknown>;
    expect(properties['deep']).toStrictEqual(nest(11, { type: 'object', properties: { x: { type: 'object', description: 'Nested too deeply; not expanded further.' } } }));
    expect(properties['shallow']).toStrictEqual({ type: 'object', properties: { x: { type: 'object', properties: { y: { type: 'string' } } } } });
  });
});

describe('a cycle made only of $refs is refused; recursion through a schema is bounded', () => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const errorsAndWarnings = (components: Record<string, unknown>, name: string) => normalize({ schema: ref(name), components }).diagnostics;

  it.each<{ readonly name: string; readonly components: Record<string, unknown>; readonly start: string; readonly want: string[] }>([
    {
      name: 'a schema that is only a $ref to itself',
      components: { A: ref('A') },
      start: 'A',
      want: ['error VMCP_REF_CYCLE /components/schemas/A/$ref: Schema A is nothing but a $ref to itself (A → A), so it describes no value'],
    },
    {
      name: 'two schemas that are only $refs to each other, at the $ref that closes the cycle',
      components: { A: ref('B'), B: ref('A') },
      start: 'A',
      want: ['error VMCP_REF_CYCLE /components/schemas/B/$ref: Schemas A → B → A are nothing but $refs to one another, so they never reach a schema and describe no value'],
    },
    {
      name: 'a $ref cycle entered through a chain, with a description beside a $ref',
      components: { Entry: ref('A'), A: { ...ref('B'), description: 'An A.' }, B: ref('A') },
      start: 'Entry',
      want: ['error VMCP_REF_CYCLE /components/schemas/B/$ref: Schemas A → B → A are nothing but $refs to one another, so they never reach a schema and describe no value'],
    },
    {
      name: 'an object whose property refers back to it (a tree): a warning, as before',
      components: { Node: { type: 'object', properties: { child: ref('Node') } } },
      start: 'Node',
      want: ['warning VMCP_SCHEMA_RECURSION /components/schemas/Node/properties/child: Schema Node refers to itself; the recursive branch is emitted as an open schema'],
    },
    {
      name: 'a $ref to a tree that refers back through the $ref: a warning, as before',
      components: { Node: ref('NodeImpl'), NodeImpl: { type: 'object', properties: { child: ref('Node') } } },
      start: 'Node',
      want: ['warning VMCP_SCHEMA_RECURSION /components/schemas/NodeImpl/properties/child: Schema Node refers to itself; the recursive branch is emitted as an open schema'],
    },
    {
      name: 'a $ref beside a constraint is a schema (nullable), so recursion: a warning',
      components: { A: { ...ref('B'), nullable: true }, B: ref('A') },
      start: 'A',
      want: ['warning VMCP_SCHEMA_RECURSION /components/schemas/B: Schema A refers to itself; the recursive branch is emitted as an open schema'],
    },
  ])('$name', ({ components, start, want }) => {
    expect(errorsAndWarnings(components, start)).toStrictEqual(want);
  });
});

describe('recursion opens a schema of the same kind', () => {
  const recursive = (components: Record<string, unknown>, name: string) => normalize({ schema: { $ref: `#/components/schemas/${name}` }, components });
  const note = (name: string) => `Recursive ${name}; not expanded further.`;

  it.each<{ readonly name: string; readonly components: Record<string, unknown>; readonly want: unknown }>([
    { name: 'an array of itself', components: { L: { type: 'array', items: { $ref: '#/components/schemas/L' } } }, want: { type: 'array', items: { type: 'array', items: {}, description: note('L') } } },
    { name: 'an object without properties', components: { M: { type: 'object', additionalProperties: { $ref: '#/components/schemas/M' } } }, want: { type: 'object', additionalProperties: { type: 'object', description: note('M') } } },
    { name: 'properties without a type', components: { P: { properties: { p: { $ref: '#/components/schemas/P' } } } }, want: { type: 'object', properties: { p: { type: 'object', description: note('P') } } } },
    { name: 'neither', components: { U: { oneOf: [{ $ref: '#/components/schemas/U' }, { type: 'string' }] } }, want: { oneOf: [{ description: note('U') }, { type: 'string' }] } },
  ])('$name', ({ name: _name, components, want }) => {
    const name = Object.keys(components)[0]!;
    expect(recursive(components, name).schema).toStrictEqual(want);
  });

  it('each recursive schema is warned about once', () => {
    const { diagnostics } = normalize({
      schema: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' }, b: { $ref: '#/components/schemas/B' }, c: { $ref: '#/components/schemas/A' } } },
      components: { A: { type: 'array', items: { $ref: '#/components/schemas/A' } }, B: { type: 'array', items: { $ref: '#/components/schemas/B' } } },
    });
    expect(diagnostics).toStrictEqual([
      'warning VMCP_SCHEMA_RECURSION /components/schemas/A/items: Schema A refers to itself; the recursive branch is emitted as an open schema',
      'warning VMCP_SCHEMA_RECURSION /components/schemas/B/items: Schema B refers to itself; the recursive branch is emitted as an open schema',
    ]);
  });

  it('a schema cut by recursion inside another is not reused where it could go deeper', () => {
    // A → B → A is cut at the inner A; B met first at the top expands A once more.
    const { schema } = normalize({
      schema: { type: 'object', properties: { x: { $ref: '#/components/schemas/A' }, y: { $ref: '#/components/schemas/B' } } },
      components: { A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } }, B: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' } } } },
    });
    expect(schema).toStrictEqual({
      type: 'object',
      properties: {
        x: { type: 'object', properties: { b: { type: 'object', properties: { a: { type: 'object', description: note('A') } } } } },
        y: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'object', description: note('B') } } } } },
      },
    });
  });
});

describe('a reused ref counts its whole size against the limit', () => {
  // W: 1 + 36 nodes; the root: 1 + 27 × 37 = 1,000 nodes exactly, the first W converted, the others reused.
  const wide = (extra: number) => ({
    schema: { type: 'object', properties: { ...Object.fromEntries(Array.from({ length: 27 }, (_, i) => [`w${i}`, { $ref: '#/components/schemas/W' }])), ...Object.fromEntries(Array.from({ length: extra }, (_, i) => [`s${i}`, { type: 'string' }])) } },
    components: { W: { type: 'object', properties: Object.fromEntries(Array.from({ length: 36 }, (_, i) => [`f${i}`, { type: 'string' }])) } },
  });

  it('exactly the limit: no warning', () => {
    expect(normalize(wide(0)).diagnostics).toStrictEqual([]);
  });

  it('one node more: the limit is named, and the root still keeps every field', () => {
    const { schema, diagnostics } = normalize(wide(1));
    expect(Object.keys(schema['properties'] as object)).toHaveLength(28);
    expect(diagnostics).toStrictEqual([`warning VMCP_SCHEMA_SIZE_LIMIT /s: Inlining every $ref here passes ${SCHEMA_NODE_LIMIT} schema nodes; referenced schemas are expanded 1 level(s) deep and deeper ones are open objects`]);
  });

});

describe('an attempt over the limit leaves no warnings behind', () => {
  // D1 → D2 → D3 with D3 past the limit alone: every attempt fails until refs are expanded 2 levels deep.
  const components = {
    R: { type: 'array', items: { $ref: '#/components/schemas/R' } },
    D1: { type: 'object', properties: { d2: { $ref: '#/components/schemas/D2' } } },
    D2: { type: 'object', properties: { d3: { $ref: '#/components/schemas/D3' } } },
    D3: { type: 'object', properties: Object.fromEntries(Array.from({ length: SCHEMA_NODE_LIMIT }, (_, i) => [`f${i}`, { type: 'string' }])) },
  };
  // p before d: every failed attempt reports p's pattern before it passes the limit.
  const schema = { type: 'object', properties: { r: { $ref: '#/components/schemas/R' }, p: { type: 'string', pattern: '(?<!a)\\p{Foo}' }, d: { $ref: '#/components/schemas/D1' } } };
  const limit = (at: string) => `warning VMCP_SCHEMA_SIZE_LIMIT ${at}: Inlining every $ref here passes ${SCHEMA_NODE_LIMIT} schema nodes; referenced schemas are expanded 2 level(s) deep and deeper ones are open objects`;

  it('only the warnings of the attempt that stands, once each', () => {
    const { diagnostics } = normalize({ schema, components });
    expect(diagnostics).toStrictEqual([
      'warning VMCP_SCHEMA_RECURSION /components/schemas/R/items: Schema R refers to itself; the recursive branch is emitted as an open schema',
      'warning VMCP_PATTERN_UNSUPPORTED /s/properties/p/pattern: Pattern "(?<!a)\\\\p{Foo}" is not a valid ECMAScript regex; it is not enforced',
      limit('/s'),
    ]);
  });

  it('a warning given before, for another schema of the same document, is not given again', () => {
    const context = createBuildContext({ file: 'spec.yaml', root: { components: { schemas: components } }, locate: () => undefined });
    normalizeSchema({ context, schema: { $ref: '#/components/schemas/R' }, at: '/first', direction: 'input' });
    normalizeSchema({ context, schema, at: '/second', direction: 'input' });
    expect(context.diagnostics.map((d) => `${d.code} ${d.location.pointer}`)).toStrictEqual(['VMCP_SCHEMA_RECURSION /components/schemas/R/items', 'VMCP_PATTERN_UNSUPPORTED /second/properties/p/pattern', 'VMCP_SCHEMA_SIZE_LIMIT /second']);
  });
});

describe('report: a diagnostic keeps what its builder said', () => {
  it('a fix given replaces the code\'s documented one', () => {
    const context = createBuildContext({ file: 'a.json', root: {}, locate: () => undefined });
    report({ context, code: 'VMCP_NOT_OPENAPI', pointer: '/a', message: 'without' });
    report({ context, code: 'VMCP_NOT_OPENAPI', pointer: '/b', message: 'with a fix', fix: 'Convert it first.' });
    const [documented, given] = context.diagnostics.map((d) => d.fix);
    expect({ given, differs: documented !== given }).toStrictEqual({ given: 'Convert it first.', differs: true });
  });
});

describe('names an object inherits are a document\'s names like any other', () => {
  it('a property named __proto__ stays an own property, and stays required', () => {
    const given = JSON.parse('{"type":"object","required":["__proto__","name"],"properties":{"__proto__":{"type":"string"},"name":{"type":"string"}}}');
    const { schema } = normalize({ schema: given });
    const properties = schema['properties'] as Record<string, unknown>;
    expect(Object.keys(properties)).toStrictEqual(['__proto__', 'name']);
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(schema['required']).toStrictEqual(['__proto__', 'name']);
  });

  it('a required name no property declares is dropped, even one every object inherits', () => {
    const { schema } = normalize({ schema: { type: 'object', required: ['constructor', 'toString', 'a'], properties: { a: { type: 'string' } } } });
    expect(schema['required']).toStrictEqual(['a']);
  });
});

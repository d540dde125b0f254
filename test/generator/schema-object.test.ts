import { describe, expect, it } from 'vitest';
import { createBuildContext } from '../../generator/ir/from-openapi/build-context.ts';
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

  it('a densely linked graph of schemas ends bounded, every root field kept', () => {
    const names = Array.from({ length: 8 }, (_, i) => `E${i}`);
    const entity = (self: string) => ({ type: 'object', properties: Object.fromEntries(names.filter((n) => n !== self).map((n) => [n.toLowerCase(), { $ref: `#/components/schemas/${n}` }])) });
    const { schema, diagnostics } = normalize({ schema: { $ref: '#/components/schemas/E0' }, components: Object.fromEntries(names.map((n) => [n, entity(n)])) });
    expect(Object.keys(schema['properties'] as object)).toStrictEqual(names.slice(1).map((n) => n.toLowerCase()));
    expect((JSON.stringify(schema).match(/"type":/g) ?? []).length).toBeLessThanOrEqual(SCHEMA_NODE_LIMIT);
    expect(diagnostics.filter((d) => d.includes('VMCP_SCHEMA_SIZE_LIMIT'))).toHaveLength(1);
  });
});

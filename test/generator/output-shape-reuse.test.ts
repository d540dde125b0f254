import { describe, expect, it } from 'vitest';
import { buildFromText } from '../support/generate-in-memory.ts';

/**
 * Output shapes are computed once per schema, depth and ref stack and reused across operations
 * (output-shape.ts, Memo). Each case builds several operations in one document, so a reuse that
 * ignored the stack, the depth or a failed ref would hand one operation another's shape.
 */
function doc(input: { readonly responses: readonly unknown[]; readonly schemas: Record<string, unknown> }): string {
  const paths = Object.fromEntries(
    input.responses.map((schema, index) => [
      `/op${index}`,
      { get: { operationId: `op${index}`, 'x-mcp': { resource: `op${index}`, method: 'get', description: 'Get.' }, responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } } } },
    ]),
  );
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Acme', version: '1' },
    servers: [{ url: 'https://api.acme.test' }],
    'x-mcp': { vendor: 'Acme', package: 'acme', title: 'Acme', envPrefix: 'ACME', auth: { scheme: 'bearer', env: 'ACME_TOKEN' } },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: input.schemas },
    paths,
  });
}

/** Output schemas in operation order (tools are listed by name, op0 … op9). */
function outputsOf(input: Parameters<typeof doc>[0]): { readonly outputs: unknown[]; readonly refErrors: number } {
  const { api, diagnostics } = buildFromText({ text: doc(input), file: 'acme.json' });
  const refErrors = diagnostics.filter((d) => d.code === 'VMCP_REF_NOT_FOUND').length;
  return { outputs: api === undefined ? [] : [...api.tools].sort((a, b) => (a.name < b.name ? -1 : 1)).map((tool) => tool.outputSchema), refErrors };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const OBJECT = { type: 'object' };
const STRING = { type: 'string' };

// A and B refer to each other: which one is cut depends on which was entered first.
const CYCLE = {
  A: { type: 'object', properties: { b: ref('B') } },
  B: { type: 'object', properties: { a: ref('A'), name: STRING } },
};
// B reached at depth 1 from inside A: A is on the stack, so B's `a` is cut to an open object.
const VIA_A = { responses: [ref('A')], want: { type: 'object', properties: { b: { type: 'object', properties: { a: OBJECT, name: STRING } } } } };
// B reached at depth 1 with nothing on the stack: B's `a` is A with its `b` (depth 3, types only).
const FRESH = {
  responses: [{ type: 'object', properties: { x: ref('B') } }],
  want: { type: 'object', properties: { x: { type: 'object', properties: { a: { type: 'object', properties: { b: OBJECT } }, name: STRING } } } },
};

describe('a shape reused across operations is the shape each would get alone', () => {
  it.each([
    { name: 'no operation uses the shared schema', count: 0 },
    { name: 'one operation', count: 1 },
    { name: 'many operations', count: 4 },
  ])('a shared subtree reached by ref: $name', ({ count }) => {
    const schemas = { Item: { type: 'object', properties: { id: STRING, tags: { type: 'array', items: ref('Tag') } } }, Tag: { type: 'object', properties: { label: STRING } } };
    const item = { type: 'object', properties: { id: STRING, tags: { type: 'array', items: { type: 'object', properties: { label: STRING } } } } };
    // Each operation reaches Item at another depth or through another wrapper, then once more as the first did.
    const uses = [ref('Item'), { type: 'object', properties: { item: ref('Item') } }, { type: 'array', items: ref('Item') }, ref('Item')].slice(0, count);
    // One level down, Tag falls at depth 3: its type only.
    const deeper = { type: 'object', properties: { id: STRING, tags: { type: 'array', items: OBJECT } } };
    const wants = [item, { type: 'object', properties: { item: deeper } }, { type: 'object', properties: { items: { type: 'array', items: deeper } } }, item].slice(0, count);
    const { outputs } = outputsOf({ responses: [{ type: 'object', properties: { n: { type: 'integer' } } }, ...uses], schemas });
    expect(outputs).toStrictEqual([{ type: 'object', properties: { n: { type: 'integer' } } }, ...wants]);
  });

  it('a cycle: the schema first met with a cut, then without', () => {
    expect(outputsOf({ responses: [...VIA_A.responses, ...FRESH.responses], schemas: CYCLE }).outputs).toStrictEqual([VIA_A.want, FRESH.want]);
  });

  it('a cycle: the schema first met without a cut, then with', () => {
    expect(outputsOf({ responses: [...FRESH.responses, ...VIA_A.responses], schemas: CYCLE }).outputs).toStrictEqual([FRESH.want, VIA_A.want]);
  });

  it('a cycle met twice the same way: the same shape both times', () => {
    expect(outputsOf({ responses: [...VIA_A.responses, ...VIA_A.responses], schemas: CYCLE }).outputs).toStrictEqual([VIA_A.want, VIA_A.want]);
  });

  it('a schema met under two stacks of one ref each: each keeps its own cut', () => {
    // X is reached at depth 1 from A and from B; each stack cuts a different one of X's properties.
    const schemas = { X: { type: 'object', properties: { a: ref('A'), b: ref('B') } }, A: { type: 'object', properties: { x: ref('X') } }, B: { type: 'object', properties: { x: ref('X') } } };
    const fromA = { type: 'object', properties: { x: { type: 'object', properties: { a: OBJECT, b: { type: 'object', properties: { x: OBJECT } } } } } };
    const fromB = { type: 'object', properties: { x: { type: 'object', properties: { a: { type: 'object', properties: { x: OBJECT } }, b: OBJECT } } } };
    expect(outputsOf({ responses: [ref('A'), ref('B')], schemas }).outputs).toStrictEqual([fromA, fromB]);
  });

  it('a reused inner shape still counts toward what the outer shape depends on', () => {
    // Y is reused inside P; P must still be recomputed where C, which only Y meets, is on the stack.
    const schemas = { C: { type: 'array', items: ref('P') }, P: { type: 'object', properties: { y: ref('Y') } }, Y: { type: 'object', properties: { c: ref('C') } } };
    const yFree = { type: 'object', properties: { c: { type: 'array', items: {} } } };
    const yCut = { type: 'object', properties: { c: OBJECT } };
    const responses = [{ type: 'object', properties: { q: { type: 'object', properties: { y: ref('Y') } } } }, { type: 'object', properties: { p: ref('P') } }, ref('C')];
    expect(outputsOf({ responses, schemas }).outputs).toStrictEqual([
      { type: 'object', properties: { q: { type: 'object', properties: { y: yFree } } } },
      { type: 'object', properties: { p: { type: 'object', properties: { y: yFree } } } },
      { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { y: yCut } } } } },
    ]);
  });

  it('a ref that does not resolve is reported at every use, not once', () => {
    const schemas = { Holder: { type: 'object', properties: { missing: ref('Missing') } } };
    expect(outputsOf({ responses: [ref('Holder'), ref('Holder'), ref('Holder')], schemas }).refErrors).toBe(3);
  });
});

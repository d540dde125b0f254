import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layout } from '../../generator/emit/ts/code-layout.ts';
import { schemaCode } from '../../generator/emit/ts/shared-schemas-module.ts';
import type { JsonSchema, ToolIR } from '../../generator/ir/types.ts';
import { SHARED_SCHEMA_MIN_CHARS, sharedSchemas } from '../../generator/plan/shared-schemas.ts';
import { REPO_ROOT, VENDORS } from '../../scripts/shared/repo-root.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';

function toolWith(input: { readonly inputSchema: JsonSchema; readonly outputSchema?: JsonSchema }): ToolIR {
  return { inputSchema: input.inputSchema, outputSchema: input.outputSchema ?? { type: 'object' } } as unknown as ToolIR;
}

/** An object schema whose compact JSON is exactly `chars` long. */
function pieceOf(chars: number, tag = 'x'): JsonSchema {
  const base = { type: 'object', description: '' };
  return { type: 'object', description: tag.repeat(chars - JSON.stringify(base).length) };
}

/** A tool whose input has the piece under `key`: tools built with other keys share the piece, not their whole schema. */
const holding = (piece: JsonSchema, key = 'a') => toolWith({ inputSchema: { type: 'object', properties: { [key]: piece } } });

describe('sharedSchemas: which pieces of a package are written once', () => {
  it(`a piece of ${SHARED_SCHEMA_MIN_CHARS} characters in two tools is shared; one character less, or in one place only, stays inline`, () => {
    const atLimit = pieceOf(SHARED_SCHEMA_MIN_CHARS);
    expect(JSON.stringify(atLimit)).toHaveLength(SHARED_SCHEMA_MIN_CHARS);
    const shared = sharedSchemas([holding(atLimit), holding({ ...atLimit }, 'b')]);
    expect(shared.parts.map((part) => part.value)).toStrictEqual([atLimit]);
    expect(shared.nameOf(atLimit)).toMatch(/^schema_[0-9a-f]{12}$/);
    expect(sharedSchemas([holding(pieceOf(SHARED_SCHEMA_MIN_CHARS - 1)), holding(pieceOf(SHARED_SCHEMA_MIN_CHARS - 1), 'b')]).parts).toStrictEqual([]);
    expect(sharedSchemas([holding(atLimit), holding(pieceOf(SHARED_SCHEMA_MIN_CHARS, 'y'), 'b')]).parts).toStrictEqual([]);
  });

  it('the same content with keys in another order is another piece: listing order is part of the bytes', () => {
    const piece = pieceOf(SHARED_SCHEMA_MIN_CHARS);
    const reordered = { description: piece['description'], type: 'object' };
    expect(sharedSchemas([holding(piece), holding(reordered, 'b')]).parts).toStrictEqual([]);
  });

  it('a piece inside a shared piece comes first, so each is defined before it is named; the name follows the content only', () => {
    const inner = pieceOf(SHARED_SCHEMA_MIN_CHARS, 'i');
    const outer = { type: 'object', properties: { inner, more: pieceOf(SHARED_SCHEMA_MIN_CHARS, 'm') } };
    const shared = sharedSchemas([holding(outer), holding(outer, 'b'), toolWith({ inputSchema: { type: 'object' }, outputSchema: { type: 'object', properties: { c: inner } } })]);
    expect(shared.parts.map((part) => part.value)).toStrictEqual([inner, outer]);
    expect(sharedSchemas([holding(inner), holding(inner, 'b')]).nameOf(inner)).toBe(shared.nameOf(inner));
  });

  it('a repeated piece found only inside one shared piece stays inline there: it is built once either way', () => {
    const inner = pieceOf(SHARED_SCHEMA_MIN_CHARS, 'i');
    const outer = { type: 'object', properties: { inner } };
    const shared = sharedSchemas([holding(outer), holding(outer, 'b')]);
    expect(shared.parts.map((part) => part.value)).toStrictEqual([outer]);
    expect(shared.nameOf(inner)).toBeUndefined();
  });

  it('two tools with one whole schema share it whole, not its parts', () => {
    const piece = pieceOf(SHARED_SCHEMA_MIN_CHARS);
    const shared = sharedSchemas([holding(piece), holding(piece)]);
    expect(shared.parts.map((part) => part.value)).toStrictEqual([{ type: 'object', properties: { a: piece } }]);
  });
});

describe('schemaCode: a schema with its shared pieces named', () => {
  it('names the shared pieces, prints the rest as JSON, and collects the names for the import', () => {
    const piece = pieceOf(SHARED_SCHEMA_MIN_CHARS);
    const schema = { type: 'object', properties: { a: piece, b: { type: 'string' } }, required: ['a'] };
    const shared = sharedSchemas([toolWith({ inputSchema: schema }), holding(piece, 'c')]);
    const used = new Set<string>();
    const name = shared.nameOf(piece)!;
    expect(layout(schemaCode({ value: schema, shared, used }))).toBe(`{\n  "type": "object",\n  "properties": {\n    "a": ${name},\n    "b": {\n      "type": "string"\n    },\n  },\n  "required": [\n    "a"\n  ],\n}`);
    expect([...used]).toStrictEqual([name]);
    expect(layout(schemaCode({ value: piece, shared, used: new Set(), own: name }))).toBe(JSON.stringify(piece, null, 2));
  });
});

describe.each(VENDORS)('generated/%s: the tool modules with their shared pieces', (vendor) => {
  it('give the schemas tools.json records, in the same key order', async () => {
    const { tools } = (await import(`../../generated/${vendor}/src/tools/index.ts`)) as { tools: readonly ToolDefinition[] };
    const recorded = new Map((JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'tools.json'), 'utf8')) as { tools: ToolDefinition[] }).tools.map((tool) => [tool.name, tool]));
    const schemas = (pick: (name: string) => Pick<ToolDefinition, 'inputSchema' | 'outputSchema'>) => JSON.stringify(tools.map((tool) => [pick(tool.name).inputSchema, pick(tool.name).outputSchema]));
    expect(schemas((name) => tools.find((tool) => tool.name === name)!)).toBe(schemas((name) => recorded.get(name)!));
  });
});

describe('sharedSchemas: one object held at many places decides as copies of it would', () => {
  const copy = <T>(value: T): T => structuredClone(value);
  const decided = (tools: readonly ToolIR[]) => sharedSchemas(tools).parts.map((part) => JSON.stringify(part.value));

  it.each([0, 1, 2, 3, 40])('an outer piece in %i tools, with an inner piece also met once on its own', (count) => {
    const inner = pieceOf(SHARED_SCHEMA_MIN_CHARS, 'i');
    const outer = { type: 'object', properties: { inner, more: pieceOf(SHARED_SCHEMA_MIN_CHARS, 'm') } };
    const alone = holding(inner, 'alone');
    const sharedObjects = [...Array.from({ length: count }, (_, index) => holding(outer, `k${index}`)), alone];
    const copies = sharedObjects.map(copy);
    expect(decided(sharedObjects)).toStrictEqual(decided(copies));
  });

  it('a piece met twice inside one tool only, through a shared holder met once, is still repeated', () => {
    const piece = pieceOf(SHARED_SCHEMA_MIN_CHARS);
    const holder = { type: 'object', properties: { a: piece, b: piece } };
    const tool = holding(holder);
    expect(decided([tool])).toStrictEqual([JSON.stringify(piece)]);
    expect(decided([tool])).toStrictEqual(decided([copy(tool)]));
  });
});

import { describe, expect, it } from 'vitest';
import { modelVisibleTokens } from '../../generator/shared/model-tokens.ts';
import { floorTokensPerTool, floorTool, tokenFloorRow, tokenFloors } from '../../scripts/bench/token-floor.ts';

/** A Stripe-like write: described top-level parameters, a nested object, an enum, a pattern, bounds, an array. */
const tool = {
  name: 'create_a_sink',
  description: 'Create a new Sink.',
  inputSchema: {
    type: 'object',
    properties: {
      sid: { type: 'string', pattern: '^DG[0-9a-f]{32}$', description: 'The unique string that identifies the Sink.' },
      kind: { type: 'string', enum: ['kinesis', 'webhook'], description: 'The Sink type.' },
      page_size: { type: 'integer', minimum: 1, maximum: 1000, description: 'How many to return.' },
      shipping: { type: 'object', description: 'Where to ship.', properties: { name: { type: 'string', description: 'Recipient.' } }, required: ['name'] },
      tags: { type: 'array', items: { type: 'string', description: 'One tag.' }, description: 'Tags.' },
      either: { anyOf: [{ type: 'string' }, { type: 'integer' }], description: 'A union.' },
    },
    required: ['sid', 'kind'],
  },
};

describe('token floors: our listing cut down, every parameter kept', () => {
  it('the constraints floor keeps each parameter with its type, enum, pattern and bounds, and nothing nested or described', () => {
    expect(floorTool({ tool, kind: 'constraints' })).toEqual({
      name: 'create_a_sink',
      description: 'Create a new Sink.',
      inputSchema: {
        type: 'object',
        properties: {
          sid: { type: 'string', pattern: '^DG[0-9a-f]{32}$' },
          kind: { type: 'string', enum: ['kinesis', 'webhook'] },
          page_size: { type: 'integer', minimum: 1, maximum: 1000 },
          shipping: { type: 'object' },
          tags: { type: 'array', items: {} },
          either: {},
        },
        required: ['sid', 'kind'],
      },
    });
  });

  it('the types floor keeps each parameter name with its type alone; an array keeps items', () => {
    expect(floorTool({ tool, kind: 'types' }).inputSchema).toEqual({
      type: 'object',
      properties: { sid: { type: 'string' }, kind: { type: 'string' }, page_size: { type: 'integer' }, shipping: { type: 'object' }, tags: { type: 'array', items: {} }, either: {} },
      required: ['sid', 'kind'],
    });
  });

  it('a tool without parameters or required keeps an empty object and no required', () => {
    expect(floorTool({ tool: { name: 'ping' }, kind: 'constraints' }).inputSchema).toEqual({ type: 'object', properties: {} });
    expect(floorTool({ tool: { name: 'ping', inputSchema: { type: 'object', properties: { a: 'not a schema' } } }, kind: 'types' }).inputSchema).toEqual({ type: 'object', properties: { a: {} } });
  });

  it('counts as the target rows count: the same tokenizer, rounded per tool, and 0 for no tools', () => {
    const other = { ...tool, name: 'create_another_sink_with_a_longer_name' };
    const exact = (modelVisibleTokens(floorTool({ tool, kind: 'types' })) + modelVisibleTokens(floorTool({ tool: other, kind: 'types' }))) / 2;
    expect(floorTokensPerTool({ tools: [tool, other], kind: 'types' })).toBe(Math.round(exact));
    expect(floorTokensPerTool({ tools: [], kind: 'types' })).toBe(0);
    const floors = tokenFloors([tool]);
    expect(floors.types).toBeLessThan(floors.constraints);
    expect(floors.constraints).toBeLessThan(modelVisibleTokens(tool));
  });

  it('words the informative row with each floor and its share of the peer', () => {
    expect(tokenFloorRow({ label: 'Stripe', floors: { constraints: 150, types: 101 }, peer: { generator: 'openapi-mcp-generator', tokensPerTool: 198 } })).toEqual({
      target: "What ≤ 60 % would take (informative): our listing cut down, every tool's name and description and every parameter kept: Stripe",
      measured: "no parameter description and no nested field: 150 a tool (76 % of openapi-mcp-generator's 198); also no enum, pattern, format or bound, types only: 101 (51 %)",
      verdict: 'informative',
    });
  });
});

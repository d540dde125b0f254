import { describe, expect, it } from 'vitest';
import { buildApi } from '../../generator/ir/from-openapi/api-document.ts';
import { parseDocumentText } from '../../generator/load/parse-document.ts';
import { splitResource } from '../../generator/ir/naming.ts';
import { buildFromText } from '../support/generate-in-memory.ts';
import { surfaceOf } from '../../generator/ir/tool-surface.ts';

const doc = {
  openapi: '3.1.0',
  info: { title: 'T', version: '1' },
  servers: [{ url: 'https://t.test' }],
  'x-mcp': {
    vendor: 'T', package: 't', title: 'T', envPrefix: 'T', auth: { scheme: 'b', env: 'T_TOKEN' },
    variants: { objectKey: { payload: 'json', schemas: { order: { $ref: '#/components/schemas/Order' }, invoice: { $ref: '#/components/schemas/Invoice' } } } },
  },
  components: {
    securitySchemes: { b: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Order: { type: 'object', additionalProperties: false, properties: { id: { type: 'string', readOnly: true }, notes: { type: 'string' } } },
      Invoice: { type: 'object', additionalProperties: false, properties: { subTotal: { type: 'integer', readOnly: true }, customer: { type: 'object' } }, required: ['customer'] },
    },
  },
  paths: {
    '/objects': {
      post: {
        'x-mcp': { resource: 'object', method: 'create', description: 'Create.', variants: 'objectKey' },
        requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['objectKey', 'json'], properties: { objectKey: { type: 'string' }, json: { type: 'object', description: 'Fields.' } } } } } },
        responses: { 200: { description: 'ok' } },
      },
    },
  },
};

// Built inside each test, never while the file is collected: code run at collection is what Stryker
// calls static, so a mutant there is run against every test and cannot be told apart per test.
const family = () => buildFromText({ text: JSON.stringify(doc), file: 't.json' });

function splitFamily() {
  const parsed = parseDocumentText({ file: 't.json', text: JSON.stringify(doc) });
  if ('diagnostics' in parsed) throw new Error('fixture did not parse');
  return buildApi({ document: parsed.document, split: true });
}

describe('variant families', () => {
  it('narrow the discriminator and nest the union under the payload, never at the root', () => {
    const { api, diagnostics } = family();
    const tool = api!.tools[0]!;
    expect(diagnostics).toStrictEqual([]);
    const properties = tool.inputSchema['properties'] as Record<string, Record<string, unknown>>;
    expect(properties['object_key']).toStrictEqual({ type: 'string', enum: ['order', 'invoice'] });
    expect(properties['json']).toStrictEqual({
      type: 'object',
      description: 'Fields. Its fields depend on object_key: get that type\'s exact shape from t_object_key_schema; it is checked before anything is sent.',
    });
    for (const keyword of ['anyOf', 'oneOf', 'allOf']) expect(tool.inputSchema[keyword]).toBeUndefined();
    expect(tool.variants).toStrictEqual({ family: 'objectKey', discriminatorArg: 'object_key', payloadArg: 'json' });
    expect(api!.families.map((f) => f.variants.map((v) => v.name))).toStrictEqual([['order', 'invoice']]);
  });

  it('give the family one schema tool, listed with the tools, whose shapes are closed at every depth as enforced', () => {
    const { api } = family();
    const first = api!.families[0]!;
    expect(first.shapes).toStrictEqual({
      order: { type: 'object', properties: { notes: { type: 'string' } }, additionalProperties: false },
      invoice: { type: 'object', properties: { customer: { type: 'object' } }, required: ['customer'], additionalProperties: false },
    });
    expect(first.schemaTool).toMatchObject({
      name: 't_object_key_schema',
      discriminatorArg: 'object_key',
      inputSchema: { type: 'object', properties: { object_key: { type: 'string', enum: ['order', 'invoice'] } }, required: ['object_key'], additionalProperties: false },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    });
    expect(first.schemaTool!.description).toContain('as create_a_t_object check it before anything is sent');
    expect(surfaceOf(api!).map((t) => t.name)).toStrictEqual(['create_a_t_object', 't_object_key_schema']);
  });
});

describe('split mode', () => {
  it('emits one tool per variant with that variant\'s exact fields and no discriminator input', () => {
    const { api } = splitFamily();
    expect(api!.tools.map((t) => t.name)).toStrictEqual(['create_a_t_invoice', 'create_a_t_order']);
    const order = api!.tools.find((t) => t.name === 'create_a_t_order')!;
    expect(order.inputSchema).toStrictEqual({
      type: 'object',
      properties: {
        json: { type: 'object', additionalProperties: false, properties: { notes: { type: 'string' } }, description: 'order fields.' },
        dry_run: { type: 'boolean', description: 'Return the request instead of sending it.' },
      },
      required: ['json'],
      additionalProperties: false,
    });
    expect(order.variants).toStrictEqual({ family: 'objectKey', discriminatorArg: 'object_key', payloadArg: 'json', fixed: 'order' });
    expect(order.args.map((a) => a.name)).toStrictEqual(['object_key', 'json']);
  });

  it.each([
    { given: { resource: 'object', variant: 'order' }, want: 'order' },
    { given: { resource: 'objects', variant: 'address' }, want: 'addresses' },
    { given: { resource: 'objects_external', variant: 'financialLineItem' }, want: 'financial_line_item_external' },
  ])('splitResource($given.resource, $given.variant) = $want', ({ given, want }) => expect(splitResource(given)).toBe(want));
});

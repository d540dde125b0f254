import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../scripts/simulator/index.ts';
import { readAssets } from '../../generator/load/read-assets.ts';
import { overlaysBeside, readOverlaidSpec } from '../../generator/load/read-inputs.ts';
import { generatePackage } from '../../generator/pipeline.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { startStack, wire, type McpStack } from '../../scripts/shared/mcp-stack.ts';
import { packageBin } from '../../scripts/shared/package-bin.ts';

const CUSTOMER = { id: '6f1c2a0e-1111-4a2b-8c3d-000000000001' };

function text(result: { content: unknown[] }): string {
  return (result.content[0] as { text: string }).text;
}

describe('Rose Rocket generic object tools validate json per objectKey before any request', () => {
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startStack('roserocket');
  });
  afterAll(async () => stack?.close());

  it('a valid order create is sent exactly', async () => {
    const json = { customer: CUSTOMER, notes: 'Handle with care' };
    const { requests } = await stack.call('create_a_roserocket_object', { object_key: 'order', json });
    expect(requests.map(wire)).toStrictEqual([{ method: 'POST', path: '/objects', query: {}, body: { objectKey: 'order', json }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
  });

  it('a valid commodity upsert by external id is sent exactly', async () => {
    const json = { freightClass: '70', weight: 1200 };
    const { requests } = await stack.call('update_a_roserocket_objects_external_by_id', { object_key: 'commodity', external_id: 'C-77', json });
    expect(requests.map(wire)).toStrictEqual([{ method: 'PATCH', path: '/objects/commodity/C-77/external', query: {}, body: { objectKey: 'commodity', json }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
  });

  it('refuses a field of another objectKey, names its owner and lists the valid fields, with zero requests', async () => {
    const { requests, result } = await stack.call('create_a_roserocket_object', { object_key: 'order', json: { customer: CUSTOMER, lineItems: [] } });
    expect(requests).toStrictEqual([]);
    expect(text(result)).toMatch(/^Refused: json does not fit object_key "order": "lineItems" is not a field of order \(it belongs to [a-zA-Z, ]*invoice[a-zA-Z, ]*\)\. Valid fields for order: status, customer, partner, tasks, .*notes, hazmatClass__c, externalId, source\. Nothing was sent\.$/);
  });

  it.each([
    { where: 'customer', json: { customer: { ...CUSTOMER, deleteAll: true } }, want: '"customer.deleteAll" is not a field of order\'s customer' },
    { where: 'partner', json: { customer: CUSTOMER, partner: { id: CUSTOMER.id, deleteAll: true } }, want: '"partner.deleteAll" is not a field of order\'s partner' },
  ])('refuses an unknown key nested under $where, naming its path, with zero requests', async ({ json, want }) => {
    const { requests, result } = await stack.call('create_a_roserocket_object', { object_key: 'order', json });
    expect(requests).toStrictEqual([]);
    expect(text(result)).toContain(want);
  });

  it('refuses a derived field (invoice.subTotal) with zero requests', async () => {
    const { requests, result } = await stack.call('update_a_roserocket_object_by_id', { record_id: '6f1c2a0e-1111-4a2b-8c3d-000000000002', object_key: 'invoice', json: { subTotal: { amount: 100, currencyCode: 'USD' } } });
    expect(requests).toStrictEqual([]);
    expect(text(result)).toContain('"subTotal" is not a writable field of invoice');
  });

  it('refuses a bare string where a reference object is required', async () => {
    const { requests, result } = await stack.call('create_a_roserocket_object', { object_key: 'order', json: { customer: CUSTOMER.id } });
    expect(requests).toStrictEqual([]);
    expect(text(result)).toContain('"customer": Invalid input: expected object, received string');
  });

  it('every declared objectKey accepts a valid write, sent exactly as given', async () => {
    const { tools } = await stack.client.listTools();
    const schemaTool = tools.find((t) => t.name === 'roserocket_object_key_schema')!;
    const keys = ((schemaTool.inputSchema.properties as Record<string, { enum: string[] }>)['object_key']!).enum;
    expect(keys.length).toBeGreaterThanOrEqual(12);
    for (const key of ['order', 'task', 'customer', 'address', 'invoice', 'commodity', 'stop', 'manifest', 'partner', 'contact', 'quote', 'tag']) expect(keys).toContain(key);
    for (const objectKey of keys) {
      const json = { externalId: `E-${objectKey}` };
      const { requests } = await stack.call('roserocket_objects_upsert', { object_key: objectKey, json });
      expect(requests.map(wire), objectKey).toStrictEqual([{ method: 'PATCH', path: '/objects', query: {}, body: { objectKey, json }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    }
  });

  it('refuses a reference missing its required id, with zero requests', async () => {
    const { requests, result } = await stack.call('create_a_roserocket_object', { object_key: 'invoice', json: { customer: {} } });
    expect(requests).toStrictEqual([]);
    expect(text(result)).toContain('"customer.id"');
  });

  it('sends a custom __c type and a documented but undeclared type on the general path, json unchecked, and says so in the listing', async () => {
    for (const objectKey of ['load__c', 'payStub']) {
      const json = { externalId: `X-${objectKey}`, anything__c: 'kept', amount: 3 };
      const { requests, result } = await stack.call('create_a_roserocket_object', { object_key: objectKey, json });
      expect(requests.map(wire), objectKey).toStrictEqual([{ method: 'POST', path: '/objects', query: {}, body: { objectKey, json }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
      expect((result.structuredContent as Record<string, unknown>)['anything__c'], objectKey).toBe('kept');
    }
    const { tools } = await stack.client.listTools();
    const create = tools.find((t) => t.name === 'create_a_roserocket_object')!;
    const props = create.inputSchema.properties as Record<string, { description: string; anyOf?: unknown }>;
    expect(props['object_key']!.description).toContain('any other value (custom types included) is sent with its fields unchecked.');
    expect(props['json']!.description).toContain('get that type\'s exact shape from roserocket_object_key_schema');
    expect(props['json']!.anyOf).toBeUndefined();
    const schemaTool = tools.find((t) => t.name === 'roserocket_object_key_schema')!;
    expect(schemaTool.description).toContain('Any object_key not listed here (custom types end in __c) is sent with json unchecked.');
  });

  it('accepts a custom __c field in every declared type, but still refuses a misspelt declared field', async () => {
    const json = { notes: 'ok', loadWindow__c: '08:00-10:00' };
    const { requests } = await stack.call('create_a_roserocket_object', { object_key: 'order', json });
    expect(requests.map(wire)).toStrictEqual([{ method: 'POST', path: '/objects', query: {}, body: { objectKey: 'order', json }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    const typo = await stack.call('create_a_roserocket_object', { object_key: 'order', json: { note: 'typo' } });
    expect(typo.requests).toStrictEqual([]);
    expect(text(typo.result)).toContain('"note" is not a writable field of order');
  });

  it('sends json only when given: objectKey alone is a valid create, as the vendor publishes', async () => {
    const { requests } = await stack.call('create_a_roserocket_object', { object_key: 'task' });
    expect(requests.map(wire)).toStrictEqual([{ method: 'POST', path: '/objects', query: {}, body: { objectKey: 'task' }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
  });

  it('leaves reads open to any objectKey (custom types included)', async () => {
    const { requests } = await stack.call('get_single_roserocket_objects_external_by_id', { object_key: 'load__c', external_id: 'X-1' });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toStrictEqual(['GET /objects/load__c/X-1/external']);
  });
});

describe('the schema tool: each objectKey\'s exact shape in one call, and that shape is what the write tools enforce', () => {
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startStack('roserocket');
  });
  afterAll(async () => stack?.close());

  type Shape = { properties: Record<string, { properties?: Record<string, unknown> }>; additionalProperties: boolean; patternProperties: Record<string, unknown>; required?: string[] };
  async function shapeOf(objectKey: string): Promise<Shape> {
    const { requests, result } = await stack.call('roserocket_object_key_schema', { object_key: objectKey });
    expect(requests).toStrictEqual([]);
    expect(result.isError).toBeUndefined();
    const structured = result.structuredContent as { object_key: string; schema: Shape };
    expect(structured.object_key).toBe(objectKey);
    expect(JSON.parse(text(result))).toStrictEqual(structured);
    return structured.schema;
  }

  it('is listed once, read-only, beside the four write tools that point to it, which no longer carry the union', async () => {
    const { tools } = await stack.client.listTools();
    const schemaTool = tools.find((t) => t.name === 'roserocket_object_key_schema')!;
    expect(schemaTool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: false });
    const writers = ['create_a_roserocket_object', 'roserocket_objects_upsert', 'update_a_roserocket_object_by_id', 'update_a_roserocket_objects_external_by_id'];
    expect(schemaTool.description).toContain(writers.sort().join(', '));
    for (const name of writers) expect(JSON.stringify(tools.find((t) => t.name === name)!.inputSchema)).not.toContain('anyOf');
    expect(tools.map((t) => t.name)).toStrictEqual([...tools.map((t) => t.name)].sort());
  });

  it('returns, for an order, its declared fields closed at every depth, with __c custom fields allowed', async () => {
    const order = await shapeOf('order');
    expect(Object.keys(order.properties)).toContain('customer');
    expect(Object.keys(order.properties)).not.toContain('lineItems');
    expect(order.additionalProperties).toBe(false);
    expect(order.patternProperties).toStrictEqual({ '__c$': {} });
    expect(order.properties['customer']).toMatchObject({ type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'], additionalProperties: false });
  });

  it('for every objectKey: each top-level field it lists is accepted and a field it does not list is refused before any request', async () => {
    const { tools } = await stack.client.listTools();
    const keys = ((tools.find((t) => t.name === 'roserocket_object_key_schema')!.inputSchema.properties as Record<string, { enum: string[] }>)['object_key']!).enum;
    for (const objectKey of keys) {
      const shape = await shapeOf(objectKey);
      const refused = await stack.call('create_a_roserocket_object', { object_key: objectKey, json: { notInTheSchema: 1 } });
      expect(refused.requests, objectKey).toStrictEqual([]);
      expect(text(refused.result), objectKey).toContain(`Valid fields for ${objectKey}: ${Object.keys(shape.properties).join(', ')}. Nothing was sent.`);
    }
  });

  it('refuses a value with no declared shape, naming the ones it has, and sends nothing', async () => {
    const { requests, result } = await stack.call('roserocket_object_key_schema', { object_key: 'load__c' });
    expect(requests).toStrictEqual([]);
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/object_key.*order/s);
  });

  it('is reached through call_tool and get_tool_schemas in discovery mode too', async () => {
    const discovery = await startStack('roserocket', { args: ['--tools-mode', 'discovery'] });
    try {
      const schemas = await discovery.call('get_tool_schemas', { names: ['roserocket_object_key_schema'] });
      expect((schemas.result.structuredContent as { tools: { name: string }[] }).tools.map((t) => t.name)).toStrictEqual(['roserocket_object_key_schema']);
      const { requests, result } = await discovery.call('call_tool', { name: 'roserocket_object_key_schema', arguments: { object_key: 'invoice' } });
      expect(requests).toStrictEqual([]);
      expect(Object.keys((result.structuredContent as { schema: Shape }).schema.properties)).toContain('lineItems');
      const wrong = await discovery.call('call_tool', { name: 'roserocket_object_key_schema', arguments: { object_key: 'invoice', extra: 1 } });
      expect(wrong.result.isError).toBe(true);
    } finally {
      await discovery.close();
    }
  });
});

describe('split mode: one tool per objectKey, generated, built and run against the simulator', () => {
  const out = path.join(REPO_ROOT, '.cache', `split-${process.pid}`);
  let sim: Simulator;
  let client: Client;
  beforeAll(async () => {
    const spec = path.join(REPO_ROOT, 'vendor-docs', 'roserocket', 'openapi.yaml');
    const loaded = readOverlaidSpec({ spec, overlays: overlaysBeside(spec) });
    if ('diagnostics' in loaded) throw new Error('doc did not load');
    const result = generatePackage({ document: loaded.document, assets: readAssets(REPO_ROOT), regenerate: 'test', split: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    for (const file of result.files ?? []) {
      mkdirSync(path.dirname(path.join(out, file.path)), { recursive: true });
      writeFileSync(path.join(out, file.path), file.contents);
    }
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(out, 'tsconfig.json')], { stdio: 'pipe' });
    sim = await startSimulator({ vendor: 'roserocket', token: 'split-token' });
    client = new Client({ name: 'split', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [packageBin(out)], env: { ...getDefaultEnvironment(), ROSEROCKET_ACCESS_TOKEN: 'split-token', ROSEROCKET_BASE_URL: sim.baseUrl }, stderr: 'pipe' }));
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await sim?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('lists per-objectKey tools whose json has exactly that objectKey\'s fields', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    for (const name of ['create_a_roserocket_order', 'update_a_roserocket_order_by_id', 'roserocket_orders_upsert', 'update_a_roserocket_order_external_by_id', 'create_a_roserocket_invoice']) expect(names).toContain(name);
    const order = tools.find((t) => t.name === 'create_a_roserocket_order')!;
    expect(Object.keys(order.inputSchema.properties ?? {})).toStrictEqual(['json', 'paths', 'dry_run']);
    const json = (order.inputSchema.properties as Record<string, { properties: Record<string, unknown>; additionalProperties: boolean }>)['json']!;
    expect(json.additionalProperties).toBe(false);
    expect(Object.keys(json.properties)).not.toContain('lineItems');
  });

  it('every objectKey\'s own upsert tool sends a valid write exactly', async () => {
    const { tools } = await client.listTools();
    const upserts = tools.filter((t) => /^roserocket_[a-z_]+_upsert$/.test(t.name));
    expect(upserts.length).toBeGreaterThanOrEqual(12);
    for (const tool of upserts) {
      const json = { externalId: `S-${tool.name}` };
      const before = sim.requests.length;
      const result = await client.callTool({ name: tool.name, arguments: { json } });
      const sent = sim.requests.slice(before);
      expect(result.isError, tool.name).toBeUndefined();
      expect(sent.map((r) => [r.method, r.path, (r.body as { json: unknown }).json, r.valid]), tool.name).toStrictEqual([['PATCH', '/objects', json, true]]);
    }
  });

  it('sends objectKey fixed by the tool, and refuses another objectKey\'s field with zero requests', async () => {
    const json = { customer: CUSTOMER };
    const before = sim.requests.length;
    await client.callTool({ name: 'create_a_roserocket_order', arguments: { json } });
    expect(sim.requests.slice(before).map(wire)).toStrictEqual([{ method: 'POST', path: '/objects', query: {}, body: { objectKey: 'order', json }, auth: 'Bearer split-token', valid: true, errors: [] }]);
    const refused = await client.callTool({ name: 'create_a_roserocket_order', arguments: { json: { lineItems: [] } } });
    expect(sim.requests.length).toBe(before + 1);
    expect(refused.isError).toBe(true);
  });
});

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
        dry_run: { type: 'boolean', description: 'Preview only.' },
      },
      required: ['json'],
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

/** The fixture with its family settings and operation changed; each case states the exact result. */
function variantDoc(input: { readonly family?: unknown; readonly use?: string; readonly body?: Record<string, unknown>; readonly extraPost?: boolean }) {
  const changed = structuredClone(doc) as Record<string, any>;
  if (input.family !== undefined) changed['x-mcp'].variants = { objectKey: input.family };
  if (input.use !== undefined) changed.paths['/objects'].post['x-mcp'].variants = input.use;
  if (input.body !== undefined) changed.paths['/objects'].post.requestBody.content['application/json'].schema = input.body;
  if (input.extraPost === true) changed.paths['/objects/{id}'] = { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], put: { ...changed.paths['/objects'].post, 'x-mcp': { resource: 'object', method: 'update', description: 'Update.', variants: 'objectKey' } } };
  const { api, diagnostics } = buildFromText({ text: JSON.stringify(changed), file: 't.json' });
  return { api, tool: api?.tools[0], errors: diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.location.pointer}: ${d.message}`) };
}

const SCHEMAS = { order: { $ref: '#/components/schemas/Order' }, invoice: { $ref: '#/components/schemas/Invoice' } };

describe('a family\'s settings', () => {
  it.each<{ readonly name: string; readonly family: unknown }>([
    { name: 'not an object', family: 'json' },
    { name: 'no payload', family: { schemas: SCHEMAS } },
    { name: 'a payload that is not a name', family: { payload: 1, schemas: SCHEMAS } },
    { name: 'schemas that are not a map', family: { payload: 'json', schemas: [SCHEMAS.order] } },
  ])('$name is refused at the family', ({ family }) => {
    expect(variantDoc({ family }).errors).toStrictEqual([
      '/x-mcp/variants/objectKey: a variant family needs `payload` (a field name) and `schemas` (one schema per value)',
      '/paths/~1objects/post/x-mcp/variants: x-mcp variants names "objectKey", which is not a declared family or not an argument of this operation',
    ]);
  });

  it('an open family with a custom-field suffix: the suffix, escaped, is the extra-name pattern of every closed object', () => {
    const { api, errors } = variantDoc({ family: { payload: 'json', schemas: SCHEMAS, open: { customFieldSuffix: '.c', undeclared: 'unchecked' } } });
    expect(errors).toStrictEqual([]);
    const family = api!.families[0]!;
    expect(family.open).toStrictEqual({ customFieldSuffix: '.c', undeclared: 'unchecked' });
    expect(family.extraNames).toBe('\\.c$');
    expect(family.split).toBe(false);
    expect(family.shapes['order']).toStrictEqual({ type: 'object', properties: { notes: { type: 'string' } }, additionalProperties: false, patternProperties: { '\\.c$': {} } });
    expect(family.source).toStrictEqual({ file: 't.json', pointer: '/x-mcp/variants/objectKey' });
    expect(family.variants.map((v) => v.source)).toStrictEqual([{ file: 't.json', pointer: '/x-mcp/variants/objectKey/schemas/order' }, { file: 't.json', pointer: '/x-mcp/variants/objectKey/schemas/invoice' }]);
  });

  it('extraNames, when given, wins over the suffix; an empty open object is a closed-value family that refuses the undeclared', () => {
    const { api } = variantDoc({ family: { payload: 'json', schemas: SCHEMAS, extraNames: '^x_', open: { customFieldSuffix: '__c' } } });
    expect(api!.families[0]!.extraNames).toBe('^x_');
    expect(api!.families[0]!.open).toStrictEqual({ customFieldSuffix: '__c', undeclared: 'refused' });
    const plain = variantDoc({ family: { payload: 'json', schemas: SCHEMAS, open: {} } }).api!.families[0]!;
    expect(plain.open).toStrictEqual({ undeclared: 'refused' });
    expect(plain).not.toHaveProperty('extraNames');
    expect(plain.shapes['order']).toStrictEqual({ type: 'object', properties: { notes: { type: 'string' } }, additionalProperties: false });
  });

  it('a schema without properties still has an (empty) closed shape; a declared open object stays open', () => {
    const { api } = variantDoc({ family: { payload: 'json', schemas: { bare: { type: 'object' }, open: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } }, additionalProperties: true } }, additionalProperties: true } } } });
    expect(api!.families[0]!.shapes).toStrictEqual({
      bare: { type: 'object', properties: {}, additionalProperties: false },
      open: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } }, additionalProperties: true } }, additionalProperties: false },
    });
  });

  it('split: true is read as split, anything else is not', () => {
    expect(variantDoc({ family: { payload: 'json', schemas: SCHEMAS, split: 'yes' } }).api!.families[0]!.split).toBe(false);
    expect(variantDoc({ family: { payload: 'json', schemas: SCHEMAS, split: true } }).api!.tools.map((t) => t.name)).toStrictEqual(['create_a_t_invoice', 'create_a_t_order']);
  });

  it.each<{ readonly name: string; readonly open?: unknown; readonly extraNames?: unknown; readonly want: string }>([
    { name: 'open that is not an object', open: 'unchecked', want: '/x-mcp/variants/objectKey/open: variant `open` takes customFieldSuffix (a non-empty string) and undeclared (refused or unchecked)' },
    { name: 'an empty suffix', open: { customFieldSuffix: '' }, want: '/x-mcp/variants/objectKey/open: variant `open` takes customFieldSuffix (a non-empty string) and undeclared (refused or unchecked)' },
    { name: 'a suffix that is not text', open: { customFieldSuffix: 5 }, want: '/x-mcp/variants/objectKey/open: variant `open` takes customFieldSuffix (a non-empty string) and undeclared (refused or unchecked)' },
    { name: 'an unknown undeclared rule', open: { undeclared: 'allowed' }, want: '/x-mcp/variants/objectKey/open: variant `open` takes customFieldSuffix (a non-empty string) and undeclared (refused or unchecked)' },
    { name: 'an empty extraNames', extraNames: '', want: '/x-mcp/variants/objectKey/extraNames: extraNames must be a non-empty regular expression, e.g. "__c$"' },
    { name: 'an extraNames that matches every name', extraNames: '(?:)', want: '/x-mcp/variants/objectKey/extraNames: extraNames must be a non-empty regular expression, e.g. "__c$"' },
    { name: 'an extraNames that is not a regular expression', extraNames: '__c(', want: '/x-mcp/variants/objectKey/extraNames: extraNames must be a non-empty regular expression, e.g. "__c$"' },
    { name: 'an extraNames that is not text', extraNames: ['__c$'], want: '/x-mcp/variants/objectKey/extraNames: extraNames must be a non-empty regular expression, e.g. "__c$"' },
  ])('$name is refused, and the family stays closed', ({ open, extraNames, want }) => {
    const { api, errors } = variantDoc({ family: { payload: 'json', schemas: SCHEMAS, ...(open !== undefined ? { open } : {}), ...(extraNames !== undefined ? { extraNames } : {}) } });
    expect(errors).toStrictEqual([want]);
    expect(api!.families[0]).not.toHaveProperty('open');
    expect(api!.families[0]).not.toHaveProperty('extraNames');
  });
});

describe('a tool bound to a family', () => {
  it('an open family that sends undeclared values unchecked: the discriminator takes any value and says which are checked', () => {
    const { api, tool } = variantDoc({ family: { payload: 'json', schemas: SCHEMAS, open: { customFieldSuffix: '__c', undeclared: 'unchecked' } }, body: { type: 'object', required: ['objectKey', 'json'], properties: { objectKey: { type: 'string', description: 'The type.', enum: ['x'] }, json: { type: 'object', description: 'Fields.', required: ['externalId'], properties: { externalId: { type: 'string' } } } } } });
    const properties = tool!.inputSchema['properties'] as Record<string, unknown>;
    expect(properties['object_key']).toStrictEqual({ type: 'string', description: 'The type. A value t_object_key_schema lists is checked locally against its fields; any other value (custom types included) is sent with its fields unchecked.' });
    expect(properties['json']).toStrictEqual({
      type: 'object',
      description: 'Fields. Its fields depend on object_key: get that type\'s exact shape from t_object_key_schema; it is checked before anything is sent. Custom fields ending in __c are accepted for every type, unchecked.',
      required: ['externalId'],
      properties: { externalId: { type: 'string' } },
    });
    expect(tool!.variants).toStrictEqual({ family: 'objectKey', discriminatorArg: 'object_key', payloadArg: 'json', open: { customFieldSuffix: '__c', undeclared: 'unchecked' } });
    expect(api!.families[0]!.schemaTool!.description).toBe(
      'The exact JSON Schema json must fit for one object_key, as create_a_t_object check it before anything is sent (other fields are refused). Call it before writing a type whose fields you do not know. Any object_key not listed here (custom types end in __c) is sent with json unchecked.',
    );
  });

  it('an open family without a suffix says so without one', () => {
    const { api } = variantDoc({ family: { payload: 'json', schemas: SCHEMAS, open: { undeclared: 'unchecked' } } });
    expect(api!.families[0]!.schemaTool!.description).toBe(
      'The exact JSON Schema json must fit for one object_key, as create_a_t_object check it before anything is sent (other fields are refused). Call it before writing a type whose fields you do not know. Any object_key not listed here is sent with json unchecked.',
    );
  });

  it('without a body payload: the discriminator is narrowed, there is no payload and no schema tool', () => {
    const { api, tool, errors } = variantDoc({ body: { type: 'object', required: ['objectKey'], properties: { objectKey: { type: 'string' } } } });
    expect(errors).toStrictEqual([]);
    expect((tool!.inputSchema['properties'] as Record<string, unknown>)['object_key']).toStrictEqual({ type: 'string', enum: ['order', 'invoice'] });
    expect(tool!.variants).toStrictEqual({ family: 'objectKey', discriminatorArg: 'object_key' });
    expect(api!.families.map((f) => f.schemaTool)).toStrictEqual([undefined]);
  });

  it('an open family without a payload says the values it checks', () => {
    const { tool } = variantDoc({ family: { payload: 'json', schemas: SCHEMAS, open: { undeclared: 'unchecked' } }, body: { type: 'object', properties: { objectKey: { type: 'string' } } } });
    expect((tool!.inputSchema['properties'] as Record<string, unknown>)['object_key']).toStrictEqual({ type: 'string', description: 'Checked locally: order, invoice. Any other value (custom types included) is sent unchecked.' });
  });

  it('two writers share one schema tool that names both, sorted', () => {
    const { api } = variantDoc({ extraPost: true });
    expect(api!.families[0]!.schemaTool!.description).toBe(
      'The exact JSON Schema json must fit for one object_key, as create_a_t_object, update_a_t_object_by_id check it before anything is sent (other fields are refused). Call it before writing a type whose fields you do not know.',
    );
  });

  it.each([
    { name: 'a family that is not declared', use: 'kind', want: '/paths/~1objects/post/x-mcp/variants: x-mcp variants names "kind", which is not a declared family or not an argument of this operation' },
    { name: 'a discriminator the operation does not take', body: { type: 'object', properties: { json: { type: 'object' } } }, want: '/paths/~1objects/post/x-mcp/variants: x-mcp variants names "objectKey", which is not a declared family or not an argument of this operation' },
  ])('$name is refused, and the tool keeps its arguments', ({ use, body, want }) => {
    const { api, tool, errors } = variantDoc({ ...(use !== undefined ? { use } : {}), ...(body !== undefined ? { body } : {}) });
    expect(errors).toStrictEqual([want]);
    expect(tool!.variants).toBeUndefined();
    // A family no tool uses is left out of the API.
    expect(api!.families).toStrictEqual([]);
  });
});

describe('the schema tool, split tools and shapes in full', () => {
  const twoTools = (family: Record<string, unknown>) => {
    const changed = structuredClone(doc) as Record<string, any>;
    changed['x-mcp'].variants = { objectKey: { payload: 'json', schemas: SCHEMAS, ...family } };
    changed.paths['/objects/{id}'] = {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      put: { ...changed.paths['/objects'].post, 'x-mcp': { resource: 'object', method: 'update', description: 'Update.', variants: 'objectKey' } },
      get: { 'x-mcp': { resource: 'object', method: 'get', description: 'Get.' }, responses: { 200: { description: 'ok' } } },
    };
    const { api, diagnostics } = buildFromText({ text: JSON.stringify(changed), file: 't.json' });
    return { api: api!, errors: diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) };
  };

  it('the schema tool: its title, output, search hint and kind', () => {
    const { api, errors } = twoTools({});
    expect(errors).toStrictEqual([]);
    const family = api.families[0]!;
    expect(family.kind).toBe('variant-family');
    expect(family.schemaTool).toMatchObject({
      title: 'Fields of one object_key',
      outputSchema: { type: 'object', properties: { object_key: { type: 'string' }, schema: { type: 'object' } } },
      _meta: { 'anthropic/searchHint': 'Fields of one object_key: its exact json fields' },
    });
    // Other arguments keep their own schemas.
    const update = api.tools.find((t) => t.name === 'update_a_t_object_by_id')!;
    expect(update.args.find((a) => a.name === 'id')!.schema).toStrictEqual({ type: 'string', minLength: 1 });
  });

  it('split tools: one per variant, named for it; a tool of no family is left alone, and no schema tool is needed', () => {
    const { api } = twoTools({ split: true });
    expect(api.tools.map((t) => t.name)).toStrictEqual(['create_a_t_invoice', 'create_a_t_order', 'get_single_t_object_by_id', 'update_a_t_invoice_by_id', 'update_a_t_order_by_id']);
    const order = api.tools.find((t) => t.name === 'update_a_t_order_by_id')!;
    expect(order.title).toBe('Update a t object by id (order)');
    expect(order.annotations.title).toBe('Update a t object by id (order)');
    expect(order.description).toBe('Update. This tool is for objectKey "order" only.');
    expect(order.args.find((a) => a.name === 'id')!.schema).toStrictEqual({ type: 'string', minLength: 1 });
    expect(api.families[0]!.schemaTool).toBeUndefined();
  });

  it('shapes are closed at every depth, inside unions too, and never inside enum, const or default values', () => {
    const nested = { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } }, default: { properties: { b: 'x' } }, enum: [{ properties: { b: 'y' } }], const: { properties: { b: 'y' } } }, u: { oneOf: [{ type: 'object', properties: { c: { type: 'string' } } }] } } };
    const { api } = variantDoc({ family: { payload: 'json', schemas: { n: nested } } });
    expect(api!.families[0]!.shapes['n']).toStrictEqual({
      type: 'object',
      properties: {
        a: { type: 'object', properties: { b: { type: 'string' } }, default: { properties: { b: 'x' } }, enum: [{ properties: { b: 'y' } }], const: { properties: { b: 'y' } }, additionalProperties: false },
        u: { oneOf: [{ type: 'object', properties: { c: { type: 'string' } }, additionalProperties: false }] },
      },
      additionalProperties: false,
    });
  });

  it('extra names are allowed in an object the doc closes itself', () => {
    const { api } = variantDoc({ family: { payload: 'json', schemas: { c: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } }, additionalProperties: false } } } }, extraNames: '__c$' } });
    expect(api!.families[0]!.shapes['c']).toStrictEqual({
      type: 'object',
      properties: { a: { type: 'object', properties: { b: { type: 'string' } }, additionalProperties: false, patternProperties: { '__c$': {} } } },
      additionalProperties: false,
      patternProperties: { '__c$': {} },
    });
  });

  it('an extraNames valid only without the Unicode flag is refused', () => {
    expect(variantDoc({ family: { payload: 'json', schemas: SCHEMAS, extraNames: '__c{' } }).errors).toStrictEqual(['/x-mcp/variants/objectKey/extraNames: extraNames must be a non-empty regular expression, e.g. "__c$"']);
  });

  it('a tool names its own family among several; a payload must be a body field', () => {
    const changed = structuredClone(doc) as Record<string, any>;
    changed['x-mcp'].variants = { other: { payload: 'json', schemas: { x: { type: 'object' } } }, objectKey: { payload: 'json', schemas: SCHEMAS } };
    const { api } = buildFromText({ text: JSON.stringify(changed), file: 't.json' });
    expect(api!.tools[0]!.variants).toMatchObject({ family: 'objectKey' });
    const query = variantDoc({ body: { type: 'object', required: ['objectKey'], properties: { objectKey: { type: 'string' } } } });
    expect(query.tool!.variants).toStrictEqual({ family: 'objectKey', discriminatorArg: 'object_key' });
  });

  it('variants that are not a map are refused, not ignored', () => {
    const changed = structuredClone(doc) as Record<string, any>;
    changed['x-mcp'].variants = [{ payload: 'json', schemas: SCHEMAS }];
    const { diagnostics } = buildFromText({ text: JSON.stringify(changed), file: 't.json' });
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.location.pointer}: ${d.message}`)).toStrictEqual([
      '/x-mcp/variants: x-mcp.variants must map family names to families',
      '/paths/~1objects/post/x-mcp/variants: x-mcp variants names "objectKey", which is not a declared family or not an argument of this operation',
    ]);
  });

  it('a refused family leaves the tool its arguments', () => {
    const { tool } = variantDoc({ use: 'kind' });
    expect(tool!.args.map((a) => a.name)).toStrictEqual(['object_key', 'json']);
  });
});

describe('a family bound where the document is unusual', () => {
  const build = (changed: Record<string, any>) => buildFromText({ text: JSON.stringify(changed), file: 't.json' }).api!;

  it('a query parameter named like the payload is not the payload', () => {
    const changed = structuredClone(doc) as Record<string, any>;
    changed.paths['/objects'].post.parameters = [{ name: 'json', in: 'query', schema: { type: 'string' } }];
    changed.paths['/objects'].post.requestBody.content['application/json'].schema = { type: 'object', properties: { objectKey: { type: 'string' } } };
    const api = build(changed);
    expect(api.tools[0]!.variants).toStrictEqual({ family: 'objectKey', discriminatorArg: 'object_key' });
    expect(api.families.map((f) => f.schemaTool)).toStrictEqual([undefined]);
  });

});

describe('a family name names a file', () => {
  /** The doc with its one family declared under `names` (each a copy of objectKey), the tool still bound to objectKey. */
  const named = (names: readonly string[]) => {
    const family = doc['x-mcp'].variants.objectKey;
    const variants = Object.fromEntries([['objectKey', family], ...names.map((name) => [name, family])]);
    return buildFromText({ text: JSON.stringify({ ...doc, 'x-mcp': { ...doc['x-mcp'], variants } }), file: 't.json' });
  };
  const refusals = (names: readonly string[]) => named(names).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.location.pointer}: ${d.message}`);

  it.each([
    { given: 'two names that snake-case alike', names: ['object_key'], want: ['VMCP_NAME_INVALID /x-mcp/variants/object_key: x-mcp.variants family "object_key" is refused: it names object_key.ts, which family "objectKey" names too'] },
    { given: 'two names whose identifiers meet', names: ['tool1a', '1a'], want: ['VMCP_NAME_INVALID /x-mcp/variants/1a: x-mcp.variants family "1a" is refused: it names tool1aVariants, which family "tool1a" names too'] },
    { given: 'a name of symbols alone', names: ['!!!'], want: ['VMCP_NAME_INVALID /x-mcp/variants/!!!: x-mcp.variants family "!!!" is refused: it has no letter or digit, so it names no file'] },
    { given: 'a 300-character name', names: ['k'.repeat(300)], want: [`VMCP_NAME_INVALID /x-mcp/variants/${'k'.repeat(300)}: x-mcp.variants family "${'k'.repeat(300)}" is refused: it is 300 characters snake-cased, over the 64 a file and tool name may take`] },
  ])('refuses $given where the doc declares it, before anything is written', ({ names, want }) => {
    expect(refusals(names)).toStrictEqual(want);
  });

  it('takes a name of 64 characters, and says how to rename', () => {
    expect(refusals(['k'.repeat(64)])).toStrictEqual([]);
    expect(named(['object_key']).diagnostics[0]!.fix).toMatch(/^Rename the variant family .*kind-a and kind_a both read kind_a.*at most 64 characters/);
  });
});

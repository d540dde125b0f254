import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../generator/cli-options.ts';
import { buildApi } from '../../generator/ir/from-openapi/api-document.ts';
import { parseDocumentText } from '../../generator/load/parse-document.ts';
import { SAME_FIELDS } from '../../templates/runtime/same-fields.ts';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { buildFromText } from '../support/generate-in-memory.ts';

/** A plain spec whose two operations take the same address and whose words are a reference page's. */
const address = '{type: object, properties: {line_1: {type: string, description: First line.}, city: {type: string, description: City.}, country: {type: string, description: Two letters.}}, required: [line_1, city, country]}';
const PLAIN = `openapi: 3.0.3
info: {title: Shop, version: '1'}
servers: [{url: 'https://shop.test'}]
paths:
  /orders:
    post:
      summary: Create an order
      description: "To create an order, send a POST request to \`/orders\`. The **address** is checked.\\n\\nMore text."
      requestBody: {content: {application/json: {schema: {type: object, properties: {address: ${address}}}}}}
      responses: {'201': {description: ok}}
  /orders/{id}:
    patch:
      summary: Update an order
      description: Changes an order.
      parameters: [{name: id, in: path, required: true, schema: {type: string}, description: "The order id. Older orders use \`ord_\` ids."}]
      requestBody: {content: {application/json: {schema: {type: object, properties: {address: ${address}}}}}}
      responses: {'200': {description: ok}}
`;

function build(listing?: 'full') {
  const parsed = parseDocumentText({ file: 'spec.yaml', text: PLAIN });
  if ('diagnostics' in parsed) throw new Error('fixture did not parse');
  return buildApi({ document: parsed.document, plain: { slug: 'shop', ...(listing ? { listing } : {}) } }).api!;
}

describe('the lean listing (default) and --full-listing', () => {
  it('by default a plain spec is listed concise and a shared shape once', () => {
    const [create, update] = build().tools;
    expect(create!.description).toBe('The address is checked.');
    const properties = update!.inputSchema['properties'] as Record<string, Record<string, unknown>>;
    expect(properties['id']!['description']).toBe('The order id.');
    expect(properties['address']).toStrictEqual({ type: 'object', description: 'Same fields as address of create_a_shop_order.' });
    expect(update!._meta[SAME_FIELDS]).toStrictEqual({ address: { tool: 'create_a_shop_order', property: 'address' } });
  });

  it('--full-listing keeps every word and shape as the spec has them', () => {
    const [create, update] = build('full').tools;
    expect(create!.description).toBe('To create an order, send a POST request to `/orders`. The **address** is checked.\n\nMore text.');
    expect((update!.inputSchema['properties'] as Record<string, Record<string, unknown>>)['address']!['properties']).toBeDefined();
    expect(update!._meta[SAME_FIELDS]).toBeUndefined();
  });

  it('parses --full-listing, only with --spec', () => {
    expect(parseCliOptions(['--spec', 's.yaml', '--vendor', 'shop', '--out', 'o', '--full-listing'])).toMatchObject({ fullListing: true });
    expect(parseCliOptions(['--spec', 's.yaml', '--vendor', 'shop', '--out', 'o'])).toMatchObject({ fullListing: false });
    expect(parseCliOptions(['edesk', '--full-listing'])).toStrictEqual({ error: '--full-listing only applies with --spec (a vendor doc sets x-mcp.listing: full)' });
  });
});

describe('x-mcp.listing in a vendor doc', () => {
  const withListing = (value: string) => MINIMAL_VENDOR_DOC.replace('  envPrefix: ACME\n', `  envPrefix: ACME\n  listing: ${value}\n`);

  it.each(['lean', 'full'])('%s is read', (value) => {
    expect(withListing(value)).not.toBe(MINIMAL_VENDOR_DOC);
    expect(buildFromText({ text: withListing(value) }).api!.vendor.listing).toBe(value);
  });

  it('is lean when left out, and anything else is refused with the two choices', () => {
    expect(buildFromText({ text: MINIMAL_VENDOR_DOC }).api!.vendor.listing).toBe('lean');
    const built = buildFromText({ text: withListing('short') });
    expect(built.diagnostics.map((d) => [d.code, d.location.pointer, d.message])).toContainEqual(['VMCP_MCP_EXTENSION_INVALID', '/x-mcp/listing', 'x-mcp.listing is lean (the default) or full, not "short"']);
  });
});

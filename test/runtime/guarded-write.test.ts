import { describe, expect, it } from 'vitest';
import { callTool } from '../../templates/runtime/call-tool.ts';
import type { FullArrayGuard } from '../../templates/runtime/safeguards.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { config, recordingFetch, tool } from './support.ts';

const SHIPMENTS: FullArrayGuard = { kind: 'full-array', arg: 'shipments', identity: ['carrier', 'tracking_code'], readPath: '/orders/{id}', currentPointer: '/shipments', confirmArg: 'confirm_removed_shipments' };

function updateOrder(guard: FullArrayGuard = SHIPMENTS): ToolDefinition {
  const base = tool({
    name: 'update_order',
    http: { method: 'PUT', path: '/orders/{id}', args: { id: { in: 'path', name: 'id' }, [guard.arg]: { in: 'body', name: guard.arg } }, body: { mediaType: 'application/json', encoding: 'json', mode: 'fields' } },
  });
  return { ...base, safeguards: [guard], dryRun: true };
}

const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const USPS = { carrier: 'usps', tracking_code: '9400' };
const UPS = { carrier: 'ups', tracking_code: '1Z99' };
const texts = (result: { content: unknown[] }) => (result.content as { text: string }[]).map((part) => part.text);

/** Answers GETs from `reads` in order, and every other method with `{}`. */
function vendor(reads: readonly unknown[]) {
  let next = 0;
  return recordingFetch((init) => (init.method === 'GET' ? json(reads[Math.min(next++, reads.length - 1)]) : json({})));
}

describe('the full-array guard cannot read its array: it refuses and sends nothing', () => {
  it.each([
    { name: 'the array is missing', body: { id: 'o1' }, held: 'nothing (the field is missing)' },
    { name: 'the array is null', body: { id: 'o1', shipments: null }, held: 'null' },
    { name: 'another type', body: { id: 'o1', shipments: 'usps:9400' }, held: 'a string' },
    { name: 'another envelope', body: { data: { id: 'o1', shipments: [USPS] } }, held: 'nothing (the field is missing)' },
    { name: 'an object instead of a list', body: { id: 'o1', shipments: { 0: USPS } }, held: 'an object' },
  ])('$name', async ({ body, held }) => {
    const { fetch, sent } = vendor([body]);
    const result = await callTool({ tool: updateOrder(), args: { id: 'o1', shipments: [UPS] }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET']);
    expect(result.isError).toBe(true);
    expect(texts(result)[0]).toBe(
      `Could not read the current state before the write (the vendor answered, but "/shipments" in its body held ${held} instead of the "shipments" list), so nothing was sent. Without the current list this server cannot tell which entries the write would remove.`,
    );
  });

  it('an empty array is a list the guard can read: adding to it is sent', async () => {
    const { fetch, sent } = vendor([{ shipments: [] }, { shipments: [UPS] }]);
    await callTool({ tool: updateOrder(), args: { id: 'o1', shipments: [UPS] }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET', 'PUT', 'GET']);
  });
});

describe('identities compare the way the guard declares the vendor compares them', () => {
  const ID_UPPER = 'A1B2C3D4-0000-4000-8000-00000000000A';
  const items: FullArrayGuard = { kind: 'full-array', arg: 'items', identity: ['id'], compare: { id: 'case-insensitive' }, readPath: '/orders/{id}', currentPointer: '/items', confirmArg: 'confirm_removed_items', mustExist: true };

  it('a UUID in other letter case is the same entry: nothing is dropped or unknown', async () => {
    const { fetch, sent } = vendor([{ items: [{ id: ID_UPPER }] }]);
    const result = await callTool({ tool: updateOrder(items), args: { id: 'o1', items: [{ id: ID_UPPER.toLowerCase() }] }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET', 'PUT', 'GET']);
    expect(result.isError).toBeUndefined();
  });

  it('without a declared rule the comparison stays exact', async () => {
    const exact: FullArrayGuard = { ...items, compare: {} };
    const { fetch, sent } = vendor([{ items: [{ id: ID_UPPER }] }]);
    const result = await callTool({ tool: updateOrder(exact), args: { id: 'o1', items: [{ id: ID_UPPER.toLowerCase() }] }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET']);
    expect(texts(result)[0]).toContain('must refer to an existing one');
  });
});

describe('after the write, the list is read back and compared with what the call meant', () => {
  it.each([
    { name: 'it holds what was sent', after: [USPS, UPS], want: 'Checked after the write: "shipments" holds every entry sent.' },
    { name: 'an entry sent is gone', after: [USPS], want: `Warning: after the write, "shipments" no longer holds 1 entry this call sent: [${JSON.stringify(UPS)}]. Someone else may have changed it at the same time; read it and send them again if they should be there.` },
    {
      name: 'an entry nobody here sent appeared',
      after: [USPS, UPS, { carrier: 'dhl', tracking_code: '7' }],
      want: 'Note: after the write, "shipments" also holds [{"carrier":"dhl","tracking_code":"7"}], which this call neither sent nor saw before: someone else wrote to the list at about the same time, so an entry they added just before this write may have been replaced. Read the list and check.',
    },
  ])('$name', async ({ after, want }) => {
    const { fetch, sent } = vendor([{ shipments: [USPS] }, { shipments: after }]);
    const result = await callTool({ tool: updateOrder(), args: { id: 'o1', shipments: [USPS, UPS] }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET', 'PUT', 'GET']);
    expect(texts(result).at(-1)).toBe(want);
  });

  it('a failed read-back says the write was sent but could not be confirmed', async () => {
    let gets = 0;
    const { fetch } = recordingFetch((init) => (init.method !== 'GET' ? json({}) : gets++ === 0 ? json({ shipments: [USPS] }) : json({ message: 'down' }, 503)));
    const result = await callTool({ tool: updateOrder(), args: { id: 'o1', shipments: [USPS, UPS] }, config: config({ fetch }) });
    expect(texts(result).at(-1)).toBe('The write was sent, but reading it back failed (HTTP 503). So this server could not confirm that "shipments" holds what was sent; read the resource to check.');
  });
});

describe('dry_run runs the same guards and reads as the real call', () => {
  it('reports what the guard would refuse, and sends no write', async () => {
    const { fetch, sent } = vendor([{ shipments: [USPS, UPS] }]);
    const result = await callTool({ tool: updateOrder(), args: { id: 'o1', shipments: [USPS], dry_run: true }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET']);
    expect(result.isError).toBe(true);
    expect(texts(result)[0]).toMatch(/^Dry run: the real call would be refused, and nothing was sent\. Refused: "shipments" replaces the whole list/);
    expect(result.structuredContent).toMatchObject({ dry_run: true, would_refuse: true, would_remove: [UPS] });
  });

  it('reports an unreadable array as a refusal too', async () => {
    const { fetch, sent } = vendor([{ shipments: null }]);
    const result = await callTool({ tool: updateOrder(), args: { id: 'o1', shipments: [USPS], dry_run: true }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET']);
    expect(texts(result)[0]).toContain('Dry run: the real call would be refused, and nothing was sent. Could not read the current state before the write');
  });

  it('a passing dry run shows the request and is cut to the result size limit like any result', async () => {
    const note = 'n'.repeat(50_000);
    const noted = { ...updateOrder(), http: { ...updateOrder().http, args: { ...updateOrder().http.args, note: { in: 'body' as const, name: 'note' } } } };
    const { fetch, sent } = vendor([{ shipments: [USPS] }]);
    const result = await callTool({ tool: noted, args: { id: 'o1', shipments: [USPS], note, dry_run: true }, config: config({ fetch, maxResultChars: 5_000 }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET']);
    expect(result.isError).toBeUndefined();
    expect(JSON.stringify(result.structuredContent).length).toBeLessThanOrEqual(5_000);
    expect(texts(result).at(-1)).toContain('The request shown was cut to fit the size limit (/request/body/note: kept');
  });
});

describe('the read before the write: every way it can fail names itself', () => {
  const write = (fetch: typeof globalThis.fetch) => callTool({ tool: updateOrder(), args: { id: 'o1', shipments: [UPS] }, config: config({ fetch }) });

  it.each([
    { name: 'a 404 (the id may be wrong)', status: 404 },
    { name: 'a 300 is no success either', status: 300 },
  ])('$name', async ({ status }) => {
    const { fetch, sent } = recordingFetch(() => json({ message: 'no' }, status));
    const result = await write(fetch);
    expect(sent.map((r) => r.method)).toStrictEqual(['GET']);
    expect(texts(result)).toStrictEqual([`Could not read the current state before the write (HTTP ${status}), so nothing was sent. Check the id and try again.`]);
  });

  it('malformed JSON', async () => {
    const { fetch } = recordingFetch(() => new Response('{"shipments": [', { headers: { 'content-type': 'application/json' } }));
    expect(texts(await write(fetch))).toStrictEqual(['Could not read the current state before the write (the vendor answered with malformed JSON), so nothing was sent.']);
  });

  it('no answer at all: the network failure, without its closing full stop', async () => {
    const fetch = (() => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) }))) as unknown as typeof globalThis.fetch;
    expect(texts(await write(fetch))).toStrictEqual(['Could not read the current state before the write (Could not reach the vendor at api.acme.test: ECONNREFUSED), so nothing was sent.']);
  });

  it('a read back after the write that holds no list says so, with no advice to retry', async () => {
    const { fetch, sent } = vendor([{ shipments: [UPS] }, { shipments: null }]);
    const result = await write(fetch);
    expect(sent.map((r) => r.method)).toStrictEqual(['GET', 'PUT', 'GET']);
    expect(texts(result).at(-1)).toBe('The write was sent, but reading it back failed (the vendor answered, but "/shipments" in its body held null instead of the "shipments" list). So this server could not confirm that "shipments" holds what was sent; read the resource to check.');
  });
});

describe('a drop without confirmation is refused with what it would remove', () => {
  it('the refusal is an error naming the entries and the confirming argument; nothing is written', async () => {
    const { fetch, sent } = vendor([{ shipments: [USPS, UPS] }]);
    const result = await callTool({ tool: updateOrder(), args: { id: 'o1', shipments: [USPS] }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET']);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toStrictEqual({ refused: true, would_remove: [UPS], confirm_with: 'confirm_removed_shipments' });
  });
});

describe('the notes after the write, exactly', () => {
  it('every entry kept: one note', async () => {
    const { fetch } = vendor([{ shipments: [USPS] }, { shipments: [USPS, UPS] }]);
    const result = await callTool({ tool: updateOrder(), args: { id: 'o1', shipments: [USPS, UPS] }, config: config({ fetch }) });
    expect(texts(result).slice(1)).toStrictEqual(['Checked after the write: "shipments" holds every entry sent.']);
  });

  it('two entries lost: counted in the plural', async () => {
    const { fetch } = vendor([{ shipments: [] }, { shipments: [] }]);
    const result = await callTool({ tool: updateOrder(), args: { id: 'o1', shipments: [USPS, UPS] }, config: config({ fetch }) });
    expect(texts(result).slice(1)).toStrictEqual([
      `Warning: after the write, "shipments" no longer holds 2 entries this call sent: ${JSON.stringify([USPS, UPS])}. Someone else may have changed it at the same time; read it and send them again if they should be there.`,
    ]);
  });
});

describe('a disjoint guard refuses before anything is read or sent', () => {
  it('the same tag to add and to remove', async () => {
    const base = tool({
      name: 'tag_order',
      http: { method: 'PUT', path: '/orders/{id}/tags', args: { id: { in: 'path', name: 'id' }, add: { in: 'body', name: 'add' }, remove: { in: 'body', name: 'remove' } }, body: { mediaType: 'application/json', encoding: 'json', mode: 'fields' } },
    });
    const tagOrder: ToolDefinition = { ...base, safeguards: [{ kind: 'disjoint', args: ['add', 'remove'] }] };
    const { fetch, sent } = vendor([{}]);
    const result = await callTool({ tool: tagOrder, args: { id: 'o1', add: ['a', 'b'], remove: ['b'] }, config: config({ fetch }) });
    expect(sent).toStrictEqual([]);
    expect(result.isError).toBe(true);
    expect(texts(result)).toHaveLength(1);
    expect(texts(result)[0]).toContain('"b"');
  });
});

describe('carryOver: a guarded list the call leaves out is read and sent back unchanged', () => {
  const carrying = (): ToolDefinition => updateOrder({ ...SHIPMENTS, carryOver: true });
  const extra = { ...USPS, label_url: 'https://labels.test/1' };

  it.each([
    { name: 'one entry', current: [extra], carried: [USPS], entries: '1 current entry was' },
    { name: 'two entries', current: [extra, UPS], carried: [USPS, UPS], entries: '2 current entries were' },
    { name: 'none', current: [], carried: [], entries: '0 current entries were' },
  ])('$name: cut to its identity, sent back, checked after the write', async ({ current, carried, entries }) => {
    const { fetch, sent } = vendor([{ shipments: current }, { shipments: carried }]);
    const result = await callTool({ tool: carrying(), args: { id: 'o1' }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET', 'PUT', 'GET']);
    expect(JSON.parse(String(sent[1]!.body))).toStrictEqual({ shipments: carried });
    expect(texts(result).slice(1)).toStrictEqual([
      'Checked after the write: "shipments" holds every entry sent.',
      `Note: "shipments" was not given, so its ${entries} read first and sent back unchanged: ${JSON.stringify(carried)}.`,
    ]);
  });

  it('a dry run reads too, and says the list would be sent back', async () => {
    const { fetch, sent } = vendor([{ shipments: [UPS] }]);
    const result = await callTool({ tool: carrying(), args: { id: 'o1', dry_run: true }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET']);
    expect(JSON.stringify(result.content)).toContain(`"shipments\\" was not given, so its 1 current entry was read first and would be sent back unchanged: ${JSON.stringify([UPS]).replace(/"/g, '\\"')}.`);
  });

  it('a given list is not carried: the ordinary guard reads it once', async () => {
    const { fetch, sent } = vendor([{ shipments: [USPS] }, { shipments: [USPS, UPS] }]);
    const result = await callTool({ tool: carrying(), args: { id: 'o1', shipments: [USPS, UPS] }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET', 'PUT', 'GET']);
    expect(texts(result).slice(1)).toStrictEqual(['Checked after the write: "shipments" holds every entry sent.']);
  });

  it('without carryOver a left-out list is left alone: no read, no field', async () => {
    const { fetch, sent } = vendor([{}]);
    await callTool({ tool: updateOrder(), args: { id: 'o1' }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['PUT']);
    expect(sent[0]!.body).toBeUndefined();
  });

  it.each([
    { name: 'an entry without a tracking code', current: [UPS, { carrier: 'usps' }], why: 'entry 2 ({"carrier":"usps"}) has no "tracking_code"' },
    { name: 'an entry whose identity fields are null', current: [{ id: 'shp_1', carrier: null, tracking_code: null }], why: 'entry 1 ({"id":"shp_1","carrier":null,"tracking_code":null}) has no "carrier" or "tracking_code"' },
    { name: 'an entry that is not an object', current: [UPS, 'shp_3'], why: 'entry 2 is "shp_3", not an object' },
  ])('$name cannot be sent back as it is: refused, nothing sent', async ({ current, why }) => {
    const { fetch, sent } = vendor([{ shipments: current }]);
    const result = await callTool({ tool: carrying(), args: { id: 'o1' }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET']);
    expect(result.isError).toBe(true);
    expect(texts(result)[0]).toBe(`Refused: "shipments" was not given, so this server would send the current list back unchanged, but ${why}: sent back, that entry would not stay as it is. Read the resource and send "shipments" yourself. Nothing was sent.`);
  });

  it('an unreadable list refuses the write', async () => {
    const { fetch, sent } = vendor([{ shipments: 'x' }]);
    const result = await callTool({ tool: carrying(), args: { id: 'o1' }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET']);
    expect(result.isError).toBe(true);
    expect(texts(result)[0]).toMatch(/^Could not read the current state before the write \(the vendor answered, but "\/shipments" in its body held a string/);
  });
});

describe('a carried list does not excuse another guarded list', () => {
  it('the items the call gives are still checked while the shipments it left out are carried', async () => {
    const ITEMS: FullArrayGuard = { kind: 'full-array', arg: 'items', identity: ['sku'], readPath: '/orders/{id}', currentPointer: '/items', confirmArg: 'confirm_removed_items' };
    const base = updateOrder({ ...SHIPMENTS, carryOver: true });
    const both: ToolDefinition = { ...base, http: { ...base.http, args: { ...base.http.args, items: { in: 'body', name: 'items' } } }, safeguards: [{ ...SHIPMENTS, carryOver: true }, ITEMS] };
    const { fetch, sent } = vendor([{ shipments: [USPS], items: [{ sku: 'A' }, { sku: 'B' }] }]);
    const result = await callTool({ tool: both, args: { id: 'o1', items: [{ sku: 'A' }] }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET', 'GET']);
    expect(result.structuredContent).toStrictEqual({ refused: true, would_remove: [{ sku: 'B' }], confirm_with: 'confirm_removed_items' });
  });
});

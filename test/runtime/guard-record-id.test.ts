import { describe, expect, it } from 'vitest';
import { callTool } from '../../templates/runtime/call-tool.ts';
import { otherRecord, type FullArrayGuard, type RecordId } from '../../templates/runtime/safeguards.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { config, recordingFetch, tool } from './support.ts';

describe('otherRecord: is the read of the record the write names?', () => {
  const plain: RecordId = { pointer: '/data/id', arg: 'ticket_id' };
  const uuid: RecordId = { pointer: '/id', arg: 'id', compare: 'case-insensitive' };
  const at = (input: { readonly recordId: RecordId; readonly found: unknown; readonly named: unknown }) =>
    otherRecord({ recordId: input.recordId, body: input.recordId.pointer === '/id' ? { id: input.found } : { data: { id: input.found } }, args: { [input.recordId.arg]: input.named } });

  it.each([
    { name: 'the same integer', recordId: plain, found: 42, named: 42 },
    { name: 'an integer id read back, the path argument a string', recordId: plain, found: 42, named: '42' },
    { name: 'a string id read back, the path argument an integer', recordId: plain, found: '42', named: 42 },
    { name: 'a UUID in other letter case', recordId: uuid, found: 'A1B2C3D4-0000-4000-8000-00000000000A', named: 'a1b2c3d4-0000-4000-8000-00000000000a' },
    { name: 'zero', recordId: plain, found: 0, named: 0 },
  ])('the same record: $name', (row) => expect(at(row)).toBeUndefined());

  it.each([
    { name: 'another integer', recordId: plain, found: 43, named: 42, want: 'the vendor answered with record 43 (at "/data/id"), not 42, which this call names' },
    { name: 'one more digit', recordId: plain, found: 420, named: 42, want: 'the vendor answered with record 420 (at "/data/id"), not 42, which this call names' },
    { name: 'letter case where the ids are not UUIDs', recordId: plain, found: 'AB', named: 'ab', want: 'the vendor answered with record "AB" (at "/data/id"), not "ab", which this call names' },
    { name: 'another UUID', recordId: uuid, found: 'b0000000-0000-4000-8000-000000000000', named: 'a0000000-0000-4000-8000-000000000000', want: 'the vendor answered with record "b0000000-0000-4000-8000-000000000000" (at "/id"), not "a0000000-0000-4000-8000-000000000000", which this call names' },
    { name: 'an id that is an object', recordId: plain, found: { id: 42 }, named: 42, want: 'the vendor answered with record {"id":42} (at "/data/id"), not 42, which this call names' },
    { name: 'an empty id on both sides', recordId: plain, found: '', named: '', want: 'the vendor answered with record "" (at "/data/id"), not "", which this call names' },
    { name: 'no id', recordId: plain, found: undefined, named: 42, want: 'the vendor\'s answer holds no record id at "/data/id", so this server cannot tell that it read 42' },
    { name: 'a null id', recordId: plain, found: null, named: 42, want: 'the vendor\'s answer holds no record id at "/data/id", so this server cannot tell that it read 42' },
    { name: 'true for 1', recordId: plain, found: true, named: 1, want: 'the vendor answered with record true (at "/data/id"), not 1, which this call names' },
  ])('refused: $name', ({ want, ...row }) => expect(at(row)).toBe(want));

  it('an answer that is not an object holds no id', () => expect(otherRecord({ recordId: plain, body: [42], args: { ticket_id: 42 } })).toContain('holds no record id'));
});

const GUARD: FullArrayGuard = { kind: 'full-array', arg: 'shipments', identity: ['carrier', 'tracking_code'], readPath: '/orders/{id}', currentPointer: '/shipments', confirmArg: 'confirm_removed_shipments', recordId: { pointer: '/id', arg: 'id' } };
const USPS = { carrier: 'usps', tracking_code: '9400' };
const DHL = { carrier: 'dhl', tracking_code: '7' };

function updateOrder(guard: FullArrayGuard): ToolDefinition {
  const base = tool({
    name: 'update_order',
    http: { method: 'PUT', path: '/orders/{id}', args: { id: { in: 'path', name: 'id' }, shipments: { in: 'body', name: 'shipments' }, email: { in: 'body', name: 'email' } }, body: { mediaType: 'application/json', encoding: 'json', mode: 'fields' } },
  });
  return { ...base, safeguards: [guard], dryRun: true };
}

const json = (body: unknown): Response => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const texts = (result: { content: unknown[] }) => (result.content as { text: string }[]).map((part) => part.text);

function vendor(reads: readonly unknown[]) {
  let next = 0;
  return recordingFetch((init) => (init.method === 'GET' ? json(reads[Math.min(next++, reads.length - 1)]) : json({})));
}

describe('a guard whose read answers with another record', () => {
  it('refuses a given list before the write, naming both records', async () => {
    const { fetch, sent } = vendor([{ id: 'B', shipments: [DHL] }]);
    const result = await callTool({ tool: updateOrder(GUARD), args: { id: 'A', shipments: [USPS] }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET']);
    expect(texts(result)[0]).toBe('Could not read the current state before the write (the vendor answered with record "B" (at "/id"), not "A", which this call names), so nothing was sent.');
  });

  it('refuses to carry another record\'s list into this one', async () => {
    const { fetch, sent } = vendor([{ id: 'B', shipments: [DHL] }]);
    const result = await callTool({ tool: updateOrder({ ...GUARD, carryOver: true }), args: { id: 'A', email: 'a@example.com' }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET']);
    expect(result.isError).toBe(true);
    expect(texts(result)[0]).toContain('not "A", which this call names');
  });

  it('after the write, does not confirm what another record holds', async () => {
    const { fetch, sent } = vendor([{ id: 'A', shipments: [USPS] }, { id: 'B', shipments: [USPS] }]);
    const result = await callTool({ tool: updateOrder(GUARD), args: { id: 'A', shipments: [USPS] }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET', 'PUT', 'GET']);
    const all = texts(result).join('\n');
    expect(all).toContain('The write was sent, but reading it back failed (the vendor answered with record "B" (at "/id"), not "A", which this call names).');
    expect(all).not.toContain('Checked after the write');
  });

  it('the same record read before and after goes through and is checked', async () => {
    const { fetch, sent } = vendor([{ id: 'A', shipments: [USPS] }, { id: 'A', shipments: [USPS] }]);
    const result = await callTool({ tool: updateOrder(GUARD), args: { id: 'A', shipments: [USPS] }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET', 'PUT', 'GET']);
    expect(texts(result).join('\n')).toContain('Checked after the write: "shipments" holds every entry sent.');
  });
});

describe('a guarded write the vendor accepted to apply later (HTTP 202)', () => {
  const accepting = (status: number) => {
    let reads = 0;
    return recordingFetch((init) => (init.method === 'GET' ? json(reads++ === 0 ? { id: 'A', shipments: [USPS] } : { id: 'A', shipments: [USPS] }) : new Response('{}', { status, headers: { 'content-type': 'application/json' } })));
  };

  it('says the read-back may not show it yet, before the read-back\'s own words', async () => {
    const { fetch } = accepting(202);
    const result = await callTool({ tool: updateOrder(GUARD), args: { id: 'A', shipments: [USPS, DHL] }, config: config({ fetch }) });
    const all = texts(result);
    expect(all.find((text) => text.includes('HTTP 202'))).toBe('The vendor accepted the write to apply later (HTTP 202), so the list read back below may not show it yet: an entry this call sent that is missing is not lost yet. Read the resource again in a while before sending anything again.');
    expect(all.findIndex((text) => text.includes('HTTP 202'))).toBeLessThan(all.findIndex((text) => text.startsWith('Warning: after the write')));
  });

  it.each([200, 201, 204])('HTTP %i says nothing of the kind', async (status) => {
    const { fetch } = accepting(status);
    const result = await callTool({ tool: updateOrder(GUARD), args: { id: 'A', shipments: [USPS, DHL] }, config: config({ fetch }) });
    expect(texts(result).join('\n')).not.toContain('HTTP 202');
  });
});

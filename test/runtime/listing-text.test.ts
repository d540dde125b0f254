import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../../templates/runtime/create-server.ts';
import { ListingStdioTransport, listedLine, listingTextOf, markListed, useListingTexts } from '../../templates/runtime/listing-text.ts';
import { firstExchange, warmUp } from '../../templates/runtime/warm-up.ts';
import { ACME, BEARER, tool } from './support.ts';

afterEach(() => useListingTexts(new Map()));

const config = { vendor: ACME, baseUrl: ACME.baseUrl, credentials: BEARER, timeoutMs: 1000, maxResultChars: 100_000, maxResponseBytes: 1_000_000, fetch: () => Promise.reject(new Error('no call')) };

/** A listing whose array is marked with its own JSON, as tool-listing.ts marks it. */
function marked(id: string | number) {
  const tools = [{ name: 'a', description: 'quote " and é', inputSchema: { type: 'object' } }];
  markListed({ tools, text: Buffer.from(JSON.stringify(tools)) });
  return { result: { tools }, jsonrpc: '2.0', id };
}

describe('listedLine: the bytes of the line JSON.stringify would write, from the marked text', () => {
  it.each([7, 0, 'req "1"'])('id %j: the same bytes as JSON.stringify, newline included', (id) => {
    const message = marked(id);
    expect(listedLine(message)?.toString('utf8')).toBe(`${JSON.stringify(message)}\n`);
  });

  it('anything else is left to the SDK: an unmarked array, another key in the result or the envelope, another key order, an error', () => {
    const message = marked(1);
    expect(listedLine({ ...message, result: { tools: [...message.result.tools] } })).toBeUndefined();
    expect(listedLine({ ...message, result: { ...message.result, nextCursor: 'x' } })).toBeUndefined();
    expect(listedLine({ ...message, _meta: {} })).toBeUndefined();
    expect(listedLine({ jsonrpc: '2.0', id: 1, result: message.result })).toBeUndefined();
    expect(listedLine({ jsonrpc: '2.0', id: 1, error: { code: -1, message: 'no' } })).toBeUndefined();
    expect(listedLine({ result: message.result, jsonrpc: '2.0', id: null })).toBeUndefined();
  });
});

describe('listingTextOf: the stored entries, joined in the order asked', () => {
  it('every name has an entry: the array; one lacks it, or none were stored: undefined', () => {
    useListingTexts(new Map([['a', '{"name":"a"}'], ['b', '{"name":"b"}']]));
    expect(listingTextOf(['b', 'a'])?.toString('utf8')).toBe('[{"name":"b"},{"name":"a"}]');
    expect(listingTextOf([])?.toString('utf8')).toBe('[]');
    expect(listingTextOf(['a', 'c'])).toBeUndefined();
    useListingTexts(new Map());
    expect(listingTextOf(['a'])).toBeUndefined();
  });
});

describe('ListingStdioTransport', () => {
  it('writes a marked listing from its text and any other message as the SDK does; after close it writes nothing', async () => {
    const stdout = new PassThrough();
    const written: string[] = [];
    stdout.on('data', (chunk: Buffer) => written.push(chunk.toString('utf8')));
    const transport = new ListingStdioTransport({ stdin: new PassThrough(), stdout });
    await transport.start();
    const listing = marked(2);
    await transport.send(listing as never);
    await transport.send({ jsonrpc: '2.0', id: 3, result: {} });
    expect(written.join('')).toBe(`${JSON.stringify(listing)}\n{"jsonrpc":"2.0","id":3,"result":{}}\n`);
    await transport.close();
    await expect(transport.send(listing as never)).rejects.toThrow('closed');
  });

  it('a reply to a request answered early is compared with the bytes written, not written again; only the first reply to that id is', async () => {
    const stdout = new PassThrough();
    const written: string[] = [];
    stdout.on('data', (chunk: Buffer) => written.push(chunk.toString('utf8')));
    const listing = marked(2);
    const differs: string[] = [];
    const answered = new Map([
      ['1', Buffer.from('{"result":{},"jsonrpc":"2.0","id":1}\n')],
      ['2', Buffer.from(`${JSON.stringify(listing)}\n`)],
      ['"s"', Buffer.from('{"result":{"other":1},"jsonrpc":"2.0","id":"s"}\n')],
      ['4', Buffer.from('{"result":{},"jsonrpc":"2.0","id":4}\n')],
    ]);
    const transport = new ListingStdioTransport({ stdin: new PassThrough(), stdout, early: { answered, differs: (id) => differs.push(id) } });
    await transport.start();
    await transport.send({ result: {}, jsonrpc: '2.0', id: 1 } as never);
    await transport.send(listing as never);
    expect(written).toStrictEqual([]);
    expect(differs).toStrictEqual([]);
    // The same id again (a client reusing it) and a request the bin never answered are written.
    await transport.send({ result: {}, jsonrpc: '2.0', id: 1 } as never);
    await transport.send({ jsonrpc: '2.0', id: 3, result: {} });
    expect(written.join('')).toBe('{"result":{},"jsonrpc":"2.0","id":1}\n{"jsonrpc":"2.0","id":3,"result":{}}\n');
    // A reply other than the one written early is reported, and still not written.
    await transport.send({ result: {}, jsonrpc: '2.0', id: 's' } as never);
    expect(differs).toStrictEqual(['"s"']);
    expect(written).toHaveLength(2);
    // A request id is no reply: a server-to-client request with an answered id is written.
    await transport.send({ jsonrpc: '2.0', id: 4, method: 'ping' });
    expect(written).toHaveLength(3);
    await transport.send({ result: {}, jsonrpc: '2.0', id: 4 } as never);
    expect(written).toHaveLength(3);
    await transport.close();
  });

  it('the reply comes from the stored entries (a space changed in one shows on the wire), and equals the serialised one when they are the build\'s', async () => {
    const tools = [tool({ name: 'list_things', http: { method: 'GET', path: '/things', args: {} } })];
    const serialised = (await firstExchange(() => createServer({ tools, config, toolsMode: 'all' }))).lines[1];
    const texts = (await warmUp({ vendor: ACME, tools })).listing;
    useListingTexts(texts!);
    expect((await firstExchange(() => createServer({ tools, config, toolsMode: 'all' }))).lines[1]).toBe(serialised);
    useListingTexts(new Map([['list_things', texts!.get('list_things')!.replace('{"name"', '{ "name"')]]));
    expect((await firstExchange(() => createServer({ tools, config, toolsMode: 'all' }))).lines[1]).toBe(serialised!.replace('[{"name"', '[{ "name"'));
  });
});

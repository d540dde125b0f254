import { PassThrough, type Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerEarly, LIST_WAIT_MS, LONGEST_OPENING_LINE, type EarlyHandover } from '../../templates/runtime/early-answer.ts';
import type { EarlyReplies } from '../../templates/runtime/early-start.ts';

/** Replies as the warm-up stores them: each line split where the id goes. */
const INIT = '{"result":{"protocolVersion":"2025-06-18","serverInfo":{"name":"acme"}},"jsonrpc":"2.0","id":';
const LIST = '{"result":{"tools":[{"name":"x"}]},"jsonrpc":"2.0","id":';
const PROMPTS = '{"result":{"prompts":[]},"jsonrpc":"2.0","id":';
const NOT_FOUND = ',"error":{"code":-32601,"message":"Method not found"}}';
const REPLIES: EarlyReplies = {
  initialize: { '2025-06-18': [INIT, '}'] },
  requests: { 'prompts/list': [PROMPTS, '}'], 'resources/list': ['{"jsonrpc":"2.0","id":', NOT_FOUND] },
  list: [LIST, '}'],
};

const line = (message: object) => `${JSON.stringify(message)}\n`;
const initialize = (id: unknown, params: object = { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1' } }) => line({ jsonrpc: '2.0', id, method: 'initialize', params });
const INITIALIZED = line({ jsonrpc: '2.0', method: 'notifications/initialized' });
const list = (id: unknown, params?: object) => line({ jsonrpc: '2.0', id, method: 'tools/list', ...(params === undefined ? {} : { params }) });

function readAll(stream: Readable): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** answerEarly on in-memory streams: what it wrote, and the hand-over once it happens. */
function started(input: { readonly replies?: EarlyReplies; readonly listing?: readonly Buffer[] } = {}) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const written: string[] = [];
  stdout.on('data', (chunk: Buffer) => written.push(chunk.toString('utf8')));
  let handover: EarlyHandover | undefined;
  const handovers = vi.fn((given: EarlyHandover) => {
    handover = given;
  });
  answerEarly({ replies: input.replies ?? REPLIES, ...(input.listing === undefined ? {} : { listing: input.listing }), stdin, stdout, handover: handovers });
  return { stdin, stdout, written, handovers, handover: () => handover, answered: () => Object.fromEntries([...(handover?.answered ?? [])].map(([id, bytes]) => [id, bytes.toString('utf8')])) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('answerEarly: the opening exchange before the server is loaded', () => {
  it('answers initialize, takes initialized, answers tools/list, then hands over every byte read, with what it answered', async () => {
    const run = started();
    const sent = initialize(7) + INITIALIZED + list('l-1');
    run.stdin.write(sent);
    await vi.waitFor(() => expect(run.handovers).toHaveBeenCalledTimes(1));
    expect(run.written.join('')).toBe(`${INIT}7}\n${LIST}"l-1"}\n`);
    expect(run.answered()).toStrictEqual({ '7': `${INIT}7}\n`, '"l-1"': `${LIST}"l-1"}\n` });
    run.stdin.end(list(9));
    // The server reads from the first byte: the answered requests, and what came after the hand-over.
    expect(await readAll(run.handover()!.stdin)).toBe(sent + list(9));
  });

  it('answers an initialize whose clientInfo has a title and whose capabilities have booleans where the schema wants them', () => {
    const run = started();
    const capabilities = { roots: { listChanged: true }, sampling: {}, elicitation: { form: { applyDefaults: false }, url: {} }, extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'], depth: { n: 1 } } }, experimental: { x: { on: true, list: [1, 'a'] } } };
    run.stdin.write(initialize(1, { protocolVersion: '2025-06-18', capabilities, clientInfo: { name: 'c', version: '1', title: 'C' } }));
    expect(run.written.join('')).toBe(`${INIT}1}\n`);
  });

  it('answers an initialize whose clientInfo carries every field the SDK\'s schema names (2025-11-25 implementations)', () => {
    const run = started();
    const clientInfo = { name: 'c', version: '1', title: 'C', description: 'a client', websiteUrl: 'https://c.example', icons: [{ src: 'https://c.example/a.png', mimeType: 'image/png', sizes: ['48x48'], theme: 'dark' }, { src: 'b.svg', theme: 'light' }, { src: 'c.svg' }] };
    run.stdin.write(initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo }));
    expect(run.written.join('')).toBe(`${INIT}1}\n`);
  });

  it('cuts lines as bytes: a message split inside a character, and a CRLF line, are still answered', async () => {
    const run = started();
    const bytes = Buffer.from(initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'café', version: '1' } }).replace(/\n$/, '\r\n'));
    const cut = bytes.indexOf(Buffer.from('é')) + 1;
    run.stdin.write(bytes.subarray(0, cut));
    run.stdin.write(bytes.subarray(cut));
    await vi.waitFor(() => expect(run.written.join('')).toBe(`${INIT}1}\n`));
    expect(run.handovers).not.toHaveBeenCalled();
  });

  it('makes the tools/list line from the listing entries, in their order, when no line is stored', async () => {
    const run = started({ replies: { initialize: REPLIES.initialize, requests: {} }, listing: [Buffer.from('{"name":"a"}'), Buffer.from('{"name":"b"}')] });
    run.stdin.write(initialize(1) + INITIALIZED + list(2));
    await vi.waitFor(() => expect(run.handovers).toHaveBeenCalledTimes(1));
    expect(run.written.join('')).toBe(`${INIT}1}\n{"result":{"tools":[{"name":"a"},{"name":"b"}]},"jsonrpc":"2.0","id":2}\n`);
  });

  it.each([
    ['a protocol version with no stored reply', initialize(1, { protocolVersion: '1999-01-01', capabilities: {}, clientInfo: { name: 'c', version: '1' } })],
    ['an initialize carrying _meta (the modern envelope)', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1' }, _meta: {} })],
    ['clientInfo without a version', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c' } })],
    ['clientInfo with a key the schema may refuse', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1', icons: 5 } })],
    ['clientInfo with a key the schema does not name', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1', vendor: 'x' } })],
    ['an icon without src', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1', icons: [{ mimeType: 'image/png' }] } })],
    ['an icon with a theme the schema refuses', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1', icons: [{ src: 'a.png', theme: 'blue' }] } })],
    ['an icon with one size that is no string', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1', icons: [{ src: 'a.png', sizes: ['48x48', 48] }] } })],
    ['one icon of two the schema refuses', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1', icons: [{ src: 'a.png' }, { mimeType: 'image/png' }] } })],
    ['one extension of two that is no object', initialize(1, { protocolVersion: '2025-06-18', capabilities: { extensions: { a: {}, b: [] } }, clientInfo: { name: 'c', version: '1' } })],
    ['an icon with sizes that are no strings', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1', icons: [{ src: 'a.png', sizes: [48] }] } })],
    ['an icon with a mimeType that is no string', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1', icons: [{ src: 'a.png', mimeType: 1 }] } })],
    ['an icon with a key the schema does not name', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1', icons: [{ src: 'a.png', alt: 'x' }] } })],
    ['a websiteUrl that is no string', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1', websiteUrl: 1 } })],
    ['a description that is no string', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1', description: {} } })],
    ['a capability that is not an object', initialize(1, { protocolVersion: '2025-06-18', capabilities: { roots: true }, clientInfo: { name: 'c', version: '1' } })],
    ['an id that is no integer', initialize(1.5)],
    ['a null id', initialize(null)],
    ['server/discover first', line({ jsonrpc: '2.0', id: 1, method: 'server/discover' })],
    ['tools/list first', list(1)],
    ['a line that is not JSON', '{"jsonrpc":"2.0",\n'],
    ['another JSON-RPC version', line({ jsonrpc: '1.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1' } } })],
    ['a capability that is null', initialize(1, { protocolVersion: '2025-06-18', capabilities: { roots: null }, clientInfo: { name: 'c', version: '1' } })],
    ['clientInfo that is null', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: null })],
    ['a capability that is an array', initialize(1, { protocolVersion: '2025-06-18', capabilities: { roots: [] }, clientInfo: { name: 'c', version: '1' } })],
    ['clientInfo with a name that is no string', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 1, version: '1' } })],
    ['clientInfo with a title that is no string', initialize(1, { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1', title: 1 } })],
    ['another method with initialize params', line({ jsonrpc: '2.0', id: 1, method: 'ping', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1' } } })],
    ['an empty line', `\n${initialize(1)}`],
    ['a capability the SDK\'s schema refuses (elicitation.form a number)', initialize(1, { protocolVersion: '2025-06-18', capabilities: { elicitation: { form: 5 } }, clientInfo: { name: 'c', version: '1' } })],
    ['a boolean where the schema wants an object', initialize(1, { protocolVersion: '2025-06-18', capabilities: { sampling: { tools: true } }, clientInfo: { name: 'c', version: '1' } })],
    ['an extension that is no object', initialize(1, { protocolVersion: '2025-06-18', capabilities: { extensions: { 'io.modelcontextprotocol/ui': ['text/html'] } }, clientInfo: { name: 'c', version: '1' } })],
    ['experimental that is no record', initialize(1, { protocolVersion: '2025-06-18', capabilities: { experimental: 5 }, clientInfo: { name: 'c', version: '1' } })],
    ['an array nested in a capability that is no open record', initialize(1, { protocolVersion: '2025-06-18', capabilities: { sampling: { context: [] } }, clientInfo: { name: 'c', version: '1' } })],
    ['roots.listChanged that is no boolean', initialize(1, { protocolVersion: '2025-06-18', capabilities: { roots: { listChanged: {} } }, clientInfo: { name: 'c', version: '1' } })],
    ['an extra top-level key', line({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1' } }, extra: 1 })],
  ])('hands over at once, having written nothing, on %s', (_, first) => {
    const run = started();
    run.stdin.write(first);
    expect(run.handovers).toHaveBeenCalledTimes(1);
    expect(run.written).toStrictEqual([]);
    expect(run.handover()!.answered.size).toBe(0);
  });

  it.each([
    ['a request before initialized', line({ jsonrpc: '2.0', id: 2, method: 'ping' })],
    ['initialized with params', line({ jsonrpc: '2.0', method: 'notifications/initialized', params: { x: 1 } })],
    ['a second initialize', initialize(2)],
    ['another notification', line({ jsonrpc: '2.0', method: 'notifications/cancelled' })],
    ['initialized sent as a request', line({ jsonrpc: '2.0', id: 2, method: 'notifications/initialized' })],
    ['initialized with an extra key', line({ jsonrpc: '2.0', method: 'notifications/initialized', extra: 1 })],
  ])('after initialize, hands over on %s, keeping the initialize answered', (_, next) => {
    const run = started();
    run.stdin.write(initialize(1) + next);
    expect(run.handovers).toHaveBeenCalledTimes(1);
    expect(run.answered()).toStrictEqual({ '1': `${INIT}1}\n` });
  });

  it.each([
    ['a cursor', { cursor: 'next' }],
    ['_meta', { _meta: { progressToken: 1 } }],
  ])('a tools/list with %s is the server\'s to answer', (_, params) => {
    const run = started();
    run.stdin.write(initialize(1) + INITIALIZED + list(2, params));
    expect(run.handovers).toHaveBeenCalledTimes(1);
    expect(run.written.join('')).toBe(`${INIT}1}\n`);
  });

  it('a tools/list with empty params is answered', async () => {
    const run = started();
    run.stdin.write(initialize(1) + INITIALIZED + list(2, {}));
    await vi.waitFor(() => expect(run.handovers).toHaveBeenCalledTimes(1));
    expect(run.written.join('')).toBe(`${INIT}1}\n${LIST}2}\n`);
  });

  it('answers the other recorded requests before and after tools/list, errors included, by method; tools/list still ends it', async () => {
    const run = started();
    const request = (id: number, method: string) => line({ jsonrpc: '2.0', id, method });
    run.stdin.write(initialize(1) + INITIALIZED + request(2, 'resources/list') + request(3, 'prompts/list'));
    expect(run.handovers).not.toHaveBeenCalled();
    run.stdin.write(list(4));
    await vi.waitFor(() => expect(run.handovers).toHaveBeenCalledTimes(1));
    expect(run.written.join('')).toBe(`${INIT}1}\n{"jsonrpc":"2.0","id":2${NOT_FOUND}\n${PROMPTS}3}\n${LIST}4}\n`);
    expect(Object.keys(run.answered())).toStrictEqual(['1', '2', '3', '4']);
  });

  it.each([
    ['a method with no recorded reply', line({ jsonrpc: '2.0', id: 2, method: 'completion/complete' })],
    ['a recorded method with params', line({ jsonrpc: '2.0', id: 2, method: 'prompts/list', params: { cursor: 'c' } })],
    ['a notification', line({ jsonrpc: '2.0', method: 'notifications/roots/list_changed' })],
    ['an inherited name', line({ jsonrpc: '2.0', id: 2, method: 'toString' })],
  ])('after initialized, hands over on %s', (_, next) => {
    const run = started();
    run.stdin.write(initialize(1) + INITIALIZED + next);
    expect(run.handovers).toHaveBeenCalledTimes(1);
    expect(Object.keys(run.answered())).toStrictEqual(['1']);
  });

  it('a line after the answered tools/list is the server\'s: handed over at once, not answered again, and only once', async () => {
    const run = started();
    run.stdin.write(initialize(1) + INITIALIZED + list(2) + list(3));
    expect(run.handovers).toHaveBeenCalledTimes(1);
    expect(Object.keys(run.answered())).toStrictEqual(['1', '2']);
    // The hand-over the written listing schedules, and the list wait, find it done.
    await new Promise((resolve) => setTimeout(resolve, LIST_WAIT_MS + 20));
    expect(run.handovers).toHaveBeenCalledTimes(1);
  });

  it('hands over as soon as the listing is written, not at the list wait, leaving no timer behind', async () => {
    vi.useFakeTimers();
    const run = started();
    run.stdin.write(initialize(1) + INITIALIZED + list(2));
    await vi.advanceTimersByTimeAsync(1);
    expect(run.handovers).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the list wait runs from initialize: other requests answered meanwhile neither extend it nor leave a timer', async () => {
    vi.useFakeTimers();
    const run = started();
    run.stdin.write(initialize(1) + INITIALIZED);
    await vi.advanceTimersByTimeAsync(LIST_WAIT_MS - 40);
    run.stdin.write(line({ jsonrpc: '2.0', id: 2, method: 'prompts/list' }));
    await vi.advanceTimersByTimeAsync(10);
    run.stdin.write(line({ jsonrpc: '2.0', id: 3, method: 'resources/list' }));
    await vi.advanceTimersByTimeAsync(30);
    expect(run.handovers).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('initialized with empty params is taken like one without', async () => {
    const run = started();
    run.stdin.write(initialize(1) + line({ jsonrpc: '2.0', method: 'notifications/initialized', params: {} }) + list(2));
    await vi.waitFor(() => expect(run.handovers).toHaveBeenCalledTimes(1));
    expect(Object.keys(run.answered())).toStrictEqual(['1', '2']);
  });

  it('a request under an id already answered is the server\'s: its reply would be compared with the other one', () => {
    const run = started();
    run.stdin.write(initialize(1) + INITIALIZED + list(1));
    expect(run.handovers).toHaveBeenCalledTimes(1);
    expect(run.written.join('')).toBe(`${INIT}1}\n`);
  });

  it('a tools/list with neither a stored line nor listing entries is the server\'s', () => {
    const run = started({ replies: { initialize: REPLIES.initialize, requests: {} } });
    run.stdin.write(initialize(1) + INITIALIZED + list(2));
    expect(run.handovers).toHaveBeenCalledTimes(1);
    expect(Object.keys(run.answered())).toStrictEqual(['1']);
  });

  it('after the hand-over its own listeners are gone: stdin feeds the server alone, stdout errors are the server\'s', () => {
    const run = started();
    const stdoutErrors = run.stdout.listenerCount('error');
    run.stdin.write(line({ jsonrpc: '2.0', id: 1, method: 'server/discover' }));
    // What remains: the pipe's data and end listeners, and the error forwarding.
    expect([run.stdin.listenerCount('data'), run.stdin.listenerCount('end'), run.stdin.listenerCount('error')]).toStrictEqual([1, 1, 1]);
    expect(run.stdout.listenerCount('error')).toBe(stdoutErrors - 1);
  });

  it.each(['stdin', 'stdout'] as const)('an error on %s before any line hands over', (stream) => {
    const run = started();
    run[stream].emit('error', new Error('EPIPE'));
    expect(run.handovers).toHaveBeenCalledTimes(1);
  });

  it(`hands over ${LIST_WAIT_MS} ms after initialize when no tools/list came, not a millisecond before`, () => {
    vi.useFakeTimers();
    const run = started();
    run.stdin.write(initialize(1));
    vi.advanceTimersByTime(LIST_WAIT_MS - 1);
    expect(run.handovers).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run.handovers).toHaveBeenCalledTimes(1);
  });

  it('a read error on stdin after the hand-over reaches the server on its stream', async () => {
    const run = started();
    run.stdin.write(line({ jsonrpc: '2.0', id: 1, method: 'server/discover' }));
    const failed = new Promise((resolve) => run.handover()!.stdin.on('error', resolve));
    run.stdin.destroy(new Error('EIO'));
    expect(await failed).toStrictEqual(new Error('EIO'));
  });

  it(`a line still open after ${LONGEST_OPENING_LINE} bytes is the server's to read (and to refuse); one byte fewer is waited for`, () => {
    const run = started();
    const open = '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"pad":"';
    run.stdin.write(open + 'x'.repeat(LONGEST_OPENING_LINE - open.length));
    expect(run.handovers).not.toHaveBeenCalled();
    run.stdin.write('x');
    expect(run.handovers).toHaveBeenCalledTimes(1);
    expect(run.written).toStrictEqual([]);
  });

  it('stdin ending before a line hands over with a stream that ends empty', async () => {
    const run = started();
    run.stdin.end();
    await vi.waitFor(() => expect(run.handovers).toHaveBeenCalledTimes(1));
    expect(await readAll(run.handover()!.stdin)).toBe('');
  });

  it('stdin ending hands over with a stream that ends after the bytes read', async () => {
    const run = started();
    run.stdin.end(initialize(1));
    await vi.waitFor(() => expect(run.handovers).toHaveBeenCalledTimes(1));
    expect(await readAll(run.handover()!.stdin)).toBe(initialize(1));
  });
});

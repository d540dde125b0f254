import { PassThrough } from 'node:stream';
import { SUPPORTED_PROTOCOL_VERSIONS, type McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { createServer, type ToolsMode } from './create-server.ts';
import { ListingStdioTransport, useListingTexts } from './listing-text.ts';
import type { RuntimeConfig } from './call-tool.ts';
import { DEFAULT_CONFIRM_POLICY } from './confirm-policy.ts';
import type { EarlyRecord, EarlyReplies, ReplyLine } from './early-start.ts';
import type { ToolDefinition } from './tool-definition.ts';
import type { VendorDefinition } from './vendor-definition.ts';

/**
 * The build runs this before it writes the code cache (write-code-cache.ts): V8 compiles a
 * function on its first call, and a cache holds only what has been compiled, so a cache made right
 * after the bundle's top level would leave every start compiling the SDK's request path, its
 * protocol schemas and the listing code again. Here the server answers the exchange every client
 * starts with, `initialize` then `tools/list`, over the stdio transport the bin uses (on in-memory
 * streams), in both tools modes, so those functions are compiled and go into the cache.
 */

/** The protocol version clients send today; the SDK answers older and newer ones through the same path. */
const PROTOCOL_VERSION = '2025-06-18';

function initializeRequest(protocolVersion: string) {
  return { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion, capabilities: {}, clientInfo: { name: 'vendor-mcp-build', version: '1.0.0' } } } as const;
}

const EXCHANGE = [initializeRequest(PROTOCOL_VERSION), { jsonrpc: '2.0', method: 'notifications/initialized' }, { jsonrpc: '2.0', id: 2, method: 'tools/list' }] as const;

/** Nothing is called during the exchange; a vendor call would be a bug, so it fails loudly. */
function idleConfig(vendor: VendorDefinition): RuntimeConfig {
  return {
    vendor,
    baseUrl: vendor.baseUrl,
    credentials: { headers: {}, query: [], secrets: [] },
    timeoutMs: 1,
    maxResultChars: 0,
    maxResponseBytes: 0,
    fetch: () => Promise.reject(new Error('warm-up: no vendor call is made while the build warms the server')),
  };
}

type Reply = { readonly id?: unknown; readonly result?: unknown; readonly error?: { readonly message?: string } };

/** The lines answering the first `count` requests, as written, read from the transport's output. */
function replyLines(output: PassThrough, count: number): Promise<readonly string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let buffered = '';
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      buffered += chunk;
      for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if ((JSON.parse(line) as Reply).id !== undefined) lines.push(line);
        if (lines.length === count) resolve(lines);
      }
    });
    output.on('error', reject);
  });
}

/**
 * Serves one connection of `serverFor` over the stdio transport on in-memory streams and returns
 * the replies to the requests of `messages` (by default `initialize` and `tools/list`) exactly as
 * written to the wire.
 */
export async function firstExchange(serverFor: () => McpServer, messages: readonly object[] = EXCHANGE): Promise<{ readonly lines: readonly string[]; readonly errors: readonly Error[] }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const replies = replyLines(stdout, messages.filter((message) => 'id' in message).length);
  const errors: Error[] = [];
  const handle = serveStdio(serverFor, { transport: new ListingStdioTransport({ stdin, stdout }), onerror: (error) => errors.push(error) });
  try {
    for (const message of messages) stdin.write(`${JSON.stringify(message)}\n`);
    return { lines: await replies, errors };
  } finally {
    await handle.close();
  }
}

type ExchangeInput = { readonly vendor: VendorDefinition; readonly tools: readonly ToolDefinition[]; readonly toolsMode: ToolsMode };

/** One connection of a server of this vendor, tools and mode, making no vendor call: the replies to `messages`. */
function served(input: ExchangeInput & { readonly messages?: readonly object[] }): ReturnType<typeof firstExchange> {
  return firstExchange(() => createServer({ tools: input.tools, config: idleConfig(input.vendor), toolsMode: input.toolsMode }), input.messages);
}

/** The replies to `messages` from a server of this vendor, tools and mode; a failed reply fails the build. */
async function exchange(input: ExchangeInput & { readonly messages?: readonly object[] }): Promise<readonly string[]> {
  const { lines, errors } = await served(input);
  const failed = lines.map((line) => JSON.parse(line) as Reply).find((reply) => reply.result === undefined);
  if (failed !== undefined || errors.length > 0) throw new Error(`warm-up (${input.toolsMode} tools): ${failed?.error?.message ?? errors[0]?.message ?? 'no result'}`);
  return lines;
}

const ENVELOPE_START = '{"jsonrpc":"2.0","id":';

/**
 * A reply line to request `id`, split where the id goes (early-answer.ts writes there the id of the
 * request it answers): at the end of a result (`…,"id":1}`), at the start of an error.
 */
function splitAtId(input: { readonly line: string; readonly id: number }): ReplyLine {
  const end = `,"id":${input.id}}`;
  if (input.line.endsWith(end)) return [input.line.slice(0, -end.length + ',"id":'.length), '}'];
  const start = `${ENVELOPE_START}${input.id},`;
  if (input.line.startsWith(start)) return [ENVELOPE_START, input.line.slice(start.length - 1)];
  throw new Error(`warm-up: a reply line does not carry its id where the SDK writes it: ${input.line.slice(0, 40)}…${input.line.slice(-40)}`);
}

/**
 * The `initialize` reply for every protocol version the SDK names that it answers as asked (a
 * version it would answer with another is left out: the early answer hands such a start over).
 */
async function initializeReplies(input: ExchangeInput): Promise<Record<string, ReplyLine>> {
  const replies: Record<string, ReplyLine> = {};
  for (const version of SUPPORTED_PROTOCOL_VERSIONS) {
    const [line] = await exchange({ ...input, messages: [initializeRequest(version)] });
    if ((JSON.parse(line!) as { readonly result: { readonly protocolVersion?: unknown } }).result.protocolVersion === version) replies[version] = splitAtId({ line: line!, id: 1 });
  }
  return replies;
}

/** Requests clients send beside `tools/list` in their opening exchange, each answered the same way every time. */
export const EARLY_REQUESTS = ['prompts/list', 'resources/list', 'resources/templates/list', 'ping'] as const;

/** The reply to each of EARLY_REQUESTS, errors included (a server without resources answers "Method not found"). */
async function requestReplies(input: ExchangeInput): Promise<Record<string, ReplyLine>> {
  const messages = [initializeRequest(PROTOCOL_VERSION), { jsonrpc: '2.0', method: 'notifications/initialized' }, ...EARLY_REQUESTS.map((method, at) => ({ jsonrpc: '2.0', id: at + 2, method }))];
  const { lines, errors } = await served({ ...input, messages });
  if (errors.length > 0) throw new Error(`warm-up (${input.toolsMode} tools): ${errors[0]!.message}`);
  const replies: Record<string, ReplyLine> = {};
  for (const line of lines) {
    const id = (JSON.parse(line) as { readonly id: number }).id;
    if (id > 1) replies[EARLY_REQUESTS[id - 2]!] = splitAtId({ line, id });
  }
  return replies;
}

async function earlyReplies(input: ExchangeInput & { readonly listLine: string; readonly fromListing: boolean }): Promise<EarlyReplies> {
  const replies = { initialize: await initializeReplies(input), requests: await requestReplies(input) };
  return input.fromListing ? replies : { ...replies, list: splitAtId({ line: input.listLine, id: 2 }) };
}

/** Each listed tool's entry as JSON, taken only if together they give back the very line that was written. */
function entryTexts(line: string): Map<string, string> | undefined {
  const tools = (JSON.parse(line) as { readonly result: { readonly tools: readonly { readonly name: string }[] } }).result.tools;
  const texts = tools.map((tool) => JSON.stringify(tool));
  if (`{"result":{"tools":[${texts.join(',')}]},"jsonrpc":"2.0","id":2}` !== line) return undefined;
  return new Map(tools.map((tool, at) => [tool.name, texts[at]!]));
}

/**
 * One `initialize` and `tools/list` per tools mode, and in `all` mode a second one written from the
 * serialised entries, which must be the same line to the byte. Gives those entries and the early
 * replies (stored beside the bundle by the build); rejects, failing the build, when the server
 * cannot answer.
 */
export async function warmUp(input: { readonly vendor: VendorDefinition; readonly tools: readonly ToolDefinition[] }): Promise<{ readonly listing: ReadonlyMap<string, string> | undefined; readonly early: EarlyRecord }> {
  useListingTexts(new Map());
  const [, listed] = await exchange({ ...input, toolsMode: 'all' });
  const texts = entryTexts(listed!);
  if (texts !== undefined) {
    useListingTexts(texts);
    const [, written] = await exchange({ ...input, toolsMode: 'all' });
    if (written !== listed) throw new Error('warm-up: the listing written from its serialised entries differs from the one the server serialised');
  }
  const [, discovered] = await exchange({ ...input, toolsMode: 'discovery' });
  const modes = {
    all: await earlyReplies({ ...input, toolsMode: 'all', listLine: listed!, fromListing: texts !== undefined }),
    discovery: await earlyReplies({ ...input, toolsMode: 'discovery', listLine: discovered!, fromListing: false }),
  };
  return { listing: texts, early: { vendor: input.vendor, toolCount: input.tools.length, confirm: DEFAULT_CONFIRM_POLICY, modes } };
}

import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { EarlyReplies, ReplyLine } from './early-start.ts';
import { listingLineOf, type RequestId } from './listing-line.ts';

/**
 * The exchange every stdio client opens with, `initialize`, `notifications/initialized`, then
 * `tools/list` (with, before or after it, `prompts/list` and the like), answered from the replies
 * the build stored (early-start.ts) before the server bundle, the SDK and zod are loaded: a host
 * shows the tools that much sooner (docs/operations.md, "Answered before the server loads"). Only
 * messages of exactly the expected shape are answered; the first one of any other shape, the end
 * of stdin, or a pause after `initialize` hands the connection over.
 *
 * At the hand-over the loaded server gets every byte read so far, the answered requests included,
 * so it holds the same session state as if it had read them itself; its replies to the answered
 * requests are compared with what was written instead of being written again (listing-text.ts),
 * and a difference ends the server (main.ts). So an early reply is never one the server would not
 * have given.
 */

/** What the hand-over gives the server: stdin from the first byte, and the replies already written. */
export type EarlyHandover = {
  readonly stdin: Readable;
  /** `JSON.stringify(id)` → the reply line written for that request. */
  readonly answered: ReadonlyMap<string, Buffer>;
};

/**
 * Clients send `tools/list` as soon as `initialize` is answered. One that has not within this time
 * is doing something else first, and the server is loaded so that nothing waits for it later.
 */
export const LIST_WAIT_MS = 100;

/**
 * The opening messages are a few hundred bytes. Past this much without a newline the bin stops
 * reading lines and hands over: the server then applies its own limit to the line, and nothing
 * here holds an unbounded buffer.
 */
export const LONGEST_OPENING_LINE = 64 * 1024;

type Message = Readonly<Record<string, unknown>>;

function plainObject(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keysWithin(input: { readonly value: Message; readonly allowed: readonly string[] }): boolean {
  return Object.keys(input.value).every((key) => input.allowed.includes(key));
}

function requestId(value: unknown): RequestId | undefined {
  return typeof value === 'string' || Number.isSafeInteger(value) ? (value as RequestId) : undefined;
}

/** The SDK's own line reading (ReadBuffer): split at `\n`, one trailing `\r` dropped. */
function parsedLine(line: string): Message | undefined {
  try {
    const message = JSON.parse(line.replace(/\r$/, '')) as unknown;
    return plainObject(message) && message['jsonrpc'] === '2.0' ? message : undefined;
  } catch {
    return undefined;
  }
}

function emptyParams(message: Message): boolean {
  const { params } = message;
  return params === undefined || (plainObject(params) && Object.keys(params).length === 0);
}

const optionalText = (value: unknown) => value === undefined || typeof value === 'string';

/** An icon as the SDK's IconSchema takes it: a string `src`, optional `mimeType`, `sizes` of strings, a light or dark `theme`. */
function plainIcon(value: unknown): boolean {
  if (!plainObject(value) || !keysWithin({ value, allowed: ['src', 'mimeType', 'sizes', 'theme'] }) || typeof value['src'] !== 'string' || !optionalText(value['mimeType'])) return false;
  const { sizes, theme } = value;
  return (sizes === undefined || (Array.isArray(sizes) && sizes.every((size) => typeof size === 'string'))) && (theme === undefined || theme === 'light' || theme === 'dark');
}

/**
 * `clientInfo` as the SDK's ImplementationSchema takes it (string name and version; optional
 * title, description, websiteUrl, icons), and nothing else: nothing the schema could refuse.
 */
function plainClientInfo(value: unknown): boolean {
  if (!plainObject(value) || !keysWithin({ value, allowed: ['name', 'version', 'title', 'description', 'websiteUrl', 'icons'] })) return false;
  const { icons } = value;
  const texts = typeof value['name'] === 'string' && typeof value['version'] === 'string' && ['title', 'description', 'websiteUrl'].every((key) => optionalText(value[key]));
  return texts && (icons === undefined || (Array.isArray(icons) && icons.every(plainIcon)));
}

/** The places the SDK's ClientCapabilitiesSchema wants a boolean; everywhere else it wants an object or drops the key. */
const BOOLEAN_CAPABILITIES = ['roots.listChanged', 'elicitation.form.applyDefaults'];

/** Records of named JSON objects in that schema, whose contents it takes as any JSON (MCP Apps declare `extensions` with arrays). */
const OPEN_CAPABILITIES = ['experimental', 'extensions'];

/**
 * Capabilities the SDK's schema cannot refuse: objects all the way down, booleans only where it
 * wants them. Its `elicitation: { form: 5 }` is refused with an error, so an early success
 * reply to it would be one the server does not give.
 */
function plainCapabilities(input: { readonly value: Message; readonly at: string }): boolean {
  return Object.entries(input.value).every(([key, item]) => {
    const at = input.at === '' ? key : `${input.at}.${key}`;
    if (BOOLEAN_CAPABILITIES.includes(at)) return typeof item === 'boolean';
    if (OPEN_CAPABILITIES.includes(at)) return plainObject(item) && Object.values(item).every(plainObject);
    return plainObject(item) && plainCapabilities({ value: item, at });
  });
}

/** The protocol version of a plain legacy `initialize` (no `_meta`, nothing unexpected), or undefined. */
function initializeVersion(message: Message): string | undefined {
  const { params } = message;
  if (message['method'] !== 'initialize' || !keysWithin({ value: message, allowed: ['jsonrpc', 'id', 'method', 'params'] }) || !plainObject(params)) return undefined;
  if (!keysWithin({ value: params, allowed: ['protocolVersion', 'capabilities', 'clientInfo'] }) || !plainClientInfo(params['clientInfo'])) return undefined;
  const { capabilities, protocolVersion } = params;
  if (!plainObject(capabilities) || !plainCapabilities({ value: capabilities, at: '' })) return undefined;
  return typeof protocolVersion === 'string' ? protocolVersion : undefined;
}

function isInitialized(message: Message): boolean {
  // No `id` among the keys: a notification.
  return message['method'] === 'notifications/initialized' && keysWithin({ value: message, allowed: ['jsonrpc', 'method', 'params'] }) && emptyParams(message);
}

/** A request with no params beyond an empty object, and nothing else, or undefined. */
function plainRequest(message: Message): string | undefined {
  const { method } = message;
  return typeof method === 'string' && keysWithin({ value: message, allowed: ['jsonrpc', 'id', 'method', 'params'] }) && emptyParams(message) ? method : undefined;
}

/** `requests`: initialized, answering until `tools/list`; `done`: that is answered, whatever comes next is the loaded server's. */
type Phase = 'initialize' | 'initialized' | 'requests' | 'done';

function lineFor(input: { readonly line: ReplyLine; readonly id: RequestId }): Buffer {
  return Buffer.from(`${input.line[0]}${JSON.stringify(input.id)}${input.line[1]}\n`, 'utf8');
}

type Reply = { readonly id?: RequestId; readonly bytes?: Buffer; readonly next: Phase };

function initializeReply(input: { readonly message: Message; readonly id: RequestId; readonly replies: EarlyReplies }): Reply | undefined {
  const version = initializeVersion(input.message);
  const line = version === undefined || !Object.hasOwn(input.replies.initialize, version) ? undefined : input.replies.initialize[version];
  return line === undefined ? undefined : { id: input.id, bytes: lineFor({ line, id: input.id }), next: 'initialized' };
}

function requestReply(input: { readonly message: Message; readonly id: RequestId; readonly replies: EarlyReplies; readonly listing: Iterable<Buffer> | undefined }): Reply | undefined {
  const { id, replies } = input;
  const method = plainRequest(input.message);
  if (method === 'tools/list') {
    const bytes = replies.list !== undefined ? lineFor({ line: replies.list, id }) : input.listing === undefined ? undefined : listingLineOf({ entries: input.listing, id });
    return bytes === undefined ? undefined : { id, bytes, next: 'done' };
  }
  const line = method === undefined || !Object.hasOwn(replies.requests, method) ? undefined : replies.requests[method];
  return line === undefined ? undefined : { id, bytes: lineFor({ line, id }), next: 'requests' };
}

/** The reply to one line in this phase, or undefined when the line is not one expected. */
function replyTo(input: { readonly message: Message; readonly phase: Phase; readonly replies: EarlyReplies; readonly listing: Iterable<Buffer> | undefined }): Reply | undefined {
  const { message, replies } = input;
  const id = requestId(message['id']);
  if (input.phase === 'initialized') return isInitialized(message) ? { next: 'requests' } : undefined;
  if (id === undefined || input.phase === 'done') return undefined;
  if (input.phase === 'initialize') return initializeReply({ message, id, replies });
  return requestReply({ message, id, replies, listing: input.listing });
}

/**
 * Reads stdin and answers the opening exchange until the hand-over, which it makes exactly once:
 * after `tools/list` is answered and written out, at the first line it does not answer, at the end
 * of stdin or an error on either stream, or LIST_WAIT_MS after `initialize` without `tools/list`.
 */
export function answerEarly(input: {
  readonly replies: EarlyReplies;
  /** The listing file's entries, in order, when the `tools/list` line is made from them. */
  readonly listing?: Iterable<Buffer>;
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly handover: (handover: EarlyHandover) => void;
}): void {
  const { stdin, stdout } = input;
  const received: Buffer[] = [];
  const answered = new Map<string, Buffer>();
  let pending: Buffer = Buffer.alloc(0);
  let phase: Phase = 'initialize';
  let handedOver = false;
  let timer: NodeJS.Timeout | undefined;

  const handOver = () => {
    if (handedOver) return;
    handedOver = true;
    clearTimeout(timer);
    stdin.off('data', onData).off('end', handOver).off('error', handOver);
    stdout.off('error', handOver);
    const feed = new PassThrough();
    feed.write(Buffer.concat(received));
    // Piping a stdin that has ended ends the feed too. A read error reaches the server's transport
    // on its stream, as it did on stdin itself.
    stdin.on('error', (error) => feed.destroy(error)).pipe(feed);
    input.handover({ stdin: feed, answered });
  };
  const answer = (reply: { readonly id: RequestId; readonly bytes: Buffer }, then: () => void) => {
    answered.set(JSON.stringify(reply.id), reply.bytes);
    stdout.write(reply.bytes, then);
  };
  const onLine = (line: Buffer) => {
    const message = parsedLine(line.toString('utf8'));
    const reply = message === undefined ? undefined : replyTo({ message, phase, replies: input.replies, listing: input.listing });
    // A request under an id already answered (a client error the SDK answers all the same) is the
    // server's: its reply would be compared with the one written under that id before.
    if (reply === undefined || (reply.id !== undefined && answered.has(JSON.stringify(reply.id)))) return handOver();
    phase = reply.next;
    if (reply.id === undefined || reply.bytes === undefined) return;
    if (phase === 'done') return answer({ id: reply.id, bytes: reply.bytes }, () => setImmediate(handOver));
    answer({ id: reply.id, bytes: reply.bytes }, () => undefined);
    if (phase === 'initialized') timer = setTimeout(handOver, LIST_WAIT_MS);
  };
  function onData(chunk: Buffer) {
    received.push(chunk);
    pending = Buffer.concat([pending, chunk]);
    // Lines are cut as bytes: a chunk may end inside a character.
    for (let newline = pending.indexOf(10); newline >= 0 && !handedOver; newline = pending.indexOf(10)) {
      const line = pending.subarray(0, newline);
      pending = pending.subarray(newline + 1);
      onLine(line);
    }
    if (pending.length > LONGEST_OPENING_LINE) handOver();
  }
  stdin.on('data', onData).on('end', handOver).on('error', handOver);
  stdout.on('error', handOver);
}

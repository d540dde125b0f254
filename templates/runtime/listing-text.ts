import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { listingLine, toolsArrayText } from './listing-line.ts';

/**
 * `tools/list` over stdio written from text the build serialised, not `JSON.stringify`d at every
 * start: on Stripe's 446 tools that call alone was ~10 ms of a ~100 ms start. The build's warm-up
 * lists every tool once and keeps each entry's JSON (code-cache.ts stores it beside the bundle,
 * under the bundle's digest); the listing handler (tool-listing.ts) still builds the entry objects
 * and marks the array it returns with the joined text; this transport writes that text where the
 * SDK would have written `JSON.stringify(message)`. Whatever it does not recognise exactly (another
 * shape of message, an array the SDK copied, a tool without text) goes through the SDK's own
 * `send`, so a miss costs the old time, never other bytes.
 */

/** Tool name → its `tools/list` entry as UTF-8 JSON, from the build; empty when there is none. */
const entryTexts = new Map<string, Buffer>();
/** A returned `tools` array → the UTF-8 JSON of that array. */
const arrayTexts = new WeakMap<object, Buffer>();

/** Entries as text (the warm-up's) or as bytes (the listing file's). */
export function useListingTexts(texts: ReadonlyMap<string, string | Buffer>): void {
  entryTexts.clear();
  for (const [name, text] of texts) entryTexts.set(name, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
}

/** The UTF-8 JSON of the listing of these tools, in this order, or undefined when one has no entry. */
export function listingTextOf(names: readonly string[]): Buffer | undefined {
  const entries: Buffer[] = [];
  for (const name of names) {
    const text = entryTexts.get(name);
    if (text === undefined) return undefined;
    entries.push(text);
  }
  return toolsArrayText(entries);
}

export function markListed(input: { readonly tools: object; readonly text: Buffer }): void {
  arrayTexts.set(input.tools, input.text);
}

const ENVELOPE_KEYS = 'result,jsonrpc,id';

/** The UTF-8 bytes of the line `JSON.stringify(message)` would give, when the message is a listing marked with its text. */
export function listedLine(message: unknown): Buffer | undefined {
  if (typeof message !== 'object' || message === null || Object.keys(message).join(',') !== ENVELOPE_KEYS) return undefined;
  const { result, jsonrpc, id } = message as { readonly result: unknown; readonly jsonrpc: unknown; readonly id: unknown };
  if (jsonrpc !== '2.0' || typeof result !== 'object' || result === null || Object.keys(result).join(',') !== 'tools') return undefined;
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  const text = arrayTexts.get((result as { readonly tools: object }).tools);
  return text === undefined ? undefined : listingLine({ tools: text, id });
}

/**
 * Replies the bin wrote before the server was loaded (early-answer.ts), by `JSON.stringify(id)`;
 * `differs` is told the id of one the server would have written otherwise.
 */
export type EarlyReplied = { readonly answered: ReadonlyMap<string, Buffer>; readonly differs: (id: string) => void };

/** The SDK's stdio transport, writing a marked listing from its text (same promise and drain handling as its `send`). */
export class ListingStdioTransport extends StdioServerTransport {
  readonly #stdout: NodeJS.WritableStream;
  readonly #early: { readonly answered: Map<string, Buffer>; readonly differs: (id: string) => void } | undefined;
  #closed = false;

  constructor(input: { readonly stdin?: NodeJS.ReadableStream; readonly stdout?: NodeJS.WritableStream; readonly early?: EarlyReplied } = {}) {
    const stdout = input.stdout ?? process.stdout;
    super((input.stdin ?? process.stdin) as ConstructorParameters<typeof StdioServerTransport>[0], stdout as ConstructorParameters<typeof StdioServerTransport>[1]);
    this.#stdout = stdout;
    this.#early = input.early === undefined ? undefined : { answered: new Map(input.early.answered), differs: input.early.differs };
  }

  /** True when this is the server's reply to a request answered early: it is checked, not written again. */
  #repliedEarly(message: object): boolean {
    const early = this.#early;
    const id = (message as { readonly id?: unknown }).id;
    if (early === undefined || early.answered.size === 0 || id === undefined || !('result' in message || 'error' in message)) return false;
    const key = JSON.stringify(id);
    const written = early.answered.get(key);
    if (written === undefined) return false;
    early.answered.delete(key);
    if (!written.equals(listedLine(message) ?? Buffer.from(`${JSON.stringify(message)}\n`, 'utf8'))) early.differs(key);
    return true;
  }

  override close(): Promise<void> {
    this.#closed = true;
    return super.close();
  }

  override send(message: Parameters<StdioServerTransport['send']>[0]): Promise<void> {
    if (this.#repliedEarly(message)) return Promise.resolve();
    const line = this.#closed ? undefined : listedLine(message);
    if (line === undefined) return super.send(message);
    const stdout = this.#stdout;
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => {
        stdout.off('error', settle);
        stdout.off('drain', settle);
        if (error === undefined) resolve();
        else reject(error);
      };
      stdout.once('error', settle);
      if (stdout.write(line)) settle();
      else stdout.once('drain', settle);
    });
  }
}

import type { McpServer, Tool } from '@modelcontextprotocol/server';
import { listingTextOf, markListed } from './listing-text.ts';
import { memoized } from './memoized.ts';
import type { JsonObject } from './tool-definition.ts';

/**
 * `tools/list` answered from the generated JSON Schemas, each tool's entry built once and kept.
 *
 * The SDK's own handler, on every listing, copies each registered schema and walks every node of
 * every input schema looking for SEP-2243 `x-mcp-header` declarations (to warn about invalid ones;
 * the generator never writes that keyword): ~17 ms of a 127 ms start on Stripe's 446 tools.
 * This handler lists the same entries in the same key order (name, title, description,
 * inputSchema, annotations, icons, execution, _meta, outputSchema; absent ones are dropped by
 * JSON), so the bytes on the wire are the ones the SDK's handler writes (test/runtime/tool-listing.test.ts
 * compares the two on every generated package).
 */

/** What a registered tool shows in `tools/list`. */
export type ListingSource = {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: JsonObject;
  readonly outputSchema: JsonObject;
  readonly annotations: JsonObject;
  readonly icons?: readonly JsonObject[];
  readonly _meta?: JsonObject;
};

/** Tool definitions are generated constants, so an entry is built once per process whatever the number of servers (one per HTTP request). */
const built = new WeakMap<ListingSource, Tool>();

/**
 * The SDK lists an input schema as `{ type: 'object', ...schema }` and refuses any other root type;
 * an output schema with a root `type` as it is. A typeless output root is never generated (the
 * generator's lint requires `"type": "object"`), and the SDK would reshape one: refused here
 * rather than listed differently.
 */
function listedEntry(source: ListingSource): Tool {
  const inputType = source.inputSchema['type'];
  if (inputType !== undefined && inputType !== 'object') throw new Error(`MCP tool and prompt schemas must describe objects (got type: ${JSON.stringify(inputType)}): tool ${source.name}`);
  if (source.outputSchema['type'] === undefined) throw new Error(`tool ${source.name}: its output schema has no root type; regenerate the package`);
  return {
    name: source.name,
    title: undefined,
    description: source.description,
    inputSchema: { type: 'object', ...source.inputSchema } as Tool['inputSchema'],
    annotations: source.annotations as Tool['annotations'],
    icons: source.icons as Tool['icons'],
    execution: undefined,
    _meta: source._meta as Tool['_meta'],
    outputSchema: source.outputSchema as Tool['outputSchema'],
  };
}

function entryOf(source: ListingSource): Tool {
  let entry = built.get(source);
  if (entry === undefined) {
    entry = listedEntry(source);
    built.set(source, entry);
  }
  return entry;
}

/**
 * Replaces the `tools/list` handler the SDK installed when the first tool was registered (the
 * low-level server's `setRequestHandler` swaps it; `tools/call` stays the SDK's). Call it after
 * registering every tool in `sources`, in the order they were registered.
 */
export function serveToolListing(input: { readonly server: McpServer; readonly sources: readonly ListingSource[] }): void {
  // Keyed by name like the SDK's registry, so the order is the one its Object.entries would give.
  const byName: Record<string, ListingSource> = {};
  for (const source of input.sources) byName[source.name] = source;
  const ordered = Object.values(byName);
  const text = memoized(() => listingTextOf(ordered.map((source) => source.name)));
  input.server.server.setRequestHandler('tools/list', () => {
    const tools = ordered.map(entryOf);
    // The objects stay the answer: any transport but the stdio one of listing-text.ts serialises them.
    const listed = text();
    if (listed !== undefined) markListed({ tools, text: listed });
    return { tools };
  });
}

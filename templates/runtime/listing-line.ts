/**
 * The bytes of a `tools/list` reply line, as the SDK's stdio transport writes it
 * (`JSON.stringify(message)` then a newline, the keys in the order result, jsonrpc, id), put
 * together from entries serialised by the build. No SDK here: the early answer (early-answer.ts)
 * writes these lines before the SDK is loaded, and the stdio transport (listing-text.ts) after.
 */

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');
const LINE_START = Buffer.from('{"result":{"tools":');

export type RequestId = string | number;

/** The parts of the UTF-8 JSON of a `tools` array whose entries are these texts, in this order. */
function toolsArrayParts(entries: Iterable<Buffer>): Buffer[] {
  const parts: Buffer[] = [OPEN];
  for (const entry of entries) {
    if (parts.length > 1) parts.push(COMMA);
    parts.push(entry);
  }
  parts.push(CLOSE);
  return parts;
}

/** The UTF-8 JSON of a `tools` array whose entries are these texts, in this order. */
export function toolsArrayText(entries: Iterable<Buffer>): Buffer {
  return Buffer.concat(toolsArrayParts(entries));
}

/** How a reply line ends after its `"id":`: the id as JSON, the envelope's brace, the newline. */
export function idEnding(id: RequestId): Buffer {
  return Buffer.from(`${JSON.stringify(id)}}\n`, 'utf8');
}

const LINE_MIDDLE = Buffer.from('},"jsonrpc":"2.0","id":');

/** The whole `tools/list` reply line for this `tools` array text. */
export function listingLine(input: { readonly tools: Buffer; readonly id: RequestId }): Buffer {
  return Buffer.concat([LINE_START, input.tools, LINE_MIDDLE, idEnding(input.id)]);
}

/** The same line made straight from the entries: one copy of a listing that can run to megabytes. */
export function listingLineOf(input: { readonly entries: Iterable<Buffer>; readonly id: RequestId }): Buffer {
  return Buffer.concat([LINE_START, ...toolsArrayParts(input.entries), LINE_MIDDLE, idEnding(input.id)]);
}

import { readForBundle, writeForBundle } from './bundle-file.ts';

/**
 * `<bundle>.listing`: each tool's `tools/list` entry as the build's warm-up serialised it
 * (listing-text.ts), beside the bundle like its code cache and headed, like it, by the SHA-256 of
 * the bundle it was made from: entries for other code are never used. After the digest: one line
 * of JSON, `[[name, bytes], …]`, then every entry's UTF-8 bytes, in that order, with nothing
 * between. The entries stay bytes: the server writes them to stdout as they are, never decoding
 * them to a string and encoding them again. Anything that does not add up is ignored, and the
 * server serialises its listing itself.
 */

export function listingFileFor(bundle: string): string {
  return `${bundle}.listing`;
}

export function writeListing(input: { readonly file: string; readonly digest: Buffer; readonly texts: ReadonlyMap<string, string> }): boolean {
  const entries = [...input.texts].map(([name, text]) => [name, Buffer.from(text, 'utf8')] as const);
  const index = Buffer.from(`${JSON.stringify(entries.map(([name, bytes]) => [name, bytes.length]))}\n`, 'utf8');
  return writeForBundle({ file: input.file, digest: input.digest, payload: [index, ...entries.map(([, bytes]) => bytes)] });
}

function parsedIndex(line: string): readonly (readonly [string, number])[] | undefined {
  try {
    const index = JSON.parse(line) as unknown;
    const valid = Array.isArray(index) && index.every((item) => Array.isArray(item) && item.length === 2 && typeof item[0] === 'string' && Number.isInteger(item[1]) && item[1] > 0);
    return valid ? (index as [string, number][]) : undefined;
  } catch {
    return undefined;
  }
}

/** Tool name → the UTF-8 bytes of its entry (views into the file's bytes). */
export type ListingEntries = ReadonlyMap<string, Buffer>;

export function readListing(input: { readonly file: string; readonly digest: Buffer }): ListingEntries | undefined {
  const stored = readForBundle(input);
  if (stored === undefined) return undefined;
  const newline = stored.indexOf(10);
  const index = newline < 0 ? undefined : parsedIndex(stored.subarray(0, newline).toString('utf8'));
  if (index === undefined) return undefined;
  const entries = new Map<string, Buffer>();
  let at = newline + 1;
  for (const [name, length] of index) {
    entries.set(name, stored.subarray(at, at + length));
    at += length;
  }
  return at === stored.length && entries.size === index.length ? entries : undefined;
}

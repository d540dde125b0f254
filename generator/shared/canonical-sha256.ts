import { createHash, type Hash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';

/**
 * sha256 of `safe-stable-stringify(data) ?? ''` (canonical JSON, keys sorted). The digest is
 * recorded in generated output, so it must never move; safe-stable-stringify stays its definition.
 *
 * Why not just hash the library's string: on GitHub's 13 MB spec it built a 6.9 MB string out of
 * nested concatenations (~130-190 ms cold, with a search of the ancestor stack per object), and
 * hashing that rope flattened it first (~30 ms more). Plain parsed JSON (what JSON.parse and the
 * YAML loader give) is streamed here instead: its canonical text is written piece by piece and
 * hashed every CHUNK characters, ~50-70 ms. Anything the library treats specially (toJSON,
 * undefined, functions, symbols, bigint, class instances, typed arrays, cycles) makes the walk give
 * up, and the library's string is hashed as before.
 */
export function canonicalSha256(data: unknown): string {
  return streamedCanonicalSha256(data) ?? createHash('sha256').update(stringify(data) ?? '').digest('hex');
}

/** The streamed digest of plain JSON data, or undefined for anything outside it (see canonicalSha256). */
export function streamedCanonicalSha256(data: unknown): string | undefined {
  return streamedDigest(data)?.sha256;
}

/**
 * The streamed digest and whether it met a non-finite number, or undefined when the walk gave up
 * (data outside plain JSON, or nested past its depth): a loader then checks the depth before the
 * library's recursive fallback runs (parse-document.ts).
 */
export function streamedDigest(data: unknown): { readonly sha256: string; readonly mayHoldNonFinite: boolean } | undefined {
  const writer = new CanonicalWriter(createHash('sha256'));
  return writer.value(data) ? { sha256: writer.finish(), mayHoldNonFinite: writer.sawNonFinite } : undefined;
}

/** Hashed when the pending text reaches this many characters: small enough to stay in cache (16K measured best of 8K-256K). */
const CHUNK = 16_384;
/**
 * Deeper than any spec's nesting; a cycle reaches it, and the library writes "[Circular]" for it,
 * which the fallback does.
 */
const MAX_DEPTH = 256;
// safe-stable-stringify's own test for a string that JSON.stringify would escape; its output is JSON.stringify's either way.
const NEEDS_ESCAPE = /[\u0000-\u001f\u0022\u005c\ud800-\udfff]/;

/** Above this many keys, insertion sort's quadratic worst case loses to the native sort (the library's bound too). */
const INSERTION_SORT_MAX = 200;

const quoted = (text: string): string => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`);

const isPlainObject = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
};

/**
 * The keys in the default sort's order (UTF-16 code units, as the library's). Few keys are sorted
 * in place: Array.prototype.sort allocates a work copy per call, 41 MB of GitHub's 627 MB allocated.
 */
function sortedKeys(record: object): string[] {
  const keys = Object.keys(record);
  if (keys.length > INSERTION_SORT_MAX) return keys.sort();
  for (let index = 1; index < keys.length; index++) {
    const key = keys[index] as string;
    let position = index;
    while (position > 0 && (keys[position - 1] as string) > key) {
      keys[position] = keys[position - 1] as string;
      position--;
    }
    keys[position] = key;
  }
  return keys;
}

/** An open container: an array, or an object with its keys in order, and the next entry to write. */
type Open = { readonly keys: readonly string[] | undefined; readonly container: Readonly<Record<string, unknown>> | readonly unknown[]; index: number };

/**
 * Writes canonical JSON into a hash; answers false when the value is not plain JSON data.
 *
 * One loop over an explicit stack, not a function per value: a cold run meets each value once, and
 * a recursive writer's five small functions stay in V8's interpreter until each is hot on its own,
 * where one loop is replaced on the stack by optimised code early (DigitalOcean's 1 MB spec ran at
 * ~44 ms/MB cold against GitHub's 13 MB at ~8 ms/MB).
 */
class CanonicalWriter {
  private pending = '';
  /** A NaN or ±Infinity was written (as null); see streamedDigest. */
  sawNonFinite = false;

  constructor(private readonly hash: Hash) {}

  finish(): string {
    return this.hash.update(this.pending).digest('hex');
  }

  value(root: unknown): boolean {
    const stack: Open[] = [];
    let value = root;
    for (;;) {
      // Write `value`: a scalar in place, a container opened (its entries come from the loop below).
      switch (typeof value) {
        case 'string':
          this.pending += quoted(value);
          break;
        case 'number':
          if (Number.isFinite(value)) this.pending += String(value);
          else {
            this.pending += 'null';
            this.sawNonFinite = true;
          }
          break;
        case 'boolean':
          this.pending += value ? 'true' : 'false';
          break;
        case 'object':
          if (value === null) {
            this.pending += 'null';
            break;
          }
          if (stack.length >= MAX_DEPTH) return false;
          if (Array.isArray(value)) {
            if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
            this.pending += '[';
            stack.push({ keys: undefined, container: value, index: 0 });
          } else {
            if (!isPlainObject(value)) return false;
            this.pending += '{';
            stack.push({ keys: sortedKeys(value), container: value as Record<string, unknown>, index: 0 });
          }
          break;
        default:
          return false;
      }
      // The next value to write: the next entry of the innermost open container, closing those written out.
      for (;;) {
        const open = stack[stack.length - 1];
        if (open === undefined) return true;
        const { keys, container } = open;
        const index = open.index;
        if (index < (keys === undefined ? (container as readonly unknown[]).length : keys.length)) {
          open.index = index + 1;
          if (index > 0) this.pending += ',';
          if (keys === undefined) value = (container as readonly unknown[])[index];
          else {
            const key = keys[index] as string;
            this.pending += quoted(key);
            this.pending += ':';
            value = (container as Readonly<Record<string, unknown>>)[key];
          }
          break;
        }
        this.pending += keys === undefined ? ']' : '}';
        stack.pop();
        if (this.pending.length >= CHUNK) {
          this.hash.update(this.pending);
          this.pending = '';
        }
      }
    }
  }
}

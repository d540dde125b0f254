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
  const writer = new CanonicalWriter(createHash('sha256'));
  if (!writer.value(data)) return undefined;
  return writer.finish();
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

/** Writes canonical JSON into a hash; each method answers false when the value is not plain JSON data. */
class CanonicalWriter {
  private pending = '';
  /** Containers open around the value being written. */
  private depth = 0;

  constructor(private readonly hash: Hash) {}

  finish(): string {
    return this.hash.update(this.pending).digest('hex');
  }

  value(value: unknown): boolean {
    switch (typeof value) {
      case 'string':
        this.pending += quoted(value);
        return true;
      case 'number':
        this.pending += Number.isFinite(value) ? String(value) : 'null';
        return true;
      case 'boolean':
        this.pending += value ? 'true' : 'false';
        return true;
      case 'object':
        return value === null ? this.text('null') : this.container(value);
      default:
        return false;
    }
  }

  private text(text: string): true {
    this.pending += text;
    return true;
  }

  private container(value: object): boolean {
    if (this.depth >= MAX_DEPTH) return false;
    this.depth++;
    const written = Array.isArray(value) ? this.array(value) : this.object(value);
    this.depth--;
    if (this.pending.length >= CHUNK) {
      this.hash.update(this.pending);
      this.pending = '';
    }
    return written;
  }

  private array(items: readonly unknown[]): boolean {
    if (typeof (items as { toJSON?: unknown }).toJSON === 'function') return false;
    this.pending += '[';
    for (let index = 0; index < items.length; index++) {
      if (index > 0) this.pending += ',';
      if (!this.value(items[index])) return false;
    }
    this.pending += ']';
    return true;
  }

  private object(object: object): boolean {
    if (!isPlainObject(object)) return false;
    const record = object as Record<string, unknown>;
    const keys = sortedKeys(record);
    this.pending += '{';
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as string;
      if (index > 0) this.pending += ',';
      this.pending += quoted(key);
      this.pending += ':';
      if (!this.value(record[key])) return false;
    }
    this.pending += '}';
    return true;
  }
}

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readListing, writeListing } from '../../templates/runtime/listing-file.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'listing-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const digest = createHash('sha256').update('bundle bytes').digest();
// Text outside ASCII and a character of four UTF-8 bytes: lengths are counted in bytes.
const TEXTS = new Map([
  ['list_orders', '{"name":"list_orders","description":"Café orders, newest first 🚚"}'],
  ['get_order', '{"name":"get_order"}'],
]);

describe('the listing file beside the bundle', () => {
  it('gives back what was written, in order, for the bundle it was made from', () => {
    const file = path.join(dir, 'server.cjs.listing');
    expect(writeListing({ file, digest, texts: TEXTS })).toBe(true);
    expect([...readListing({ file, digest })!].map(([name, bytes]) => [name, bytes.toString('utf8')])).toStrictEqual([...TEXTS]);
  });

  it('is ignored for other bundle bytes, when missing, truncated, padded or with a damaged index', () => {
    const file = path.join(dir, 'server.cjs.listing');
    writeListing({ file, digest, texts: TEXTS });
    const stored = readFileSync(file);
    expect(readListing({ file, digest: createHash('sha256').update('other bytes').digest() })).toBeUndefined();
    expect(readListing({ file: path.join(dir, 'none'), digest })).toBeUndefined();
    writeFileSync(file, stored.subarray(0, stored.length - 1));
    expect(readListing({ file, digest })).toBeUndefined();
    writeFileSync(file, Buffer.concat([stored, Buffer.from(' ')]));
    expect(readListing({ file, digest })).toBeUndefined();
    writeFileSync(file, Buffer.concat([digest, Buffer.from('[["a",0]]\n')]));
    expect(readListing({ file, digest })).toBeUndefined();
    writeFileSync(file, Buffer.concat([digest, Buffer.from('not json\n{}')]));
    expect(readListing({ file, digest })).toBeUndefined();
  });

  it('a folder it cannot write to: false, and no file left', () => {
    expect(writeListing({ file: path.join(dir, 'gone', 'server.cjs.listing'), digest, texts: TEXTS })).toBe(false);
  });
});

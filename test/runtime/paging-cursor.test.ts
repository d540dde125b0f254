import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cursorKey, decodeCursor, encodeCursor, pageFingerprint, queryFingerprint, type CursorKey } from '../../templates/runtime/paging-cursor.ts';

const KEY = cursorKey({ fixedSecret: 'sk_test' });
const RESTART = 'Call again without `cursor` to start from the first page.';
const DAMAGED = { error: `The cursor is damaged. ${RESTART}` };
const NOT_OURS = { error: `The cursor is not one this server issued, or it was changed, or the server restarted since: pass \`next_cursor\` from the previous result exactly as it was. ${RESTART}` };

/** A cursor signed with the real key around any payload text: what only a holder of the key could write. */
function signed(input: { readonly text: string; readonly key?: CursorKey }): string {
  const payload = Buffer.from(input.text).toString('base64url');
  const mac = createHmac('sha256', (input.key ?? KEY).bytes).update(payload).digest('base64url').slice(0, 22);
  return `vmc2.${payload}.${mac}`;
}

const decode = (cursor: string) => decodeCursor({ cursor, tool: 'list_records', query: 'q1', key: KEY });

describe('encodeCursor', () => {
  it('is stable across releases for the same credential: the key derivation, envelope and MAC length are fixed', () => {
    const cursor = encodeCursor({ tool: 'list_records', query: 'q1', position: { offset: 5 }, key: KEY });
    expect(cursor).toBe(signed({ text: '{"v":2,"tool":"list_records","query":"q1","offset":5}', key: { bytes: createHmac('sha256', 'sk_test').update('vendor-mcp paging cursor key v2').digest() } }));
    expect(cursor.split('.')[2]).toHaveLength(22);
  });
});

describe('decodeCursor', () => {
  it('returns exactly the position, without the envelope', () => {
    expect(decode(encodeCursor({ tool: 'list_records', query: 'q1', position: { after: 'c9', skip: 2, seen: 'fp' }, key: KEY }))).toStrictEqual({ position: { after: 'c9', skip: 2, seen: 'fp' } });
  });

  it.each([
    { name: 'page 0 (vendors counting from 0)', position: { page: 0, size: 10 } },
    { name: 'offset 0', position: { offset: 0 } },
    { name: 'the largest safe offset', position: { offset: Number.MAX_SAFE_INTEGER } },
    { name: 'an empty bookmark', position: { after: '' } },
  ])('accepts $name', ({ position }) => {
    expect(decode(encodeCursor({ tool: 'list_records', query: 'q1', position, key: KEY }))).toStrictEqual({ position });
  });

  it.each([
    { name: 'a JSON list', text: '[{"v":2}]' },
    { name: 'null', text: 'null' },
    { name: 'a string', text: '"v2"' },
    { name: 'text that is not JSON', text: '{"v":2,' },
    { name: 'version 1', text: '{"v":1,"tool":"list_records","query":"q1","offset":5}' },
    { name: 'no version', text: '{"tool":"list_records","query":"q1","offset":5}' },
    { name: 'an offset past the safe integers', text: `{"v":2,"tool":"list_records","query":"q1","offset":${2 ** 53}}` },
    { name: 'an offset of -1', text: '{"v":2,"tool":"list_records","query":"q1","offset":-1}' },
    { name: 'a page of -1', text: '{"v":2,"tool":"list_records","query":"q1","page":-1}' },
    { name: 'a size given as text', text: '{"v":2,"tool":"list_records","query":"q1","size":"10"}' },
    { name: 'a skip of 0.5', text: '{"v":2,"tool":"list_records","query":"q1","skip":0.5}' },
    { name: 'a page fingerprint that is a number', text: '{"v":2,"tool":"list_records","query":"q1","seen":1}' },
  ])('a correctly signed payload that is $name is damaged', ({ text }) => {
    expect(decode(signed({ text }))).toStrictEqual(DAMAGED);
  });

  it('a well-formed signed payload passes, so the refusals above are about their payloads', () => {
    expect(decode(signed({ text: '{"v":2,"tool":"list_records","query":"q1","offset":5}' }))).toStrictEqual({ position: { offset: 5 } });
  });

  it.each([
    { name: 'another prefix of the same length', edit: (c: string) => `vmc1.${c.slice(5)}` },
    { name: 'no prefix', edit: (c: string) => c.slice(5) },
    { name: 'an extra segment', edit: (c: string) => `${c}.x` },
    { name: 'no signature', edit: (c: string) => c.split('.').slice(0, 2).join('.') },
    { name: 'a signature one character longer', edit: (c: string) => `${c}A` },
    { name: 'one signature character changed', edit: (c: string) => `${c.slice(0, -1)}${c.endsWith('A') ? 'B' : 'A'}` },
  ])('$name is not one this server issued', ({ edit }) => {
    expect(decode(edit(encodeCursor({ tool: 'list_records', query: 'q1', position: { offset: 5 }, key: KEY })))).toStrictEqual(NOT_OURS);
  });

  it('names the tool a cursor belongs to, and refuses other arguments in so many words', () => {
    expect(decode(encodeCursor({ tool: 'list_other', query: 'q1', position: { offset: 5 }, key: KEY }))).toStrictEqual({ error: `This cursor belongs to another tool (list_other). ${RESTART}` });
    expect(decode(encodeCursor({ tool: 'list_records', query: 'q2', position: { offset: 5 }, key: KEY }))).toStrictEqual({ error: 'This cursor was issued for different arguments. Send the same arguments as the call that returned it, or call again without `cursor` to start over.' });
  });
});

describe('fingerprints', () => {
  it('a query fingerprint ignores argument order but not values, and is 16 characters', () => {
    expect(queryFingerprint({ a: 1, b: 'x' })).toBe(queryFingerprint({ b: 'x', a: 1 }));
    expect(queryFingerprint({ a: 1, b: 'x' })).not.toBe(queryFingerprint({ a: 1, b: 'y' }));
    expect(queryFingerprint({ a: 1 })).not.toBe(queryFingerprint({ b: 1 }));
    expect(queryFingerprint({})).toHaveLength(16);
  });

  it('a page fingerprint tells pages apart, including an item order change', () => {
    expect(pageFingerprint([1, 2])).toBe(pageFingerprint([1, 2]));
    expect(pageFingerprint([1, 2])).not.toBe(pageFingerprint([2, 1]));
    expect(pageFingerprint([])).toHaveLength(16);
  });
});

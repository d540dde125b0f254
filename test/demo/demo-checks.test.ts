import { describe, expect, it } from 'vitest';
import { checkRequests } from '../../scripts/demo/check-step.ts';
import { subsetMismatches } from '../../scripts/demo/subset-match.ts';
import { wrap } from '../../scripts/demo/text-layout.ts';
import type { RecordedRequest } from '../../scripts/simulator/index.ts';

describe('subsetMismatches', () => {
  it.each([
    { given: 'extra keys in the result', expected: { a: 1 }, actual: { a: 1, b: 2 }, want: [] },
    { given: 'a different nested value', expected: { a: { b: 'x' } }, actual: { a: { b: 'y' } }, want: ['a.b: want "x", got "y"'] },
    { given: 'an array one entry short', expected: { list: [1, 2] }, actual: { list: [1] }, want: ['list: want [1,2], got [1]'] },
    { given: 'an array one entry long', expected: { list: [1] }, actual: { list: [1, 2] }, want: ['list: want [1], got [1,2]'] },
    { given: 'array entries as subsets', expected: [{ id: 1 }], actual: [{ id: 1, name: 'n' }], want: [] },
    { given: 'an object where a string is', expected: { a: { b: 1 } }, actual: { a: 'text' }, want: ['a: want an object, got "text"'] },
    { given: 'a missing key', expected: { a: null }, actual: {}, want: ['a: want null, got undefined'] },
  ])('$given', ({ expected, actual, want }) => {
    expect(subsetMismatches({ expected, actual })).toStrictEqual(want);
  });
});

function recorded(overrides: Partial<RecordedRequest>): RecordedRequest {
  return { method: 'GET', path: '/x', rawUrl: '/x', query: {}, headers: {}, body: undefined, rawBody: '', valid: true, errors: [], status: 200, ...overrides };
}

describe('checkRequests compares whole requests', () => {
  it.each([
    { given: 'the same request', received: [recorded({})], want: [] },
    { given: 'another status', received: [recorded({ status: 404 })], want: ['request 1, want: GET /x → 200', 'request 1, got:  GET /x → 404'] },
    { given: 'an extra query key', received: [recorded({ query: { a: '1' } })], want: ['request 1, want: GET /x → 200', 'request 1, got:  GET /x query {"a":"1"} → 200'] },
    { given: 'a request the doc rejects', received: [recorded({ valid: false, errors: ['query parameter a is not allowed'] })], want: ['request 1: the simulator found it invalid against the vendor doc: query parameter a is not allowed'] },
    { given: 'no request', received: [], want: ['want 1 vendor request(s):', '  GET /x → 200', 'got 0:', '  (none)'] },
  ])('$given', ({ received, want }) => {
    expect(checkRequests({ expected: [{ method: 'GET', path: '/x' }], received })).toStrictEqual(want);
  });
});

describe('wrap', () => {
  it.each([
    { given: 'words', text: 'aaa bbb ccc', width: 7, want: ['aaa bbb', 'ccc'] },
    { given: 'JSON, after commas', text: '{"a":1,"b":2}', width: 8, want: ['{"a":1,', '"b":2}'] },
    { given: 'a run longer than the width', text: 'abcdefghij', width: 4, want: ['abcd', 'efgh', 'ij'] },
    { given: 'a space at the edge', text: 'abcd efgh', width: 4, want: ['abcd', 'efgh'] },
  ])('$given', ({ text, width, want }) => {
    expect(wrap({ text, width })).toStrictEqual(want);
  });
});

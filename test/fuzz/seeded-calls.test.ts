import { describe, expect, it } from 'vitest';
import type { FuzzTarget, FuzzTool } from '../../scripts/fuzz/fuzz-target.ts';
import type { Observation } from '../../scripts/fuzz/invariants.ts';
import { requestMismatch, runSeeded } from '../../scripts/fuzz/seeded-calls.ts';
import type { RecordedRequest } from '../../scripts/simulator/index.ts';
import { successShare, SUCCESS_FLOOR } from './fuzz-every-tool.ts';

const TOOL: FuzzTool = {
  name: 'update_a_thing_by_id',
  inputSchema: { type: 'object', properties: { id: { type: 'string', minLength: 1 }, status: { type: 'string', enum: ['open', 'closed'] }, note: { type: 'string' } }, required: ['id', 'status'], additionalProperties: false },
  urlArgs: ['id', 'status'],
  http: { method: 'PUT', path: '/things/{id}', args: { id: { in: 'path', name: 'id' }, status: { in: 'query', name: 'status' }, note: { in: 'body', name: 'note' } } },
  guarded: [],
  readOnly: false,
};
const POOL = new Map<string, unknown[]>([['/things#id', ['t-1', 't-2']]]);

const request = (input: Partial<RecordedRequest>): RecordedRequest => ({ method: 'PUT', path: '/things/t-1', rawUrl: '', query: {}, headers: {}, body: undefined, rawBody: '', valid: true, errors: [], status: 200, ...input });

/** A stand-in server: `answer` decides what reaches the vendor and what the model gets back. */
function fakeTarget(answer: (args: Record<string, unknown>) => { readonly requests: RecordedRequest[]; readonly isError: boolean }): FuzzTarget {
  return {
    vendor: 'malomo',
    tools: [TOOL],
    accepts: () => true,
    async call({ fuzzCase }) {
      const args = fuzzCase.args as Record<string, unknown>;
      const { requests, isError } = answer(args);
      const observation: Observation = { args, validInput: true, reply: { kind: 'result', result: { content: [{ type: 'text', text: 'x' }], isError } }, requests, http: TOOL.http, vendor: { origin: 'http://127.0.0.1', basePath: '' }, secrets: [] };
      return { observation, violations: [] };
    },
    reset: () => undefined,
    close: async () => undefined,
  };
}

/** What an honest server sends for `args`. */
const honest = (args: Record<string, unknown>) => ({
  requests: [request({ path: `/things/${String(args['id'])}`, query: { status: String(args['status']) }, body: args['note'] === undefined ? undefined : { note: args['note'] } })],
  isError: false,
});

describe('seeded calls: the suite demands success', () => {
  it('an honest server: every seeded call reaches the vendor exactly and succeeds, with ids from the seeded data', async () => {
    const seen: unknown[] = [];
    const tally = await runSeeded({ target: fakeTarget((args) => (seen.push(args['id']), honest(args))), tool: TOOL, pool: POOL, runs: 8, seed: 1 });
    expect({ exact: tally.exact, succeeded: tally.succeeded }).toStrictEqual({ exact: 8, succeeded: 8 });
    expect(new Set(seen)).toStrictEqual(new Set(['t-1', 't-2']));
  });

  it.each([
    { name: 'refuses everything, sending nothing', answer: () => ({ requests: [], isError: true }) },
    { name: 'sends the request but answers an error', answer: (args: Record<string, unknown>) => ({ ...honest(args), isError: true }) },
  ])('a server that $name fails the suite', async ({ answer }) => {
    const tally = await runSeeded({ target: fakeTarget(answer), tool: TOOL, pool: POOL, runs: 8, seed: 1 });
    expect(tally.succeeded).toBe(0);
    expect(successShare([tally]).share).toBeLessThan(Math.min(...Object.values(SUCCESS_FLOOR)));
  });

  it('a refusing server has no exact request either, so each per-tool test fails too', async () => {
    const tally = await runSeeded({ target: fakeTarget(() => ({ requests: [], isError: true })), tool: TOOL, pool: POOL, runs: 4, seed: 1 });
    expect(tally.exact).toBe(0);
    expect(tally.misses[0]).toMatch(/^no PUT \/things\/\{id\} reached the vendor \(nothing was sent\)/);
  });

  const args = { id: 't-1', status: 'open', note: 'hi' };
  const observed = (requests: RecordedRequest[]): Observation => ({ args, validInput: true, reply: { kind: 'hang' }, requests, http: TOOL.http, vendor: { origin: '', basePath: '' }, secrets: [] });
  it.each([
    { name: 'the exact request', requests: [request({ query: { status: 'open' }, body: { note: 'hi' } })], want: undefined },
    { name: 'another id in the path', requests: [request({ path: '/things/t-2', query: { status: 'open' }, body: { note: 'hi' } })], want: /^no PUT \/things\/\{id\} reached the vendor \(PUT \/things\/t-2 → 200\)/ },
    { name: 'a query value changed', requests: [request({ query: { status: 'closed' }, body: { note: 'hi' } })], want: /^query status="closed", want "open"$/ },
    { name: 'a body field dropped', requests: [request({ query: { status: 'open' }, body: {} })], want: /^body note is undefined, want "hi"$/ },
  ])('requestMismatch: $name', ({ requests, want }) => {
    const mismatch = requestMismatch(observed(requests));
    if (want === undefined) expect(mismatch).toBeUndefined();
    else expect(mismatch).toMatch(want);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RR_IDS } from '../../scripts/simulator/seed-roserocket.ts';
import { startStack, type CallOutcome, type McpStack } from '../../scripts/shared/mcp-stack.ts';

type Result = CallOutcome['result'] & { _meta?: Record<string, unknown> };

const text = (result: CallOutcome['result']) => (result.content as { text: string }[]).map((c) => c.text).join('\n');
const httpDate = (offsetSeconds: number) => new Date(Date.now() + offsetSeconds * 1000).toUTCString();

/** Follows next_cursor to the end, as a model would. */
async function walk(input: { readonly stack: McpStack; readonly tool: string; readonly args: Record<string, unknown> }) {
  const items: { id: string | number }[] = [];
  const pages: CallOutcome[] = [];
  let cursor: string | null = null;
  do {
    const outcome = await input.stack.call(input.tool, { ...input.args, ...(cursor ? { cursor } : {}) });
    expect(outcome.result.isError).toBeUndefined();
    pages.push(outcome);
    items.push(...(outcome.result.structuredContent!['items'] as { id: string | number }[]));
    cursor = outcome.result.structuredContent!['next_cursor'] as string | null;
  } while (cursor !== null && pages.length < 50);
  return { items, pages };
}

describe('eDesk misbehaving: every failure is one request and a structured, truthful isError', () => {
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startStack('edesk', { env: { EDESK_TIMEOUT_MS: '1500' } });
  });
  afterAll(async () => stack?.close());

  const outOfQuota = { error: { httpCode: 429, message: 'Out of quota' } };
  it.each<{ readonly name: string; readonly headers: () => Record<string, string>; readonly retry: number; readonly ratelimit: Record<string, number | null> }>([
    { name: 'IETF RateLimit + RateLimit-Policy', headers: () => ({ 'ratelimit-policy': '"burst";q=60;w=30', ratelimit: '"burst";r=0;t=30' }), retry: 30, ratelimit: { limit: 60, remaining: 0, reset: 30 } },
    { name: 'draft-7 RateLimit dictionary', headers: () => ({ ratelimit: 'limit=60, remaining=0, reset=20' }), retry: 20, ratelimit: { limit: 60, remaining: 0, reset: 20 } },
    { name: 'draft-6 RateLimit-Limit/-Remaining/-Reset', headers: () => ({ 'ratelimit-limit': '60', 'ratelimit-remaining': '0', 'ratelimit-reset': '15' }), retry: 15, ratelimit: { limit: 60, remaining: 0, reset: 15 } },
    { name: 'X-RateLimit-* with Retry-After seconds', headers: () => ({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '12', 'retry-after': '12' }), retry: 12, ratelimit: { limit: 60, remaining: 0, reset: 12 } },
    { name: 'Retry-After as an HTTP-date wins over the quota reset', headers: () => ({ 'retry-after': httpDate(90), date: httpDate(0), ratelimit: 'limit=60, remaining=0, reset=5' }), retry: 90, ratelimit: { limit: 60, remaining: 0, reset: 5 } },
    { name: 'a bare 429 still names both fields', headers: () => ({}), retry: -1, ratelimit: { limit: null, remaining: null, reset: null } },
  ])('429 with $name: exactly one request, no retry', async ({ headers, retry, ratelimit }) => {
    stack.sim.enqueue({ status: 429, headers: headers(), body: outOfQuota });
    const { result, requests } = await stack.call('list_all_e_desk_tickets', { limit: 5 });
    expect(requests).toHaveLength(1);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toStrictEqual({ status: 429, message: 'Out of quota', retry_after_seconds: retry === -1 ? null : retry, ratelimit });
    expect(text(result)).toContain('eDesk allows bursts of 60 requests');
  });

  it('rate-limit headers on a success ride in _meta', async () => {
    stack.sim.enqueue({ status: 200, headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '41', 'x-ratelimit-reset': '3' }, body: { data: [], paginator: { currentPage: 1, itemsPerPage: 5, totalItemsCount: 0 } } });
    const { result } = await stack.call('list_all_e_desk_tickets', { limit: 5 });
    expect((result as Result)._meta).toStrictEqual({ ratelimit: { limit: 60, remaining: 41, reset: 3 } });
    expect(result.structuredContent).toStrictEqual({ items: [], next_cursor: null, total: 0 });
  });

  it.each<{ readonly name: string; readonly override: Parameters<McpStack['sim']['enqueue']>[0]; readonly want: RegExp; readonly structured?: Record<string, unknown> }>([
    { name: '500 with the vendor envelope', override: { status: 500, body: { error: { httpCode: 500, message: 'Internal error', details: 'db timeout' } } }, want: /HTTP 500 .*Internal error\. The vendor failed\. A write may or may not have taken effect/, structured: { status: 500, message: 'Internal error' } },
    { name: '503 with Retry-After', override: { status: 503, headers: { 'retry-after': '30' }, rawBody: '' }, want: /HTTP 503 .*Retry after 30 s\./, structured: { status: 503, message: 'Service Unavailable', retry_after_seconds: 30 } },
    { name: 'an HTML error page', override: { status: 502, headers: { 'content-type': 'text/html' }, rawBody: `<html><head><title>502 Bad Gateway</title></head><body>${'<p>nginx</p>'.repeat(500)}</body></html>` }, want: /HTTP 502 .*an HTML page titled "502 Bad Gateway"/, structured: { status: 502, message: 'an HTML page titled "502 Bad Gateway"' } },
    { name: 'malformed JSON on a 200', override: { status: 200, headers: { 'content-type': 'application/json' }, rawBody: '{"data": [{"id": 1,' }, want: /HTTP 200 with malformed JSON/ },
    { name: 'a non-JSON 200', override: { status: 200, headers: { 'content-type': 'text/plain' }, rawBody: 'OK' }, want: /HTTP 200 with text\/plain instead of JSON/ },
    {
      name: 'a 400 with eDesk field codes, in words',
      override: { status: 400, body: { error: { httpCode: 400, message: 'Validation failed', details: { filter_status_equals: { errorCode: 4007 } } } } },
      want: /Fields: filter_status_equals is not one of the allowed values \(4007\)\. Fix the arguments/,
      structured: { status: 400, message: 'Validation failed', fields: [{ field: 'filter_status_equals', code: '4007', problem: 'is not one of the allowed values' }] },
    },
    { name: 'a 401 says how to renew an eDesk token', override: { status: 401, body: { error: { httpCode: 401, message: 'Unauthorized' } } }, want: /lapse after 90 days.*dashboard\.edesk\.com\/api-token/s, structured: { status: 401, message: 'Unauthorized' } },
  ])('$name', async ({ override, want, structured }) => {
    stack.sim.enqueue(override);
    const { result, requests } = await stack.call('list_all_e_desk_tickets', { limit: 5 });
    expect(requests).toHaveLength(1);
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(want);
    if (structured) expect(result.structuredContent).toStrictEqual(structured);
  });

  it('a vendor that never answers: a timeout error, and the server keeps serving', async () => {
    stack.sim.enqueue({ status: 200, body: { data: [] }, delayMs: 4000 });
    const slow = await stack.call('list_all_e_desk_tickets', { limit: 5 });
    expect(slow.result.isError).toBe(true);
    expect(text(slow.result)).toMatch(/did not answer within 1500 ms/);
    const next = await stack.call('list_all_e_desk_tickets', { limit: 5 });
    expect(next.result.isError).toBeUndefined();
  });

  it('walks every ticket page by page: no duplicate, no gap, and the vendor saw pages 1..5', async () => {
    const { items, pages } = await walk({ stack, tool: 'list_all_e_desk_tickets', args: { limit: 10 } });
    // The simulator holds 48 tickets: pages of 10 end at page 5, and page 5's total says so (no sixth call).
    expect(pages[0]!.result.structuredContent!['total']).toBe(48);
    expect(new Set(items.map((t) => t.id)).size).toBe(48);
    expect(items).toHaveLength(48);
    expect(pages.map((p) => p.requests.map((r) => r.query))).toStrictEqual(['1', '2', '3', '4', '5'].map((page) => [{ page, itemsPerPage: '10' }]));
    expect(pages.flatMap((p) => p.requests).every((r) => r.valid)).toBe(true);
  });

  /** A real cursor with its payload edited, its signature kept: what a model or a client could forge. */
  const edited = (cursor: string, change: Record<string, unknown>) => {
    const [prefix, payload, signature] = cursor.split('.');
    const position = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    return [prefix, Buffer.from(JSON.stringify({ ...position, ...change })).toString('base64url'), signature].join('.');
  };
  it.each<{ readonly name: string; readonly cursor: () => Promise<string>; readonly want: RegExp }>([
    { name: 'a made-up cursor', cursor: async () => 'page=2', want: /^The cursor is not one this server issued/ },
    {
      name: 'a real cursor edited to ask for 1,000,000 items a page',
      cursor: async () => edited((await stack.call('list_all_e_desk_tickets', { limit: 1 })).result.structuredContent!['next_cursor'] as string, { size: 1_000_000 }),
      want: /^The cursor is not one this server issued, or it was changed/,
    },
    { name: 'another tool\'s cursor', cursor: async () => (await stack.call('list_all_e_desk_templates', { limit: 1 })).result.structuredContent!['next_cursor'] as string, want: /^This cursor belongs to another tool \(list_all_e_desk_templates\)/ },
    { name: 'a cursor issued for other filters', cursor: async () => (await stack.call('list_all_e_desk_tickets', { limit: 1, filter_status_equals: 'Open' })).result.structuredContent!['next_cursor'] as string, want: /^This cursor was issued for different arguments/ },
  ])('$name is refused with no vendor call, for that reason', async ({ cursor, want }) => {
    const value = await cursor();
    const { result, requests } = await stack.call('list_all_e_desk_tickets', { limit: 1, cursor: value });
    expect(requests).toStrictEqual([]);
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(want);
  });
});

describe('results that are too big are cut on purpose, say so, and stay valid', () => {
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startStack('edesk', { env: { EDESK_MAX_RESULT_TOKENS: '1500' } });
  });
  afterAll(async () => stack?.close());

  it('a page that does not fit returns fewer items and a cursor to the rest; the walk still sees every ticket once', async () => {
    const first = await stack.call('list_all_e_desk_tickets', { limit: 50 });
    const items = first.result.structuredContent!['items'] as unknown[];
    expect(items.length).toBeLessThan(48);
    expect(text(first.result)).toMatch(/more item\(s\) of this page did not fit the result size limit; pass next_cursor/);
    const { items: all } = await walk({ stack, tool: 'list_all_e_desk_tickets', args: { limit: 50 } });
    expect(new Set(all.map((t) => t.id)).size).toBe(48);
    expect(all.length).toBe(48);
  });

  it('one oversize record is shortened inside, and the SDK client accepts it against the outputSchema', async () => {
    const ticket = (await stack.call('list_all_e_desk_tickets', { limit: 1 })).result.structuredContent!['items'] as { id: number }[];
    const real = (await stack.call('get_single_e_desk_ticket_by_id', { ticket_id: ticket[0]!.id })).result.structuredContent!;
    stack.sim.enqueue({ status: 200, body: { ...real, data: { ...(real['data'] as object), subject: 'S'.repeat(200_000) } } });
    const { result } = await stack.call('get_single_e_desk_ticket_by_id', { ticket_id: ticket[0]!.id });
    expect(result.isError).toBeUndefined();
    expect(JSON.stringify(result.structuredContent).length).toBeLessThanOrEqual(4_500);
    expect(text(result)).toMatch(/The result was cut to fit the size limit \(\/data\/subject: kept \d+ of 200000 characters\)/);
    expect((result as Result)._meta?.['cut']).toStrictEqual([expect.objectContaining({ pointer: '/data/subject', of: 200_000 })]);
  });
});

describe('Rose Rocket: OAuth client credentials against the simulator', () => {
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startStack('roserocket', { oauth: true });
  });
  afterAll(async () => stack?.close());

  it('gets a token once, then a 401 renews it and resends the call once', async () => {
    const first = await stack.call('get_single_roserocket_objects_external_by_id', { object_key: 'order', external_id: 'L-4599' });
    expect(first.result.isError).toBeUndefined();
    expect(first.requests.map((r) => `${r.method} ${r.operation ?? r.path}`)).toStrictEqual(['POST POST /oauth/token', 'GET GET /objects/{objectKey}/{externalId}/external']);
    expect(first.requests[0]!.body).toStrictEqual({ grant_type: 'client_credentials', audience: 'https://roserocket.com', client_id: 'e2e-client', client_secret: 'e2e-client-secret-31d0', org_id: 'e2e-org', user_id: 'e2e-user' });
    stack.sim.enqueue({ status: 401, body: { statusCode: 401, message: 'Unauthorized', error: 'Unauthorized' } });
    const renewed = await stack.call('get_single_roserocket_objects_external_by_id', { object_key: 'order', external_id: 'L-4599' });
    expect(renewed.result.isError).toBeUndefined();
    expect(renewed.requests.map((r) => [r.path, r.status])).toStrictEqual([['/objects/order/L-4599/external', 401], ['/oauth/token', 200], ['/objects/order/L-4599/external', 200]]);
    expect(renewed.requests.every((r) => r.valid)).toBe(true);
  });

  it('walks the events of an order over 3 pages with offset paging', async () => {
    const order = (await stack.call('get_single_roserocket_objects_external_by_id', { object_key: 'order', external_id: 'L-4599' })).result.structuredContent!['id'] as string;
    const { items, pages } = await walk({ stack, tool: 'list_all_roserocket_events', args: { record_id: order, object_key: 'order', limit: 2 } });
    expect(pages.length).toBe(3);
    expect(new Set(items.map((e) => e.id)).size).toBe(items.length);
    expect(items.length).toBe(pages[0]!.result.structuredContent!['total']);
    expect(pages.map((p) => p.requests.map((r) => r.query['offset']))).toStrictEqual([['0'], ['2'], ['4']]);
  });

  it('a search that cannot page says truncated', async () => {
    // The seeded Orders board; listing boards needs a GET body, which this test is not about.
    const board = RR_IDS.ordersBoard;
    const { result } = await stack.call('list_all_roserocket_objects', { board_id: board, limit: 1 });
    expect(result.structuredContent).toMatchObject({ next_cursor: null, truncated: true });
    expect((result.structuredContent!['items'] as unknown[]).length).toBe(1);
  });
});

describe('Malomo: cursor walk, and a planted key never leaks', () => {
  const KEY = 'sk_live_PLANTED_c0ffee_9d1e7a';
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startStack('malomo', { token: KEY });
  });
  afterAll(async () => stack?.close());

  it('walks the orders one per page through next cursors: each order once, and the vendor\'s empty page ends it', async () => {
    const everything = (await stack.call('list_all_malomo_orders', {})).result.structuredContent!['items'] as { id: string }[];
    expect(everything.length).toBeGreaterThanOrEqual(3);
    const { items, pages } = await walk({ stack, tool: 'list_all_malomo_orders', args: { limit: 1 } });
    expect(items.map((o) => o.id)).toStrictEqual(everything.map((o) => o.id));
    // A page size is never trusted as the end: after the last order, one more call gets the vendor's empty page.
    expect(pages.map((p) => p.requests.map((r) => r.query['next']))).toStrictEqual([undefined, ...everything.map((o) => o.id)].map((next) => [next]));
    expect(pages.at(-1)!.result.structuredContent).toStrictEqual({ items: [], next_cursor: null });
  });

  it('the key echoed in errors, HTML pages and even success bodies is redacted everywhere', async () => {
    const outcomes: CallOutcome[] = [];
    stack.sim.enqueue({ status: 401, body: { code: 'unauthorized', message: `Key ${KEY} is not valid`, request_id: 'req_x', status: 401 } });
    outcomes.push(await stack.call('list_all_malomo_orders', {}));
    stack.sim.enqueue({ status: 500, headers: { 'content-type': 'text/html' }, rawBody: `<html><body>Authorization: Bearer ${KEY}</body></html>` });
    outcomes.push(await stack.call('list_all_malomo_orders', {}));
    stack.sim.enqueue({ status: 200, body: [{ id: 'o-1', note: `debug: token=${KEY}` }] });
    outcomes.push(await stack.call('list_all_malomo_orders', {}));
    outcomes.push(await stack.call('create_a_malomo_customer', { email: 'a@example.com', dry_run: true }));
    const everything = JSON.stringify(outcomes.map((o) => o.result)) + stack.stderr();
    expect(outcomes[0]!.result.isError).toBe(true);
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain('PLANTED');
    expect(stack.stderr()).toMatch(/"event":"started"/);
  });
});

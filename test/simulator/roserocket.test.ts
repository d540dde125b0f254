import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidFor } from '../../scripts/simulator/deterministic.ts';
import { startSimulator } from '../../scripts/simulator/index.ts';
import { RR_IDS, rrUserId } from '../../scripts/simulator/seed-roserocket.ts';
import type { Simulator } from '../../scripts/simulator/types.ts';
import { call } from './sim-client.ts';

let sim: Simulator;
const rr = (input: { method: string; path: string; body?: unknown; headers?: Record<string, string | undefined>; rawBody?: string }) => call({ sim, vendor: 'roserocket', ...input });

beforeAll(async () => {
  sim = await startSimulator({ vendor: 'roserocket' });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => sim.reset());

describe('Rose Rocket: valid requests', () => {
  it('answers a record by external id and records the exact request', async () => {
    const result = await rr({ method: 'GET', path: '/objects/order/L-4599/external' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ id: RR_IDS.orderL4599, objectKey: 'order', fullId: 'O-19', externalId: 'L-4599', version: 1, status: 'dispatched' });
    // Connection fields are absent without `paths`.
    expect(result.body).not.toHaveProperty('customer');
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({
      method: 'GET',
      path: '/objects/order/L-4599/external',
      rawUrl: '/api/v2/platformModel/objects/order/L-4599/external',
      query: {},
      body: undefined,
      rawBody: '',
      operation: 'GET /objects/{objectKey}/{externalId}/external',
      valid: true,
      errors: [],
      status: 200,
    });
    expect(sim.requests[0]?.headers.authorization).toBe('Bearer test-token');
  });

  it('expands connections listed in paths', async () => {
    const result = await rr({ method: 'GET', path: `/objects/${RR_IDS.orderL4599}?paths=customer` });
    expect(result.body).toMatchObject({ customer: { id: RR_IDS.acme, objectKey: 'customer', name: 'Acme Industrial Supply' } });
  });

  it('routes literal segments before templates', async () => {
    await rr({ method: 'POST', path: '/objects/search', body: { boardId: RR_IDS.ordersBoard } });
    await rr({ method: 'GET', path: '/objects/autocomplete?objectKey=order&searchTerm=L-46' });
    await rr({ method: 'POST', path: '/objects/bulk_delete', body: { objectKey: 'order', ids: [RR_IDS.orderL4601] } });
    expect(sim.requests.map((request) => [request.operation, request.status])).toEqual([
      ['POST /objects/search', 200],
      ['GET /objects/autocomplete', 200],
      ['POST /objects/bulk_delete', 204],
    ]);
  });

  it('reads repeated query keys as an array', async () => {
    const result = await rr({ method: 'GET', path: `/events?recordId=${RR_IDS.orderL4599}&objectKey=order&inTypes=mutate&inTypes=internal` });
    expect(result.status).toBe(200);
    expect(sim.requests[0]?.query).toEqual({ recordId: RR_IDS.orderL4599, objectKey: 'order', inTypes: ['mutate', 'internal'] });
    expect((result.body as { results: { type: string }[] }).results.map((event) => event.type).sort()).toEqual(['internal', 'mutate', 'mutate']);
  });

  it('seeds boards, the L-4599 order with events that are not delays, and the user groups', async () => {
    // The published contract takes the filter as a JSON body on the GET; a query is refused.
    expect((await rr({ method: 'GET', path: '/boards/nav?objectKey=order' })).status).toBe(400);
    const boards = await rr({ method: 'GET', path: '/boards/nav', body: { objectKey: 'order' } });
    expect(boards.body).toEqual([{ id: RR_IDS.ordersBoard, name: 'Orders', icon: 'truck', objectKey: 'order', createdAt: '2025-06-02T13:00:00.000Z', isExternal: false }]);
    const events = (await rr({ method: 'GET', path: `/events?recordId=${RR_IDS.orderL4599}&objectKey=order` })).body as { total: number; results: unknown[] };
    expect(events.total).toBe(5);
    expect(JSON.stringify(events.results).toLowerCase()).not.toContain('delay');
    const groups = (await rr({ method: 'GET', path: '/userGroups' })).body as { id: string; name: string }[];
    expect(groups.map((group) => group.name)).toEqual(['Hazardous Materials Handlers', 'Dispatch', 'Billing']);
    const hazmat = (await rr({ method: 'GET', path: `/userGroups/${RR_IDS.hazmatGroup}/members` })).body as { members: unknown[] };
    const dispatch = (await rr({ method: 'GET', path: `/userGroups/${RR_IDS.dispatchGroup}/members` })).body as { members: unknown[] };
    expect([hazmat.members.length, dispatch.members.length]).toEqual([3, 2]);
  });
});

describe('Rose Rocket: rejected requests', () => {
  const cases: { name: string; method: string; path: string; body?: unknown; headers?: Record<string, string | undefined>; rawBody?: string; status: number; message: string | string[] }[] = [
    { name: 'unknown query key', method: 'GET', path: '/userGroups?limit=5', status: 400, message: ['query parameter limit is not allowed'] },
    { name: 'wrong enum', method: 'GET', path: `/events?recordId=${RR_IDS.orderL4599}&objectKey=order&type=delay`, status: 400, message: ['query parameter type must be one of: "create", "mutate", "internal", "widget-open", "widget-close"'] },
    { name: 'missing required query', method: 'GET', path: '/events?objectKey=order', status: 400, message: ['query parameter recordId is required'] },
    { name: 'missing required body field', method: 'POST', path: '/userGroups', body: { description: 'x' }, status: 400, message: ['body field name is required'] },
    { name: 'nested body field', method: 'PATCH', path: '/objects', body: { objectKey: 'order', json: { status: 'x' } }, status: 400, message: ['body field json.externalId is required'] },
    { name: 'board key instead of uuid', method: 'POST', path: '/objects/search', body: { boardId: 'orders' }, status: 400, message: ['body field boardId must be a valid uuid'] },
    { name: 'missing body', method: 'POST', path: '/objects', status: 400, message: ['body is required'] },
    { name: 'body on an operation without one', method: 'DELETE', path: `/objects/${RR_IDS.orderL4599}`, body: { name: 'x' }, status: 400, message: ['DELETE /objects/{recordId} takes no request body'] },
    { name: 'wrong content type', method: 'POST', path: '/userGroups', rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 400, message: ['Content-Type must be application/json, got application/x-www-form-urlencoded'] },
    { name: 'malformed JSON', method: 'POST', path: '/userGroups', rawBody: '{"name":', status: 400, message: ['body is not valid JSON'] },
    { name: 'path param not a uuid', method: 'GET', path: '/objects/L-4599', status: 400, message: ['path parameter recordId must be a valid uuid'] },
    { name: 'missing bearer', method: 'GET', path: '/userGroups', headers: { authorization: undefined }, status: 401, message: 'Action is unauthorized.' },
    { name: 'wrong bearer', method: 'GET', path: '/userGroups', headers: { authorization: 'Bearer nope' }, status: 401, message: 'Action is unauthorized.' },
    { name: 'not bearer scheme', method: 'GET', path: '/userGroups', headers: { authorization: 'test-token' }, status: 401, message: 'Action is unauthorized.' },
    { name: 'unknown path', method: 'GET', path: '/widgets', status: 404, message: 'Cannot GET /api/v2/platformModel/widgets' },
    { name: 'unknown method', method: 'PATCH', path: `/objects/${RR_IDS.orderL4599}`, body: {}, status: 405, message: 'Method PATCH is not allowed on /objects/{recordId}; allowed: GET, PUT, DELETE' },
    { name: 'GET on a POST-only literal path', method: 'GET', path: '/objects/search', status: 405, message: 'Method GET is not allowed on /objects/search; allowed: POST' },
  ];
  it.each(cases)('$name → $status', async ({ method, path, body, headers, rawBody, status, message }) => {
    const result = await rr({ method, path, body, headers, rawBody });
    const reason = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 405: 'Method Not Allowed' }[status];
    expect(result.status).toBe(status);
    expect(result.body).toEqual({ statusCode: status, message, error: reason });
    expect(sim.requests.at(-1)).toMatchObject({ valid: false, status });
    expect(sim.requests.at(-1)?.errors.length).toBeGreaterThan(0);
  });

  it('answers an unknown record with 404 and leaves the request valid', async () => {
    const result = await rr({ method: 'GET', path: `/objects/${uuidFor('missing')}` });
    expect(result.status).toBe(404);
    expect(sim.requests[0]).toMatchObject({ valid: true, status: 404 });
  });
});

describe('Rose Rocket: state', () => {
  it('PATCH /objects creates with 201 then updates with 200 and bumps version', async () => {
    const created = await rr({ method: 'PATCH', path: '/objects', body: { objectKey: 'commodity', json: { externalId: 'COM-1', freightClass: '75' } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ objectKey: 'commodity', externalId: 'COM-1', freightClass: '75', version: 1 });
    const updated = await rr({ method: 'PATCH', path: '/objects', body: { objectKey: 'commodity', json: { externalId: 'COM-1', freightClass: '85' } } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: (created.body as { id: string }).id, freightClass: '85', version: 2 });
  });

  it('PATCH on the external path upserts with 200 both times', async () => {
    const first = await rr({ method: 'PATCH', path: '/objects/order/L-9000/external', body: { objectKey: 'order', json: { status: 'booked' } } });
    const second = await rr({ method: 'PATCH', path: '/objects/order/L-9000/external', body: { objectKey: 'order', json: { status: 'dispatched' } } });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toMatchObject({ id: (first.body as { id: string }).id, externalId: 'L-9000', status: 'dispatched', version: 2 });
    const mismatch = await rr({ method: 'PATCH', path: '/objects/order/L-9000/external', body: { objectKey: 'customer', json: {} } });
    expect(mismatch.status).toBe(400);
  });

  it('PUT merges json, keeps other fields and increments version', async () => {
    const result = await rr({ method: 'PUT', path: `/objects/${RR_IDS.orderL4599}`, body: { objectKey: 'order', json: { status: 'in-transit', version: 99 } } });
    expect(result.body).toMatchObject({ status: 'in-transit', externalId: 'L-4599', originCity: 'Chicago, IL', version: 2 });
    const wrongType = await rr({ method: 'PUT', path: `/objects/${RR_IDS.orderL4599}`, body: { objectKey: 'customer', json: {} } });
    expect(wrongType.status).toBe(400);
  });

  it('DELETE returns the deleted record; it is gone afterwards, by id and by external id', async () => {
    const deleted = await rr({ method: 'DELETE', path: `/objects/${RR_IDS.orderL4600}` });
    expect(deleted.body).toMatchObject({ id: RR_IDS.orderL4600, externalId: 'L-4600' });
    expect((await rr({ method: 'GET', path: `/objects/${RR_IDS.orderL4600}` })).status).toBe(404);
    expect((await rr({ method: 'GET', path: '/objects/order/L-4600/external' })).status).toBe(404);
  });

  it('bulk_delete answers 204 with no body and removes only matching ids', async () => {
    const result = await rr({ method: 'POST', path: '/objects/bulk_delete', body: { objectKey: 'order', ids: [RR_IDS.orderL4600, RR_IDS.acme] } });
    expect([result.status, result.text]).toEqual([204, '']);
    expect((await rr({ method: 'GET', path: `/objects/${RR_IDS.orderL4600}` })).status).toBe(404);
    expect((await rr({ method: 'GET', path: `/objects/${RR_IDS.acme}` })).status).toBe(200);
  });

  it('search honours limit and reports the full total', async () => {
    const result = await rr({ method: 'POST', path: '/objects/search', body: { boardId: RR_IDS.ordersBoard, limit: 1 } });
    expect(result.body).toMatchObject({ total: 3, results: [{ externalId: 'L-4601' }] });
    const broken = await rr({ method: 'POST', path: '/objects/search', body: { boardId: RR_IDS.ordersBoard, filters: [{ path: 'status', operator: 'equals', value: 'booked', fieldType: 'SelectField' }] } });
    expect(broken.status).toBe(500);
  });

  it('member changes apply add then remove, and removal wins', async () => {
    const url = `/userGroups/${RR_IDS.hazmatGroup}/members`;
    const result = await rr({ method: 'POST', path: url, body: { add: [rrUserId('elena'), rrUserId('marcus')], remove: [rrUserId('marcus'), rrUserId('sam')] } });
    expect(result.body).toEqual({ added: 1, removed: 1 });
    const members = (await rr({ method: 'GET', path: url })).body as { members: { id: string }[] };
    expect(members.members.map((member) => member.id)).toEqual([rrUserId('priya'), rrUserId('tomasz'), rrUserId('elena')]);
    expect((await rr({ method: 'GET', path: `/userGroups/${uuidFor('nope')}/members` })).status).toBe(404);
  });

  it('refuses a duplicate group name with 409', async () => {
    const result = await rr({ method: 'POST', path: '/userGroups', body: { name: 'Dispatch' } });
    expect(result).toMatchObject({ status: 409, body: { statusCode: 409, message: 'Group name is already in use.', error: 'Conflict' } });
  });

  it('pages events with limit, offset and bookmark, and appends new ones', async () => {
    const base = `/events?recordId=${RR_IDS.orderL4599}&objectKey=order`;
    const all = ((await rr({ method: 'GET', path: base })).body as { results: { id: string }[] }).results.map((event) => event.id);
    const page = ((await rr({ method: 'GET', path: `${base}&limit=2&offset=1` })).body as { results: { id: string }[] }).results.map((event) => event.id);
    expect(page).toEqual(all.slice(1, 3));
    const after = ((await rr({ method: 'GET', path: `${base}&bookmark=${all[1]}` })).body as { results: { id: string }[] }).results.map((event) => event.id);
    expect(after).toEqual(all.slice(2));
    await rr({ method: 'POST', path: '/events', body: { recordId: RR_IDS.orderL4599, boardId: RR_IDS.ordersBoard, type: 'internal', json: { note: 'Gate check-in done' } } });
    expect(((await rr({ method: 'GET', path: base })).body as { total: number }).total).toBe(all.length + 1);
  });

  it('reset() reseeds the store and clears the recorded requests', async () => {
    await rr({ method: 'DELETE', path: `/objects/${RR_IDS.orderL4599}` });
    sim.reset();
    expect(sim.requests).toEqual([]);
    expect((await rr({ method: 'GET', path: `/objects/${RR_IDS.orderL4599}` })).status).toBe(200);
  });
});

describe('Rose Rocket: client-credentials token endpoint', () => {
  const grant = { grant_type: 'client_credentials', client_id: 'cid', client_secret: 'test-secret', audience: 'https://roserocket.com', org_id: 'org-1', user_id: 'user-1' };
  const token = (body: unknown) => fetch(`${sim.origin}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('issues the simulator token at the origin root', async () => {
    const response = await token(grant);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ access_token: 'test-token', token_type: 'Bearer', expires_in: 86400 });
    expect(sim.requests[0]).toMatchObject({ method: 'POST', path: '/oauth/token', operation: 'POST /oauth/token', valid: true, status: 200, body: grant });
  });

  it('refuses a wrong client secret with 401 and a missing field with 400', async () => {
    const wrong = await token({ ...grant, client_secret: 'nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'access_denied', error_description: 'Unauthorized' });
    const { org_id: _dropped, ...withoutOrg } = grant;
    expect((await token(withoutOrg)).status).toBe(400);
    expect(sim.requests.map((request) => request.valid)).toEqual([false, false]);
  });

  it('accepts a custom client secret', async () => {
    const other = await startSimulator({ vendor: 'roserocket', clientSecret: 'shh', token: 'tok-2' });
    try {
      const response = await fetch(`${other.origin}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...grant, client_secret: 'shh' }) });
      expect(((await response.json()) as { access_token: string }).access_token).toBe('tok-2');
    } finally {
      await other.close();
    }
  });
});

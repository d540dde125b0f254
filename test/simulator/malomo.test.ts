import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidFor } from '../../scripts/simulator/deterministic.ts';
import { startSimulator } from '../../scripts/simulator/index.ts';
import { MALOMO_IDS, MALOMO_TRACKING } from '../../scripts/simulator/seed-malomo.ts';
import type { Simulator } from '../../scripts/simulator/types.ts';
import { call } from './sim-client.ts';

let sim: Simulator;
const malomo = (input: { method: string; path: string; body?: unknown; headers?: Record<string, string | undefined> }) => call({ sim, vendor: 'malomo', ...input });
type Order = { id: string; shipments: { id: string; carrier: string; tracking_code: string; status: string }[]; customer: unknown };

beforeAll(async () => {
  sim = await startSimulator({ vendor: 'malomo' });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => sim.reset());

describe('Malomo: valid requests', () => {
  it('serves at the origin root and finds an order by tracking code', async () => {
    expect(sim.baseUrl).toBe(sim.origin);
    const result = await malomo({ method: 'GET', path: `/orders?tracking_code=${MALOMO_TRACKING.usps}` });
    expect(result.status).toBe(200);
    const order = result.body as Order;
    expect(order.id).toBe(MALOMO_IDS.order1001);
    expect(order.shipments.map((shipment) => [shipment.carrier, shipment.tracking_code])).toEqual([
      ['usps', MALOMO_TRACKING.usps],
      ['ups', MALOMO_TRACKING.ups],
    ]);
    expect(sim.requests[0]).toMatchObject({
      method: 'GET',
      path: '/orders',
      rawUrl: `/orders?tracking_code=${MALOMO_TRACKING.usps}`,
      query: { tracking_code: MALOMO_TRACKING.usps },
      operation: 'GET /orders',
      valid: true,
      status: 200,
    });
    expect(sim.requests[0]?.headers.accept).toBe('application/vnd.malomo+json; version=2');
  });

  it('lists orders as a bare array and looks up by number + customer email', async () => {
    const list = await malomo({ method: 'GET', path: '/orders' });
    expect((list.body as Order[]).map((order) => order.id)).toEqual([MALOMO_IDS.order1001, MALOMO_IDS.order1002, MALOMO_IDS.order1003]);
    const found = await malomo({ method: 'GET', path: '/orders?number=1002&customer_email=ALEX.MORGAN%40example.com' });
    expect((found.body as Order).id).toBe(MALOMO_IDS.order1002);
    expect((await malomo({ method: 'GET', path: '/orders?number=1002' })).status).toBe(400);
    expect((await malomo({ method: 'GET', path: '/orders?tracking_code=NOPE' })).status).toBe(404);
  });
});

describe('Malomo: rejected requests', () => {
  const cases: { name: string; method: string; path: string; body?: unknown; headers?: Record<string, string | undefined>; status: number; message: string }[] = [
    { name: 'unknown query key', method: 'GET', path: '/orders?limit=5', status: 400, message: 'query parameter limit is not allowed' },
    { name: 'bad format in query', method: 'GET', path: '/orders?number=1&customer_email=nobody', status: 400, message: 'query parameter customer_email must be a valid email' },
    { name: 'order id not a uuid', method: 'GET', path: '/orders/1001', status: 400, message: 'path parameter id must be a valid uuid' },
    { name: 'missing required body field', method: 'POST', path: '/webhooks', body: { url: 'https://hooks.example.com/x' }, status: 400, message: 'body field topic is required' },
    { name: 'wrong body type', method: 'PUT', path: `/webhooks/${MALOMO_IDS.webhook}`, body: { active: 'no' }, status: 400, message: 'body field active must be of type boolean' },
    // fetch fills in `Accept: */*` when a client sets none, so that is what a forgotten header looks like.
    { name: 'missing Accept header', method: 'GET', path: '/orders', headers: { accept: undefined }, status: 400, message: 'header accept must be "application/vnd.malomo+json; version=2", got "*/*"' },
    { name: 'wrong Accept version', method: 'GET', path: '/orders', headers: { accept: 'application/vnd.malomo+json; version=1' }, status: 400, message: 'header accept must be "application/vnd.malomo+json; version=2", got "application/vnd.malomo+json; version=1"' },
    { name: 'missing bearer', method: 'GET', path: '/orders', headers: { authorization: undefined }, status: 401, message: 'No valid API key was provided' },
    { name: 'wrong bearer', method: 'GET', path: '/orders', headers: { authorization: 'Bearer sk_wrong' }, status: 401, message: 'No valid API key was provided' },
    { name: 'unknown path', method: 'GET', path: '/shipments', status: 404, message: 'Cannot GET /shipments' },
    { name: 'unknown method', method: 'PATCH', path: `/orders/${MALOMO_IDS.order1001}`, body: {}, status: 405, message: 'Method PATCH is not allowed on /orders/{id}; allowed: GET, PUT, DELETE' },
  ];
  it.each(cases)('$name → $status', async ({ method, path, body, headers, status, message }) => {
    const result = await malomo({ method, path, body, headers });
    expect(result.status).toBe(status);
    expect(result.body).toEqual({ code: expect.any(String), message, request_id: 'req_000001', status });
    expect(sim.requests.at(-1)).toMatchObject({ valid: false, status });
  });
});

describe('Malomo: state', () => {
  it('PUT replaces the whole shipments list, keeping the history of pairs that stay', async () => {
    const before = (await malomo({ method: 'GET', path: `/orders/${MALOMO_IDS.order1001}` })).body as Order;
    const usps = before.shipments[0]!;
    const result = await malomo({
      method: 'PUT',
      path: `/orders/${MALOMO_IDS.order1001}`,
      body: { shipments: [{ carrier: 'usps', tracking_code: MALOMO_TRACKING.usps }, { carrier: 'fedex', tracking_code: '794600000001' }] },
    });
    const after = result.body as Order;
    expect(after.shipments.map((shipment) => shipment.tracking_code)).toEqual([MALOMO_TRACKING.usps, '794600000001']);
    expect(after.shipments[0]).toEqual(usps);
    expect(after.shipments[1]).toMatchObject({ carrier: 'fedex', status: 'pre_transit' });
    expect(after.customer).toEqual(before.customer);
    expect((await malomo({ method: 'GET', path: `/orders?tracking_code=${MALOMO_TRACKING.ups}` })).status).toBe(404);
  });

  it('customer: null detaches the customer; leaving shipments out keeps them', async () => {
    const result = await malomo({ method: 'PUT', path: `/orders/${MALOMO_IDS.order1002}`, body: { customer: null, email: 'new@example.com' } });
    expect(result.body).toMatchObject({ customer: null, email: 'new@example.com', shipments: [{ tracking_code: MALOMO_TRACKING.fedex }] });
  });

  it('creates, deletes and 404s orders, customers and webhooks', async () => {
    const order = (await malomo({ method: 'POST', path: '/orders', body: { number: '2001', shipments: [{ carrier: 'ups', tracking_code: '1Z999AA10000000077' }] } })).body as Order;
    expect((await malomo({ method: 'GET', path: '/orders?tracking_code=1Z999AA10000000077' })).body).toEqual(order);
    const deleted = await malomo({ method: 'DELETE', path: `/orders/${order.id}` });
    expect([deleted.status, deleted.text]).toEqual([200, '']);
    expect((await malomo({ method: 'GET', path: `/orders/${order.id}` })).status).toBe(404);
    const webhook = (await malomo({ method: 'POST', path: '/webhooks', body: { topic: 'events:created', url: 'https://hooks.example.com/a', secret: 'x' } })).body as { id: string };
    expect(webhook).not.toHaveProperty('secret');
    expect((await malomo({ method: 'PUT', path: `/webhooks/${webhook.id}`, body: { active: false } })).body).toMatchObject({ active: false, topic: 'events:created' });
    expect((await malomo({ method: 'GET', path: `/customers/${uuidFor('nobody')}` })).status).toBe(404);
  });

  it('pages with next/prev cursors, 25 per page, and a Link header', async () => {
    for (let index = 0; index < 30; index += 1) {
      await malomo({ method: 'POST', path: '/customers', body: { email: `shopper${index}@example.com` } });
    }
    const first = await malomo({ method: 'GET', path: '/customers' });
    const firstPage = first.body as { id: string }[];
    expect(firstPage).toHaveLength(25);
    const last = firstPage[24]!.id;
    expect(first.headers.get('link')).toBe(`<${sim.baseUrl}/customers?next=${last}>; rel="next"`);
    const second = await malomo({ method: 'GET', path: `/customers?next=${last}` });
    const secondPage = second.body as { id: string }[];
    expect(secondPage).toHaveLength(8);
    expect(second.headers.get('link')).toBe(`<${sim.baseUrl}/customers?prev=${secondPage[0]!.id}>; rel="prev"`);
    const back = await malomo({ method: 'GET', path: `/customers?prev=${secondPage[0]!.id}` });
    expect(back.body).toEqual(firstPage);
    expect((await malomo({ method: 'GET', path: '/customers?next=unknown' })).status).toBe(400);
  });

  it('records order events and shows them on the customer timeline', async () => {
    const created = await malomo({ method: 'POST', path: `/orders/${MALOMO_IDS.order1003}/events`, body: { type: 'OrderIssueCreated', label: 'Parcel missing' } });
    expect(created.body).toMatchObject({ type: 'OrderIssueCreated', label: 'Parcel missing', properties: {} });
    const timeline = (await malomo({ method: 'GET', path: `/customers/${MALOMO_IDS.jordan}/events` })).body as { type: string }[];
    expect(timeline.map((event) => event.type)).toContain('OrderIssueCreated');
    expect(timeline).toHaveLength(6);
  });
});

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../scripts/simulator/index.ts';
import type { Simulator } from '../../scripts/simulator/types.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { call } from './sim-client.ts';

/**
 * The simulator holds requests to each vendor's own contract (scripts/simulator/contracts), not only
 * to our doc. The fixture is the first-pass eDesk doc, which allowed `tags_ids` and an order-notes
 * date filter: the contract must still refuse both.
 */
describe('a request our doc allows but the vendor contract does not is refused', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ vendor: 'edesk', docPath: path.join(REPO_ROOT, 'test', 'simulator', 'fixtures', 'edesk-first-pass.yaml') });
  });
  afterAll(async () => sim?.close());

  it('PUT /tickets with tags_ids (the read name) is a 400 naming the field', async () => {
    const result = await call({ sim, vendor: 'edesk', method: 'PUT', path: '/tickets/10001', body: { tags_ids: [101] } });
    expect(result.status).toBe(400);
    expect((result.body as { error: { details: Record<string, unknown> } }).error.details).toStrictEqual({ tags_ids: { errorCode: 4007 } });
    expect(sim.requests.at(-1)?.errors[0]).toMatch(/^body field tags_ids is not allowed by the vendor's contract \(eDesk Open API 2\.0 fragment updateTicket/);
  });

  it('GET /order-notes with the invented date filter is a 400 naming the parameter', async () => {
    const result = await call({ sim, vendor: 'edesk', method: 'GET', path: '/order-notes?filter_created_at_gte=2026-01-01' });
    expect(result.status).toBe(400);
    expect(sim.requests.at(-1)?.errors).toStrictEqual(["query parameter filter_created_at_gte is not in the vendor's contract (it declares page, itemsPerPage)"]);
  });
});

describe('unknown body fields are refused at every depth, by name', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ vendor: 'edesk' });
  });
  afterAll(async () => sim?.close());

  it.each([
    ['top level', { ticket_id: 10001, type: 'Note', body: 'x', sent: true }, 'sent'],
    ['inside an array item', { ticket_id: 10001, type: 'Note', body: 'x', attachments: [{ url: 'https://f.example/a.pdf', name: 'a.pdf', size: 3 }] }, 'attachments.0.size'],
  ])('%s', async (_where, body, field) => {
    const result = await call({ sim, vendor: 'edesk', method: 'POST', path: '/messages', body });
    expect(result.status).toBe(400);
    expect(sim.requests.at(-1)?.errors.some((error) => error.startsWith(`body field ${field} is not allowed`))).toBe(true);
  });

  it('a body the contract accepts at every depth passes', async () => {
    const result = await call({ sim, vendor: 'edesk', method: 'POST', path: '/messages', body: { ticket_id: 10001, type: 'Note', body: 'x', attachments: [{ url: 'https://f.example/a.pdf', name: 'a.pdf' }] } });
    expect(result.status).toBe(200);
  });
});

describe('Rose Rocket: boards page by body, and custom __c fields are kept as given', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ vendor: 'roserocket' });
  });
  afterAll(async () => sim?.close());

  it('offset and limit in the GET body page the boards; in the query they are refused', async () => {
    const all = (await call({ sim, vendor: 'roserocket', method: 'GET', path: '/boards/nav', body: {} })).body as { id: string }[];
    const second = (await call({ sim, vendor: 'roserocket', method: 'GET', path: '/boards/nav', body: { offset: 1, limit: 1 } })).body as { id: string }[];
    expect(second).toStrictEqual([all[1]]);
    expect((await call({ sim, vendor: 'roserocket', method: 'GET', path: '/boards/nav?offset=1&limit=1' })).status).toBe(400);
  });

  it('a custom type with custom fields is stored and read back exactly', async () => {
    const json = { externalId: 'LD-1', trailer__c: 'T-88', weight__c: 1200 };
    const created = (await call({ sim, vendor: 'roserocket', method: 'POST', path: '/objects', body: { objectKey: 'load__c', json } })).body as { id: string };
    const read = (await call({ sim, vendor: 'roserocket', method: 'GET', path: `/objects/${created.id}` })).body as Record<string, unknown>;
    expect([read['objectKey'], read['trailer__c'], read['weight__c']]).toStrictEqual(['load__c', 'T-88', 1200]);
  });
});

describe('the doc itself is closed too, where no contract speaks', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ vendor: 'malomo' });
  });
  afterAll(async () => sim?.close());

  it('an unknown field inside a nested object is a 400 naming its path', async () => {
    const result = await call({ sim, vendor: 'malomo', method: 'POST', path: '/orders', body: { number: 'A-1', customer: { email: 'a@example.com', nickname: 'Al' } } });
    expect(result.status).toBe(400);
    expect(sim.requests.at(-1)?.errors).toContain('body field customer.nickname is not allowed');
  });
});

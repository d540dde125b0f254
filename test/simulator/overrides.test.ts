import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../scripts/simulator/index.ts';
import type { Simulator } from '../../scripts/simulator/types.ts';
import { call } from './sim-client.ts';

let sim: Simulator;
const get = (path: string) => call({ sim, vendor: 'edesk', method: 'GET', path });

beforeAll(async () => {
  sim = await startSimulator({ vendor: 'edesk' });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => sim.reset());

describe('enqueue()', () => {
  it('answers the next matched requests in FIFO order, then falls back to normal behaviour', async () => {
    sim.enqueue({ status: 429, headers: { 'Retry-After': '1' }, body: { error: { httpCode: 429, message: 'Out of quota', details: 'Out of quota' } } });
    sim.enqueue({ status: 500, rawBody: '<html><body>Bad gateway</body></html>', headers: { 'content-type': 'text/html' } });
    const first = await get('/whoami');
    const second = await get('/whoami');
    const third = await get('/whoami');
    expect([first.status, first.headers.get('retry-after'), (first.body as { error: { message: string } }).error.message]).toEqual([429, '1', 'Out of quota']);
    expect([second.status, second.headers.get('content-type'), second.text]).toEqual([500, 'text/html', '<html><body>Bad gateway</body></html>']);
    expect(third.status).toBe(200);
    expect(sim.requests.map((recorded) => [recorded.operation, recorded.valid, recorded.status])).toEqual([
      ['GET /whoami', true, 429],
      ['GET /whoami', true, 500],
      ['GET /whoami', true, 200],
    ]);
  });

  it('can send malformed JSON with a JSON content type', async () => {
    sim.enqueue({ status: 200, rawBody: '{"data": {"id": 10' });
    const result = await get('/whoami');
    expect([result.status, result.headers.get('content-type'), result.text, result.body]).toEqual([200, 'application/json; charset=utf-8', '{"data": {"id": 10', undefined]);
  });

  it('delays a response by delayMs', async () => {
    sim.enqueue({ status: 200, body: { data: {} }, delayMs: 150 });
    const started = Date.now();
    await get('/whoami');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('skips unmatched requests and still records validation of the matched one', async () => {
    sim.enqueue({ status: 503 });
    const unmatched = await get('/nowhere');
    const invalid = await get('/tickets?limit=5');
    expect([unmatched.status, invalid.status]).toEqual([404, 503]);
    expect(sim.requests[1]).toMatchObject({ valid: false, status: 503, errors: ['query parameter limit is not allowed'] });
  });

  it('is cleared by reset()', async () => {
    sim.enqueue({ status: 500 });
    sim.reset();
    expect((await get('/whoami')).status).toBe(200);
  });
});

describe('raw HTTP details', () => {
  it('requires the static Malomo Accept header even when a client sends no Accept at all', async () => {
    const malomo = await startSimulator({ vendor: 'malomo' });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const outgoing = request(`${malomo.baseUrl}/accounts/self`, { headers: { authorization: 'Bearer test-token' } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        outgoing.on('error', reject);
        outgoing.end();
      });
      expect(status).toBe(400);
      expect(malomo.requests[0]?.errors).toEqual(['header accept is required and must be "application/vnd.malomo+json; version=2"']);
    } finally {
      await malomo.close();
    }
  });

  it('keeps the raw encoding in path and rawUrl but decodes path parameters', async () => {
    const rr = await startSimulator({ vendor: 'roserocket' });
    try {
      const result = await call({ sim: rr, vendor: 'roserocket', method: 'GET', path: '/objects/order/L%2D4599/external' });
      expect(result.status).toBe(200);
      expect(rr.requests[0]).toMatchObject({ path: '/objects/order/L%2D4599/external', rawUrl: '/api/v2/platformModel/objects/order/L%2D4599/external' });
    } finally {
      await rr.close();
    }
  });

  it('binds 127.0.0.1 on the requested port', async () => {
    const probe = await startSimulator({ vendor: 'edesk' });
    const port = Number(new URL(probe.origin).port);
    await probe.close();
    const fixed = await startSimulator({ vendor: 'edesk', port });
    try {
      expect(fixed.origin).toBe(`http://127.0.0.1:${port}`);
      expect(fixed.baseUrl).toBe(`http://127.0.0.1:${port}/v1`);
    } finally {
      await fixed.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidFor } from '../../scripts/simulator/deterministic.ts';
import { startSimulator } from '../../scripts/simulator/index.ts';
import { MALOMO_IDS, MALOMO_TRACKING } from '../../scripts/simulator/seed-malomo.ts';
import { RR_IDS, rrUserId, seedRoseRocket } from '../../scripts/simulator/seed-roserocket.ts';
import type { Simulator, SimVendor } from '../../scripts/simulator/types.ts';
import { call, responseProblems, vendorDoc } from './sim-client.ts';

/** One call that must succeed; `operation` is what the simulator must record it as. */
type Step = { operation: string; path: string; body?: unknown };

const method = (operation: string) => operation.split(' ')[0] ?? 'GET';

const ROSEROCKET: Step[] = [
  { operation: 'POST /objects/search', path: '/objects/search', body: { boardId: RR_IDS.ordersBoard, limit: 10, filters: [{ path: 'status', operator: 'in', value: ['dispatched'], fieldType: 'SelectField' }] } },
  { operation: 'GET /objects/{objectKey}/{externalId}/external', path: '/objects/order/L-4599/external' },
  { operation: 'PATCH /objects/{objectKey}/{externalId}/external', path: '/objects/order/L-4600/external', body: { objectKey: 'order', json: { status: 'dispatched' } } },
  { operation: 'DELETE /objects/{objectKey}/{externalId}/external', path: '/objects/order/L-4601/external' },
  { operation: 'GET /events', path: `/events?recordId=${RR_IDS.orderL4599}&objectKey=order&limit=2` },
  { operation: 'POST /events', path: '/events', body: { recordId: RR_IDS.orderL4599, boardId: RR_IDS.ordersBoard, type: 'internal', json: { note: 'Driver called in.' } } },
  { operation: 'GET /boards/nav', path: '/boards/nav', body: { objectKey: 'order' } },
  { operation: 'GET /boards/admin/all', path: '/boards/admin/all' },
  { operation: 'GET /boards/{boardId}/views', path: `/boards/${RR_IDS.ordersBoard}/views` },
  { operation: 'POST /boards/{boardId}/views', path: `/boards/${RR_IDS.ordersBoard}/views`, body: { name: 'Hazmat loads' } },
  { operation: 'PUT /boards/{boardId}/views/{viewId}', path: `/boards/${RR_IDS.ordersBoard}/views/${uuidFor('roserocket:view:orders-in-transit')}`, body: { name: 'Moving' } },
  { operation: 'PATCH /boards/{boardId}/views/{viewId}', path: `/boards/${RR_IDS.ordersBoard}/views/${uuidFor('roserocket:view:orders-in-transit')}`, body: { name: 'On the road' } },
  { operation: 'DELETE /boards/{boardId}/views/{viewId}', path: `/boards/${RR_IDS.ordersBoard}/views/${uuidFor('roserocket:view:orders-in-transit')}` },
  { operation: 'GET /userGroups', path: '/userGroups' },
  { operation: 'POST /userGroups', path: '/userGroups', body: { name: 'Night Shift', description: 'After-hours desk' } },
  { operation: 'POST /userGroups/search', path: '/userGroups/search', body: { name: 'dis', limit: 5 } },
  { operation: 'GET /userGroups/{groupId}/members', path: `/userGroups/${RR_IDS.hazmatGroup}/members` },
  { operation: 'POST /userGroups/{groupId}/members', path: `/userGroups/${RR_IDS.hazmatGroup}/members`, body: { add: [rrUserId('elena')], remove: [rrUserId('sam')] } },
  { operation: 'GET /objects/{recordId}', path: `/objects/${RR_IDS.orderL4599}?paths=customer` },
  { operation: 'PUT /objects/{recordId}', path: `/objects/${RR_IDS.orderL4599}`, body: { objectKey: 'order', json: { status: 'in-transit' } } },
  { operation: 'POST /objects', path: '/objects', body: { objectKey: 'order', json: { customer: { id: RR_IDS.acme }, status: 'booked' } } },
  { operation: 'PATCH /objects', path: '/objects', body: { objectKey: 'commodity', json: { externalId: 'COM-77', freightClass: '75' } } },
  { operation: 'POST /objects/bulk_delete', path: '/objects/bulk_delete', body: { objectKey: 'order', ids: [RR_IDS.orderL4600] } },
  { operation: 'DELETE /objects/{recordId}', path: `/objects/${RR_IDS.northwind}` },
  { operation: 'GET /objects/autocomplete', path: '/objects/autocomplete?objectKey=customer&searchTerm=acme' },
];

const MALOMO: Step[] = [
  { operation: 'GET /orders', path: '/orders' },
  { operation: 'GET /orders', path: `/orders?tracking_code=${MALOMO_TRACKING.usps}` },
  { operation: 'GET /orders', path: '/orders?alternate_id=450789470' },
  { operation: 'GET /orders', path: '/orders?number=1001&customer_email=jordan.lee%40example.com' },
  { operation: 'POST /orders', path: '/orders', body: { number: '1004', alternate_id: '450789480', email: 'sam.rivera@example.com', customer: { email: 'sam.rivera@example.com', first_name: 'Sam' }, shipments: [{ carrier: 'usps', tracking_code: '9400111899560000000001' }] } },
  { operation: 'GET /orders/{id}', path: `/orders/${MALOMO_IDS.order1001}` },
  { operation: 'PUT /orders/{id}', path: `/orders/${MALOMO_IDS.order1002}`, body: { shipments: [{ carrier: 'ups', tracking_code: '1Z999AA10123456799' }], customer: null } },
  { operation: 'DELETE /orders/{id}', path: `/orders/${MALOMO_IDS.order1003}` },
  { operation: 'GET /orders/{order_id}/events', path: `/orders/${MALOMO_IDS.order1001}/events` },
  { operation: 'POST /orders/{order_id}/events', path: `/orders/${MALOMO_IDS.order1001}/events`, body: { type: 'OrderIssueCreated', label: 'Customer reported a missing item', properties: { source: 'helpdesk' } } },
  { operation: 'GET /customers', path: '/customers' },
  { operation: 'POST /customers', path: '/customers', body: { email: 'riley.chen@example.com', first_name: 'Riley', last_name: 'Chen' } },
  { operation: 'GET /customers/{id}', path: `/customers/${MALOMO_IDS.jordan}` },
  { operation: 'PUT /customers/{id}', path: `/customers/${MALOMO_IDS.alex}`, body: { phone_number: '+12125550111' } },
  { operation: 'DELETE /customers/{id}', path: `/customers/${MALOMO_IDS.sam}` },
  { operation: 'GET /customers/{customer_id}/events', path: `/customers/${MALOMO_IDS.jordan}/events` },
  { operation: 'GET /webhooks', path: '/webhooks' },
  { operation: 'POST /webhooks', path: '/webhooks', body: { topic: 'events:created', url: 'https://hooks.example.com/second', secret: 's3cret' } },
  { operation: 'GET /webhooks/{id}', path: `/webhooks/${MALOMO_IDS.webhook}` },
  { operation: 'PUT /webhooks/{id}', path: `/webhooks/${MALOMO_IDS.webhook}`, body: { active: false } },
  { operation: 'DELETE /webhooks/{id}', path: `/webhooks/${MALOMO_IDS.webhook}` },
  { operation: 'GET /returns', path: '/returns?alternate_id=RET-5001' },
  { operation: 'POST /returns', path: '/returns', body: { alternate_id: 'RET-6000', reason: 'too small' } },
  { operation: 'GET /returns/{id}', path: `/returns/${MALOMO_IDS.return5001}` },
  { operation: 'PUT /returns/{id}', path: `/returns/${MALOMO_IDS.return5001}`, body: { status: 'received' } },
  { operation: 'GET /accounts/self', path: '/accounts/self' },
  { operation: 'DELETE /app', path: '/app' },
];

const item = { sku: 'OUT-200', title: 'Camp Stove', quantity: 1, item_amount: 59.9, shipping_amount: 0 };
const EDESK: Step[] = [
  { operation: 'GET /tickets', path: '/tickets?itemsPerPage=100' },
  { operation: 'GET /tickets', path: '/tickets?filter_status_equals=Open&order_by=created_at&order_direction=desc&filter_created_at_gte=2026-02-05' },
  { operation: 'POST /tickets', path: '/tickets', body: { subject: 'Phone call follow-up', channel_id: 204, status: 'Open' } },
  { operation: 'GET /tickets/{ticketId}', path: '/tickets/10001' },
  { operation: 'PUT /tickets/{ticketId}', path: '/tickets/10001', body: { status: 'Pending', tag_ids: [101, 104], owner_user_id: 1003 } },
  { operation: 'PUT /tickets/{ticketId}/data', path: '/tickets/10001/data', body: { custom_fields: [{ name: 'Priority', value: 'High' }] } },
  { operation: 'DELETE /tickets/{ticketId}', path: '/tickets/10003' },
  { operation: 'PUT /messages/{messageId}', path: '/messages/50001', body: { body: 'Edited note.', type: 'Note' } },
  { operation: 'DELETE /messages/{messageId}', path: '/messages/50002' },
  { operation: 'GET /sales-orders-tracking-links/{salesOrderId}', path: '/sales-orders-tracking-links/30001' },
  { operation: 'POST /sales-orders-tracking-links/{salesOrderId}', path: '/sales-orders-tracking-links/30001', body: { tracking_links: [{ tracking_link: 'https://carrier.example/track/1Z1', tracking_carrier_name: 'UPS' }] } },
  { operation: 'PUT /sales-orders-tracking-links/{salesOrderId}', path: '/sales-orders-tracking-links/30001', body: { tracking_links: [{ tracking_link: 'https://carrier.example/track/1Z2' }] } },
  { operation: 'DELETE /sales-orders-tracking-links/{salesOrderId}', path: '/sales-orders-tracking-links/30001' },
  { operation: 'DELETE /order-notes/{orderNoteId}', path: '/order-notes/6005' },
  { operation: 'POST /order-notes/{orderNoteId}/attachments', path: '/order-notes/6002/attachments', body: { files: [{ name: 'invoice.pdf', type: 'application/pdf', base64: 'JVBERi0=', attachmentType: 'Invoice' }] } },
  { operation: 'POST /tags', path: '/tags', body: { name: 'Courier trace', tag_group_id: 11 } },
  { operation: 'PUT /tags/{tagId}', path: '/tags/101', body: { name: 'Renamed', tag_group_id: 11 } },
  { operation: 'DELETE /tags/{tagId}', path: '/tags/103' },
  { operation: 'POST /messages', path: '/messages', body: { ticket_id: 10001, type: 'Note', body: 'Asked the warehouse to check.' } },
  { operation: 'GET /messages/{messageId}', path: '/messages/50001' },
  { operation: 'GET /sales-orders', path: '/sales-orders?itemsPerPage=100' },
  {
    operation: 'POST /sales-orders',
    path: '/sales-orders',
    body: { channel_id: 203, seller_order_id: '#2001', currency: 'USD', status: 'OrderReceived', contact: { full_name: 'Riley Chen', email: 'riley@example.net' }, order_items: [item], shipping_amount: 5, tracking_codes: [{ tracking_code: '1Z999AA10000000001', tracking_carrier_name: 'UPS', tracking_carrier_link: 'https://www.ups.com/track?tracknum=(tracking_code)' }] },
  },
  { operation: 'GET /sales-orders/{salesOrderId}', path: '/sales-orders/30001' },
  { operation: 'PUT /sales-orders/{salesOrderId}', path: '/sales-orders/30001', body: { status: 'Delivered', order_items: [{ ...item, id: 31001 }], delivery_type: 'Expedited' } },
  { operation: 'DELETE /sales-orders/{salesOrderId}', path: '/sales-orders/30002' },
  { operation: 'GET /order-notes', path: '/order-notes?itemsPerPage=10' },
  { operation: 'POST /order-notes', path: '/order-notes', body: { sales_order_id: 30001, text: 'Customer prefers morning delivery.' } },
  { operation: 'GET /order-notes/{orderNoteId}', path: '/order-notes/6001' },
  { operation: 'PUT /order-notes/{orderNoteId}', path: '/order-notes/6001', body: { text: 'Leave with neighbour at no. 5.' } },
  { operation: 'GET /templates', path: '/templates' },
  { operation: 'POST /templates', path: '/templates', body: { name: 'Back in stock', body_text: 'Good news: it is back.', template_usage: 'Manual', template_type: ['Consumer'], active: true, attachments: [{ url: 'https://cdn.example.com/sizes.pdf', name: 'sizes.pdf' }] } },
  { operation: 'GET /templates/{templateId}', path: '/templates/2001' },
  { operation: 'PUT /templates/{templateId}', path: '/templates/2001', body: { name: 'Where is my order (v2)', body_text: 'It is on its way.', template_usage: 'Manual', template_type: ['Consumer'], active: true } },
  { operation: 'DELETE /templates/{templateId}', path: '/templates/2007' },
  { operation: 'GET /tags', path: '/tags' },
  { operation: 'GET /tags/{tagId}', path: '/tags/101' },
  { operation: 'GET /tag-groups', path: '/tag-groups' },
  { operation: 'GET /channels', path: '/channels' },
  { operation: 'GET /contacts', path: '/contacts?fsf_query=olivia' },
  { operation: 'GET /users', path: '/users' },
  { operation: 'GET /whoami', path: '/whoami' },
];

const TABLES = { roserocket: ROSEROCKET, malomo: MALOMO, edesk: EDESK } satisfies Record<SimVendor, Step[]>;

describe.each(Object.keys(TABLES) as (keyof typeof TABLES)[])('%s responses conform to the doc', (vendor) => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ vendor });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('the table covers every operation in the doc', () => {
    const covered = new Set(TABLES[vendor].map((step) => step.operation));
    expect(vendorDoc(vendor).doc.operations.map((operation) => operation.key).filter((key) => !covered.has(key))).toEqual([]);
  });

  it('every operation answers 2xx with a body the doc describes', async () => {
    const problems: string[] = [];
    for (const step of TABLES[vendor]) {
      const result = await call({ sim, vendor, method: method(step.operation), path: step.path, body: step.body });
      const recorded = sim.requests.at(-1);
      if (recorded?.operation !== step.operation || !recorded.valid) problems.push(`${step.operation}: recorded as ${recorded?.operation} valid=${recorded?.valid} ${recorded?.errors.join('; ')}`);
      if (result.status >= 300) problems.push(`${step.operation} ${step.path}: status ${result.status} ${result.text}`);
      for (const problem of responseProblems({ vendor, operation: step.operation, status: result.status, text: result.text, body: result.body })) {
        problems.push(`${step.operation} ${step.path}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('error envelopes match the error schema the doc declares', async () => {
    sim.reset();
    const probes = {
      roserocket: [
        { operation: 'POST /userGroups', path: '/userGroups', body: {} , status: 400 },
        { operation: 'POST /userGroups', path: '/userGroups', body: { name: 'Dispatch' }, status: 409 },
        { operation: 'GET /objects/{recordId}', path: `/objects/${uuidFor('nothing')}`, status: 404 },
      ],
      malomo: [
        { operation: 'GET /orders/{id}', path: '/orders/not-a-uuid', status: 400 },
        { operation: 'GET /orders/{id}', path: `/orders/${uuidFor('nothing')}`, status: 404 },
        { operation: 'GET /orders', path: '/orders?tracking_code=NOPE', status: 404 },
      ],
      edesk: [
        { operation: 'GET /tickets', path: '/tickets?filter_status_equals=Lost', status: 400 },
        { operation: 'GET /tickets/{ticketId}', path: '/tickets/999', status: 404 },
        { operation: 'PUT /tickets/{ticketId}', path: '/tickets/10001', body: { tag_ids: [999] }, status: 400 },
      ],
    }[vendor];
    for (const probe of probes) {
      const result = await call({ sim, vendor, method: method(probe.operation), path: probe.path, body: 'body' in probe ? probe.body : undefined });
      expect(result.status, probe.path).toBe(probe.status);
      expect(responseProblems({ vendor, operation: probe.operation, status: result.status, text: result.text, body: result.body }), probe.path).toEqual([]);
    }
    const unauthorized = await call({ sim, vendor, method: 'GET', path: TABLES[vendor].find((step) => step.operation.startsWith('GET '))!.path, headers: { authorization: undefined } });
    expect(unauthorized.status).toBe(401);
  });
});

describe('seeded data conforms to the doc', () => {
  it('every seeded Rose Rocket record reads back as a valid JSONRecord', async () => {
    const sim = await startSimulator({ vendor: 'roserocket' });
    try {
      const problems: string[] = [];
      for (const id of seedRoseRocket().records.keys()) {
        const result = await call({ sim, vendor: 'roserocket', method: 'GET', path: `/objects/${id}?paths=customer` });
        if (result.status !== 200) problems.push(`${id}: ${result.status}`);
        problems.push(...responseProblems({ vendor: 'roserocket', operation: 'GET /objects/{recordId}', status: result.status, text: result.text, body: result.body }));
      }
      for (const group of [RR_IDS.hazmatGroup, RR_IDS.dispatchGroup, RR_IDS.billingGroup]) {
        const result = await call({ sim, vendor: 'roserocket', method: 'GET', path: `/userGroups/${group}/members` });
        problems.push(...responseProblems({ vendor: 'roserocket', operation: 'GET /userGroups/{groupId}/members', status: result.status, text: result.text, body: result.body }));
      }
      for (const record of [RR_IDS.orderL4599, RR_IDS.orderL4600, RR_IDS.orderL4601]) {
        const result = await call({ sim, vendor: 'roserocket', method: 'GET', path: `/events?recordId=${record}&objectKey=order` });
        problems.push(...responseProblems({ vendor: 'roserocket', operation: 'GET /events', status: result.status, text: result.text, body: result.body }));
      }
      expect(problems).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('every seeded eDesk list item is valid on every page', async () => {
    const sim = await startSimulator({ vendor: 'edesk' });
    try {
      const problems: string[] = [];
      const lists = { '/tickets': 'GET /tickets', '/sales-orders': 'GET /sales-orders', '/order-notes': 'GET /order-notes', '/templates': 'GET /templates', '/tags': 'GET /tags', '/tag-groups': 'GET /tag-groups', '/channels': 'GET /channels', '/contacts': 'GET /contacts', '/users': 'GET /users' };
      for (const [path, operation] of Object.entries(lists)) {
        for (let page = 1; page <= 10; page += 1) {
          const result = await call({ sim, vendor: 'edesk', method: 'GET', path: `${path}?page=${page}&itemsPerPage=25` });
          problems.push(...responseProblems({ vendor: 'edesk', operation, status: result.status, text: result.text, body: result.body }).map((problem) => `${path} page ${page}: ${problem}`));
          if ((result.body as { data: unknown[] }).data.length === 0) break;
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('every seeded Malomo order, customer and event is valid', async () => {
    const sim = await startSimulator({ vendor: 'malomo' });
    try {
      const problems: string[] = [];
      for (const [path, operation] of [
        ['/orders', 'GET /orders'],
        ['/customers', 'GET /customers'],
        ['/webhooks', 'GET /webhooks'],
        [`/orders/${MALOMO_IDS.order1002}/events`, 'GET /orders/{order_id}/events'],
        [`/customers/${MALOMO_IDS.alex}/events`, 'GET /customers/{customer_id}/events'],
      ] as const) {
        const result = await call({ sim, vendor: 'malomo', method: 'GET', path });
        problems.push(...responseProblems({ vendor: 'malomo', operation, status: result.status, text: result.text, body: result.body }).map((problem) => `${path}: ${problem}`));
      }
      expect(problems).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});

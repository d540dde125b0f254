import { uuidFor } from './deterministic.ts';
import { createRecord, createRrStore, RR_ORG_ID, type RrBoard, type RrEvent, type RrStore } from './roserocket-store.ts';

/** Stable ids that tests and demos refer to by name. */
export const RR_IDS = {
  ordersBoard: uuidFor('roserocket:board:orders'),
  customersBoard: uuidFor('roserocket:board:customers'),
  tasksBoard: uuidFor('roserocket:board:tasks'),
  webhooksBoard: uuidFor('roserocket:board:webhooks'),
  acme: uuidFor('roserocket:customer:acme'),
  northwind: uuidFor('roserocket:customer:northwind'),
  orderL4599: uuidFor('roserocket:order:L-4599'),
  orderL4600: uuidFor('roserocket:order:L-4600'),
  orderL4601: uuidFor('roserocket:order:L-4601'),
  hazmatGroup: uuidFor('roserocket:group:hazmat'),
  dispatchGroup: uuidFor('roserocket:group:dispatch'),
  billingGroup: uuidFor('roserocket:group:billing'),
};

const USERS = [
  { slug: 'dana', firstName: 'Dana', lastName: 'Whitfield', email: 'dana.whitfield@example-freight.com' },
  { slug: 'marcus', firstName: 'Marcus', lastName: 'Oyelaran', email: 'marcus.oyelaran@example-freight.com' },
  { slug: 'priya', firstName: 'Priya', lastName: 'Raman', email: 'priya.raman@example-freight.com' },
  { slug: 'tomasz', firstName: 'Tomasz', lastName: 'Kowalczyk', email: 'tomasz.kowalczyk@example-freight.com' },
  { slug: 'elena', firstName: 'Elena', lastName: 'Ruiz', email: 'elena.ruiz@example-freight.com' },
  { slug: 'sam', firstName: 'Sam', lastName: 'Okafor', email: 'sam.okafor@example-freight.com' },
] as const;

export function rrUserId(slug: (typeof USERS)[number]['slug']): string {
  return uuidFor(`roserocket:user:${slug}`);
}

function seedBoards(store: RrStore) {
  const boards: RrBoard[] = [
    { id: RR_IDS.ordersBoard, name: 'Orders', key: 'orders', icon: 'truck', objectKey: 'order', createdAt: '2025-06-02T13:00:00.000Z', isExternal: false, isHidden: false },
    { id: RR_IDS.customersBoard, name: 'Customers', key: 'customers', icon: 'building', objectKey: 'customer', createdAt: '2025-06-02T13:00:05.000Z', isExternal: false, isHidden: false },
    { id: RR_IDS.tasksBoard, name: 'Tasks', key: 'tasks', icon: null, objectKey: 'task', createdAt: '2025-06-02T13:00:10.000Z', isExternal: false, isHidden: false },
    { id: RR_IDS.webhooksBoard, name: 'Webhook Destinations', key: 'webhookDestinations', icon: null, objectKey: 'webhookDestination', createdAt: '2025-06-02T13:00:15.000Z', isExternal: false, isHidden: true },
  ];
  store.boards.push(...boards);
  store.boardViews.set(RR_IDS.ordersBoard, [{ id: uuidFor('roserocket:view:orders-in-transit'), ordinal: 1, name: 'In transit', filters: [{ path: 'status', operator: 'in', value: ['dispatched', 'in-transit'] }] }]);
}

function seedRecords(store: RrStore) {
  USERS.forEach((user, index) => {
    const { slug, ...fields } = user;
    createRecord({ store, objectKey: 'user', id: rrUserId(slug), json: { ...fields, status: 'active' }, at: `2025-06-0${3 + Math.floor(index / 3)}T09:0${index}:00.000Z` });
  });
  store.sequences.set('customer', 8);
  createRecord({
    store,
    objectKey: 'customer',
    id: RR_IDS.acme,
    at: '2025-11-04T16:20:00.000Z',
    json: { externalId: 'ACME-001', name: 'Acme Industrial Supply', customerType: 'Shipper', status: 'active', email: 'logistics@acme-industrial.example', phone: '+1-312-555-0148', city: 'Chicago', state: 'IL' },
  });
  createRecord({
    store,
    objectKey: 'customer',
    id: RR_IDS.northwind,
    at: '2025-12-10T11:45:00.000Z',
    json: { externalId: 'NW-220', name: 'Northwind Retail Group', customerType: 'Receiver', status: 'active', email: 'receiving@northwind.example', phone: '+1-614-555-0107', city: 'Columbus', state: 'OH' },
  });
  store.sequences.set('order', 18);
  const orders = [
    { id: RR_IDS.orderL4599, externalId: 'L-4599', status: 'dispatched', customer: RR_IDS.acme, origin: 'Chicago, IL', destination: 'Columbus, OH', pickup: '2026-03-02', delivery: '2026-03-04', weight: 18250, amount: 245000, hazmat: true, at: '2026-02-26T14:05:00.000Z' },
    { id: RR_IDS.orderL4600, externalId: 'L-4600', status: 'booked', customer: RR_IDS.acme, origin: 'Gary, IN', destination: 'Detroit, MI', pickup: '2026-03-05', delivery: '2026-03-06', weight: 9400, amount: 118000, hazmat: false, at: '2026-02-27T10:30:00.000Z' },
    { id: RR_IDS.orderL4601, externalId: 'L-4601', status: 'delivered', customer: RR_IDS.northwind, origin: 'Columbus, OH', destination: 'Pittsburgh, PA', pickup: '2026-02-20', delivery: '2026-02-21', weight: 12100, amount: 96000, hazmat: false, at: '2026-02-18T08:15:00.000Z' },
  ];
  for (const order of orders) {
    createRecord({
      store,
      objectKey: 'order',
      id: order.id,
      at: order.at,
      json: {
        externalId: order.externalId,
        status: order.status,
        customer: { id: order.customer },
        originCity: order.origin,
        destinationCity: order.destination,
        pickupDate: order.pickup,
        deliveryDate: order.delivery,
        weightLbs: order.weight,
        equipmentType: 'Dry Van 53ft',
        isHazmat: order.hazmat,
        sellRate: { amount: order.amount, currencyCode: 'USD' },
      },
    });
  }
}

function seedEvents(store: RrStore) {
  const event = (made: { slug: string; type: string; refId: string; ownerId: string; createdAt: string; json: Record<string, unknown> }): RrEvent => ({
    id: uuidFor(`roserocket:event:${made.slug}`),
    type: made.type,
    refId: made.refId,
    ownerId: made.ownerId,
    orgId: RR_ORG_ID,
    objectKey: 'order',
    createdAt: made.createdAt,
    json: made.json,
  });
  const order = RR_IDS.orderL4599;
  store.events.push(
    event({ slug: 'l4599-create', type: 'create', refId: order, ownerId: rrUserId('dana'), createdAt: '2026-02-26T14:05:00.000Z', json: { fullId: 'O-19', status: 'quoted' } }),
    event({ slug: 'l4599-booked', type: 'mutate', refId: order, ownerId: rrUserId('dana'), createdAt: '2026-02-26T15:40:00.000Z', json: { field: 'status', from: 'quoted', to: 'booked' } }),
    event({ slug: 'l4599-hazmat', type: 'internal', refId: order, ownerId: rrUserId('priya'), createdAt: '2026-02-27T09:12:00.000Z', json: { note: 'Hazmat placards confirmed for UN1263 paint, class 3.' } }),
    event({ slug: 'l4599-dispatched', type: 'mutate', refId: order, ownerId: rrUserId('marcus'), createdAt: '2026-03-01T18:30:00.000Z', json: { field: 'status', from: 'booked', to: 'dispatched' } }),
    event({ slug: 'l4599-widget', type: 'widget-open', refId: order, ownerId: rrUserId('marcus'), createdAt: '2026-03-01T18:31:00.000Z', json: { widget: 'carrier-assignment' } }),
    event({ slug: 'l4600-create', type: 'create', refId: RR_IDS.orderL4600, ownerId: rrUserId('dana'), createdAt: '2026-02-27T10:30:00.000Z', json: { fullId: 'O-20', status: 'booked' } }),
    event({ slug: 'l4601-delivered', type: 'mutate', refId: RR_IDS.orderL4601, ownerId: rrUserId('tomasz'), createdAt: '2026-02-21T16:02:00.000Z', json: { field: 'status', from: 'in-transit', to: 'delivered' } }),
  );
}

function seedGroups(store: RrStore) {
  store.groups.push(
    { id: RR_IDS.hazmatGroup, name: 'Hazardous Materials Handlers', type: 'local', description: 'Drivers and dispatchers certified to move placarded hazmat loads.' },
    { id: RR_IDS.dispatchGroup, name: 'Dispatch', type: 'local', description: 'Day and night dispatch desk.' },
    { id: RR_IDS.billingGroup, name: 'Billing', type: 'local', description: 'Invoicing and carrier pay.' },
  );
  const member = (made: { slug: 'dana' | 'marcus' | 'priya' | 'tomasz' | 'elena' | 'sam'; addedAt: string }) => ({ id: rrUserId(made.slug), addedAt: made.addedAt, addedBy: 'Dana Whitfield' });
  store.members.set(RR_IDS.hazmatGroup, [
    member({ slug: 'priya', addedAt: '2025-09-15T12:00:00.000Z' }),
    member({ slug: 'tomasz', addedAt: '2025-09-15T12:00:01.000Z' }),
    member({ slug: 'sam', addedAt: '2025-10-01T08:30:00.000Z' }),
  ]);
  store.members.set(RR_IDS.dispatchGroup, [member({ slug: 'marcus', addedAt: '2025-07-01T09:00:00.000Z' }), member({ slug: 'elena', addedAt: '2025-07-01T09:00:01.000Z' })]);
  store.members.set(RR_IDS.billingGroup, []);
}

export function seedRoseRocket(): RrStore {
  const store = createRrStore();
  seedBoards(store);
  seedRecords(store);
  seedEvents(store);
  seedGroups(store);
  return store;
}

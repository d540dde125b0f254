import { uuidFor } from './deterministic.ts';
import { createMalomoStore, newShipment, type MalomoEvent, type MalomoStore } from './malomo-store.ts';

export const MALOMO_IDS = {
  order1001: uuidFor('malomo:order:1001'),
  order1002: uuidFor('malomo:order:1002'),
  order1003: uuidFor('malomo:order:1003'),
  jordan: uuidFor('malomo:customer:jordan'),
  alex: uuidFor('malomo:customer:alex'),
  sam: uuidFor('malomo:customer:sam'),
  webhook: uuidFor('malomo:webhook:events-created'),
  return5001: uuidFor('malomo:return:5001'),
  account: uuidFor('malomo:account'),
};

export const MALOMO_TRACKING = { usps: '9400111899223197428490', ups: '1Z999AA10123456784', fedex: '794612345678' };

function scan(made: { status: string; detail: string; message: string; city: string; state: string; at: string }) {
  return {
    carrier_code: made.detail.toUpperCase().slice(0, 2),
    description: made.message,
    message: made.message,
    location: { city: made.city, state: made.state, postal_code: null, country: 'US' },
    scanned_at: made.at,
    source: 'carrier',
    status: made.status,
    status_detail: made.detail,
  };
}

function seedOrders(store: MalomoStore) {
  const jordan = { email: 'jordan.lee@example.com', first_name: 'Jordan', last_name: 'Lee' };
  store.orders.push(
    {
      id: MALOMO_IDS.order1001,
      alternate_id: '450789469',
      number: '1001',
      email: 'jordan.lee@example.com',
      customer: jordan,
      meta: { shopify_order: { order_id: 450789469 } },
      shipments: [
        newShipment({
          id: uuidFor('malomo:shipment:usps'),
          carrier: 'usps',
          tracking_code: MALOMO_TRACKING.usps,
          extra: {
            carrier_service: 'Priority Mail',
            container_type: 'package',
            status: 'in_transit',
            status_detail: 'arrived_at_facility',
            origin: { city: 'Columbus', state: 'OH', postal_code: '43215', country: 'US' },
            destination: { city: 'Denver', state: 'CO', postal_code: '80202', country: 'US' },
            estimated_delivered_at: '2026-03-04T20:00:00',
            original_estimated_delivered_at: '2026-03-04T20:00:00',
            estimated_local_delivered_on: '2026-03-04',
            scan_events: [
              scan({ status: 'pre_transit', detail: 'label_created', message: 'Shipping label created', city: 'Columbus', state: 'OH', at: '2026-02-28T10:12:00' }),
              scan({ status: 'in_transit', detail: 'received_at_origin_facility', message: 'Accepted at USPS origin facility', city: 'Columbus', state: 'OH', at: '2026-02-28T18:40:00' }),
              scan({ status: 'in_transit', detail: 'arrived_at_facility', message: 'Arrived at USPS regional facility', city: 'Kansas City', state: 'MO', at: '2026-03-01T06:05:00' }),
            ],
          },
        }),
        newShipment({
          id: uuidFor('malomo:shipment:ups'),
          carrier: 'ups',
          tracking_code: MALOMO_TRACKING.ups,
          extra: {
            carrier_service: 'UPS Ground',
            container_type: 'package',
            status: 'delivered',
            status_detail: 'delivered',
            origin: { city: 'Columbus', state: 'OH', postal_code: '43215', country: 'US' },
            destination: { city: 'Denver', state: 'CO', postal_code: '80202', country: 'US' },
            delivered_at: '2026-02-27T14:22:00',
            estimated_delivered_at: '2026-02-27T20:00:00',
            original_estimated_delivered_at: '2026-02-28T20:00:00',
            initial_delivery_attempted_at: '2026-02-27T14:22:00',
            scan_events: [
              scan({ status: 'in_transit', detail: 'departed_facility', message: 'Departed from facility', city: 'Columbus', state: 'OH', at: '2026-02-25T21:10:00' }),
              scan({ status: 'delivered', detail: 'delivered', message: 'Delivered, front door', city: 'Denver', state: 'CO', at: '2026-02-27T14:22:00' }),
            ],
          },
        }),
      ],
      created_at: '2026-02-24T15:31:00Z',
      updated_at: '2026-03-01T06:05:00Z',
    },
    {
      id: MALOMO_IDS.order1002,
      alternate_id: '450789470',
      number: '1002',
      email: 'alex.morgan@example.com',
      customer: { email: 'alex.morgan@example.com', first_name: 'Alex', last_name: 'Morgan' },
      meta: { shopify_order: { order_id: 450789470 } },
      shipments: [
        newShipment({
          id: uuidFor('malomo:shipment:fedex'),
          carrier: 'fedex',
          tracking_code: MALOMO_TRACKING.fedex,
          extra: { carrier_service: 'FedEx Home Delivery', status: 'out_for_delivery', status_detail: 'out_for_delivery', estimated_delivered_at: '2026-03-02T19:00:00' },
        }),
      ],
      created_at: '2026-02-26T09:02:00Z',
      updated_at: '2026-03-02T07:45:00Z',
    },
    {
      id: MALOMO_IDS.order1003,
      alternate_id: '450789471',
      number: '1003',
      email: 'jordan.lee@example.com',
      customer: jordan,
      meta: {},
      shipments: [],
      created_at: '2026-03-01T20:14:00Z',
      updated_at: '2026-03-01T20:14:00Z',
    },
  );
}

function seedCustomers(store: MalomoStore) {
  store.customers.push(
    { id: MALOMO_IDS.jordan, email: 'jordan.lee@example.com', first_name: 'Jordan', last_name: 'Lee', phone_number: '+13035550142', created_at: '2025-11-20T12:00:00Z', updated_at: '2026-02-24T15:31:00Z' },
    { id: MALOMO_IDS.alex, email: 'alex.morgan@example.com', first_name: 'Alex', last_name: 'Morgan', phone_number: null, created_at: '2026-01-08T08:30:00Z', updated_at: '2026-02-26T09:02:00Z' },
    { id: MALOMO_IDS.sam, email: 'sam.rivera@example.com', first_name: 'Sam', last_name: 'Rivera', phone_number: '+16175550199', created_at: '2026-02-02T17:45:00Z', updated_at: '2026-02-02T17:45:00Z' },
  );
}

function seedEvents(store: MalomoStore) {
  const event = (made: { slug: string; orderId: string; type: string; label: string; at: string; properties?: Record<string, unknown> }) => {
    const body: MalomoEvent = {
      id: uuidFor(`malomo:event:${made.slug}`),
      type: made.type,
      label: made.label,
      properties: made.properties ?? {},
      timestamp: Math.floor(Date.parse(made.at) / 1000),
      link_back_url: null,
      created_at: made.at,
      updated_at: made.at,
    };
    store.events.push({ orderId: made.orderId, event: body });
  };
  event({ slug: '1001-created', orderId: MALOMO_IDS.order1001, type: 'ShopifyOrderCreated', label: 'Order #1001 created', at: '2026-02-24T15:31:00Z' });
  event({ slug: '1001-fulfilled', orderId: MALOMO_IDS.order1001, type: 'ShopifyOrderFulfilled', label: 'Order #1001 fulfilled', at: '2026-02-25T16:00:00Z' });
  event({ slug: '1001-ups', orderId: MALOMO_IDS.order1001, type: 'ShipmentCreated', label: 'UPS shipment created', at: '2026-02-25T16:01:00Z', properties: { tracking_code: MALOMO_TRACKING.ups } });
  event({ slug: '1001-usps', orderId: MALOMO_IDS.order1001, type: 'ShipmentCreated', label: 'USPS shipment created', at: '2026-02-28T10:12:00Z', properties: { tracking_code: MALOMO_TRACKING.usps } });
  event({ slug: '1001-usps-update', orderId: MALOMO_IDS.order1001, type: 'ShipmentUpdateReceived', label: 'USPS: arrived at facility', at: '2026-03-01T06:05:00Z', properties: { tracking_code: MALOMO_TRACKING.usps, status: 'in_transit' } });
  event({ slug: '1002-created', orderId: MALOMO_IDS.order1002, type: 'ShopifyOrderCreated', label: 'Order #1002 created', at: '2026-02-26T09:02:00Z' });
  event({ slug: '1002-fedex', orderId: MALOMO_IDS.order1002, type: 'ShipmentCreated', label: 'FedEx shipment created', at: '2026-02-27T11:20:00Z', properties: { tracking_code: MALOMO_TRACKING.fedex } });
}

export function seedMalomo(): MalomoStore {
  const store = createMalomoStore();
  seedOrders(store);
  seedCustomers(store);
  seedEvents(store);
  store.webhooks.push({ id: MALOMO_IDS.webhook, topic: 'events:created', url: 'https://hooks.example-outfitters.com/malomo', active: true, created_at: '2025-12-01T10:00:00Z', updated_at: '2025-12-01T10:00:00Z' });
  store.webhookSecrets.set(MALOMO_IDS.webhook, 'whsec_seeded');
  store.returns.push({ id: MALOMO_IDS.return5001, alternate_id: 'RET-5001', order_id: MALOMO_IDS.order1002, status: 'requested', created_at: '2026-03-01T12:00:00Z', updated_at: '2026-03-01T12:00:00Z' });
  store.account = { id: MALOMO_IDS.account, name: 'Example Outfitters', domain: 'example-outfitters.com', platform: 'shopify', created_at: '2025-06-01T00:00:00Z' };
  return store;
}

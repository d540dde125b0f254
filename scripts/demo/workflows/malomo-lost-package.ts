import { field, items, shortId } from '../result-fields.ts';
import type { Workflow } from '../workflow-types.ts';

const LOST = { carrier: 'usps', tracking_code: '9400111899223197428490' };
const DELIVERED = { carrier: 'ups', tracking_code: '1Z999AA10123456784' };
const RESHIPPED = { carrier: 'fedex', tracking_code: '794698765432' };

function shipmentsLine(value: unknown): string {
  const shipments = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  return shipments.map((s) => `${s['carrier']} ${s['tracking_code']} ${s['status'] ?? ''}`.trim()).join(' · ');
}

export const malomoLostPackage: Workflow = {
  vendor: 'malomo',
  title: 'Malomo · lost package',
  story: `A shopper writes that parcel ${LOST.tracking_code} has not moved for days; the store reships by FedEx.`,
  steps: [
    {
      title: 'Find the order by the tracking code',
      tool: 'get_single_malomo_orders_by_tracking_code_by_id',
      args: () => ({ tracking_code: LOST.tracking_code }),
      expect: () => ({ requests: [{ method: 'GET', path: '/orders', query: { tracking_code: LOST.tracking_code } }], result: { structured: { number: '1001' } } }),
      save: ({ structured }) => ({ order: structured['id'] }),
      view: ({ structured: o }) => `order #${o['number']} (${shortId(o['id'])}) · ${field(o, 'customer.first_name')} ${field(o, 'customer.last_name')}`,
    },
    {
      title: 'Get the order',
      tool: 'get_single_malomo_order_by_id',
      args: (c) => ({ id: c['order'] }),
      expect: (c) => ({ requests: [{ method: 'GET', path: `/orders/${c['order']}` }], result: { structured: { shipments: [LOST, DELIVERED] } } }),
      view: ({ structured: o }) => shipmentsLine(o['shipments']),
    },
    {
      title: 'List its events',
      tool: 'list_all_malomo_order_events',
      args: (c) => ({ order_id: c['order'] }),
      expect: (c) => ({ requests: [{ method: 'GET', path: `/orders/${c['order']}/events` }], result: { holds: { says: 'five events', test: (s) => items(s).length === 5 } } }),
      view: ({ structured }) => {
        const last = items(structured).at(-1);
        return `${items(structured).length} events; last: "${last?.['label']}" at ${last?.['created_at']}`;
      },
    },
    {
      title: 'Swap the lost USPS parcel for the FedEx reshipment (the full-array guard)',
      tool: 'update_a_malomo_order_by_id',
      args: (c) => ({ id: c['order'], shipments: [DELIVERED, RESHIPPED] }),
      expect: (c) => ({
        requests: [{ method: 'GET', path: `/orders/${c['order']}` }],
        result: { isError: true, structured: { refused: true, would_remove: [LOST], confirm_with: 'confirm_removed_shipments' } },
      }),
      view: ({ text }) => text,
    },
    {
      title: 'Confirm that the USPS pair goes, and update',
      tool: 'update_a_malomo_order_by_id',
      args: (c) => ({ id: c['order'], shipments: [DELIVERED, RESHIPPED], confirm_removed_shipments: [LOST] }),
      expect: (c) => ({
        requests: [
          { method: 'GET', path: `/orders/${c['order']}` },
          { method: 'PUT', path: `/orders/${c['order']}`, body: { shipments: [DELIVERED, RESHIPPED] } },
          // The guard reads the list back, to report anything lost to a concurrent writer.
          { method: 'GET', path: `/orders/${c['order']}` },
        ],
        result: { structured: { shipments: [DELIVERED, RESHIPPED] } },
      }),
      view: ({ structured: o }) => shipmentsLine(o['shipments']),
    },
  ],
};

import { field, items, shortId, tally } from '../result-fields.ts';
import type { Workflow } from '../workflow-types.ts';

const LOAD = 'L-4599';
const DELAY = { kind: 'delay', reason: 'Dock congestion at the shipper', minutes: 120 };
const NOTE = 'Delayed 2 h at the shipper; new ETA 2026-03-04 18:00.';

export const roseRocketDelay: Workflow = {
  vendor: 'roserocket',
  title: `Rose Rocket · delay on load ${LOAD}`,
  story: `A dispatcher tells the agent that load ${LOAD} is running two hours late.`,
  steps: [
    {
      title: `Resolve the order behind external load id ${LOAD}`,
      tool: 'get_single_roserocket_objects_external_by_id',
      args: () => ({ object_key: 'order', external_id: LOAD }),
      expect: () => ({ requests: [{ method: 'GET', path: `/objects/order/${LOAD}/external` }], result: { structured: { objectKey: 'order', externalId: LOAD, status: 'dispatched' } } }),
      save: ({ structured }) => ({ order: structured['id'] }),
      view: ({ structured: o }) => `order ${o['fullId']} (${shortId(o['id'])}) · ${o['status']} · ${o['originCity']} → ${o['destinationCity']} · due ${o['deliveryDate']}`,
    },
    {
      title: 'List its events: is a delay logged already?',
      tool: 'list_all_roserocket_events',
      args: (c) => ({ record_id: c['order'], object_key: 'order' }),
      expect: (c) => ({
        requests: [{ method: 'GET', path: '/events', query: { recordId: String(c['order']), objectKey: 'order', limit: '50', offset: '0' } }],
        result: { structured: { total: 5 }, holds: { says: 'no event of kind "delay" yet', test: (s) => items(s).every((event) => field(event, 'json.kind') !== 'delay') } },
      }),
      view: ({ structured }) => `${items(structured).length} events (${tally(items(structured).map((event) => event['type']))}); no delay logged yet`,
    },
    {
      title: 'Find the Orders board (an event needs its board id)',
      tool: 'list_all_roserocket_boards',
      args: () => ({ object_key: 'order' }),
      // The published contract takes these as a JSON body on the GET; nothing goes in the query.
      expect: () => ({ requests: [{ method: 'GET', path: '/boards/nav', query: {}, body: { objectKey: 'order', offset: 0, limit: 50 } }], result: { structured: { items: [{ name: 'Orders', objectKey: 'order' }] } } }),
      save: ({ structured }) => ({ board: items(structured).find((board) => board['objectKey'] === 'order')?.['id'] }),
      view: ({ structured }) => items(structured).map((board) => `board "${board['name']}" (${shortId(board['id'])})`).join(', '),
    },
    {
      title: 'Log the delay as an internal event on the order',
      tool: 'create_a_roserocket_event',
      args: (c) => ({ record_id: c['order'], board_id: c['board'], type: 'internal', json: DELAY }),
      expect: (c) => ({
        requests: [{ method: 'POST', path: '/events', body: { recordId: c['order'], boardId: c['board'], type: 'internal', json: DELAY } }],
        result: { structured: { type: 'internal', refId: c['order'], json: DELAY } },
      }),
      view: ({ structured: e }) => `event ${shortId(e['id'])} · ${e['type']} · ${field(e, 'json.reason')}, ${field(e, 'json.minutes')} min`,
    },
    {
      title: 'Upsert a note on the order by its external id',
      tool: 'update_a_roserocket_objects_external_by_id',
      args: () => ({ object_key: 'order', external_id: LOAD, json: { notes: NOTE } }),
      expect: () => ({
        requests: [{ method: 'PATCH', path: `/objects/order/${LOAD}/external`, body: { objectKey: 'order', json: { notes: NOTE } } }],
        result: { structured: { externalId: LOAD, notes: NOTE, version: 2 } },
      }),
      view: ({ structured: o }) => `order ${o['fullId']} · version ${o['version']} · notes "${o['notes']}"`,
    },
  ],
};

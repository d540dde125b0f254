import { cursorPage } from './cursor-paging.ts';
import { fail, HttpFailure, objectBody, ok, stringParam, type HandlerInput, type VendorHandlers } from './handler-types.ts';
import { isObject } from './json-pointer.ts';
import {
  findById,
  malomoNow,
  mintMalomoId,
  orderCustomerFrom,
  removeById,
  replaceShipments,
  type MalomoEvent,
  type MalomoOrder,
  type MalomoStore,
  type MalomoWebhook,
} from './malomo-store.ts';
import { seedMalomo } from './seed-malomo.ts';
import type { JsonObject } from './types.ts';

function optionalText(input: { body: JsonObject; key: string }): string | null {
  const value = input.body[input.key];
  return typeof value === 'string' ? value : null;
}

/**
 * The lookups share `GET /orders` with the listing. Simulator choice: a lookup answers with the one
 * matching Order object (404 when none), and mixing a lookup with paging or another lookup is a 400.
 */
function lookupOrder(input: { store: MalomoStore; query: Record<string, unknown> }): MalomoOrder | undefined {
  const { store, query } = input;
  const lookups = ['tracking_code', 'alternate_id', 'number'].filter((key) => typeof query[key] === 'string');
  const byEmail = typeof query.customer_email === 'string';
  if (lookups.length === 0 && !byEmail) return undefined;
  if (typeof query.next === 'string' || typeof query.prev === 'string') {
    throw new HttpFailure({ status: 400, message: 'Lookups cannot be combined with next or prev' });
  }
  if (lookups.length > 1) throw new HttpFailure({ status: 400, message: `Use one lookup at a time, got ${lookups.join(' and ')}` });
  if (lookups[0] === 'number' || byEmail) {
    if (typeof query.number !== 'string' || !byEmail) throw new HttpFailure({ status: 400, message: 'number and customer_email must be sent together' });
  }
  let found: MalomoOrder | undefined;
  if (typeof query.tracking_code === 'string') {
    found = store.orders.find((order) => order.shipments.some((shipment) => shipment.tracking_code === query.tracking_code));
  } else if (typeof query.alternate_id === 'string') {
    found = store.orders.find((order) => order.alternate_id === query.alternate_id);
  } else {
    const email = String(query.customer_email).toLowerCase();
    found = store.orders.find((order) => order.number === query.number && order.customer?.email?.toLowerCase() === email);
  }
  if (found === undefined) throw new HttpFailure({ status: 404, message: 'No order matches the lookup' });
  return found;
}

function eventsOf(input: { store: MalomoStore; orderIds: string[] }): MalomoEvent[] {
  return input.store.events.filter((entry) => input.orderIds.includes(entry.orderId)).map((entry) => entry.event);
}

export function createMalomoHandlers(): VendorHandlers {
  const store = seedMalomo();
  const order = (id: unknown) => findById({ items: store.orders, id: stringParam(id), what: 'Order' });
  const customer = (id: unknown) => findById({ items: store.customers, id: stringParam(id), what: 'Customer' });
  const webhook = (id: unknown) => findById({ items: store.webhooks, id: stringParam(id), what: 'Webhook' });
  const returned = (id: unknown) => findById({ items: store.returns, id: stringParam(id), what: 'Return' });
  const list = <T extends { id: string }>(made: { items: T[]; input: HandlerInput; path: string }) => {
    const { page, headers } = cursorPage({ items: made.items, next: made.input.query.next, prev: made.input.query.prev, url: made.input.baseUrl + made.path });
    return ok({ body: page, headers });
  };

  return {
    'GET /orders': (input) => {
      const found = lookupOrder({ store, query: input.query });
      if (found !== undefined) return ok({ body: found });
      return list({ items: store.orders, input, path: '/orders' });
    },
    'POST /orders': ({ body }) => {
      const request = objectBody(body);
      const at = malomoNow(store);
      const created: MalomoOrder = {
        id: mintMalomoId({ store, kind: 'order' }),
        alternate_id: optionalText({ body: request, key: 'alternate_id' }),
        number: optionalText({ body: request, key: 'number' }),
        email: optionalText({ body: request, key: 'email' }),
        customer: orderCustomerFrom(request.customer),
        meta: isObject(request.meta) ? request.meta : {},
        shipments: [],
        created_at: at,
        updated_at: at,
      };
      created.shipments = Array.isArray(request.shipments) ? replaceShipments({ store, current: [], sent: request.shipments }) : [];
      store.orders.push(created);
      return ok({ body: created });
    },
    'GET /orders/{id}': ({ params }) => ok({ body: order(params.id) }),
    'PUT /orders/{id}': ({ params, body }) => {
      const target = order(params.id);
      const request = objectBody(body);
      // Top-level fields that are sent replace the stored ones whole; unsent fields stay.
      if ('customer' in request) target.customer = orderCustomerFrom(request.customer);
      if (typeof request.email === 'string') target.email = request.email;
      if (typeof request.number === 'string') target.number = request.number;
      if (isObject(request.meta)) target.meta = request.meta;
      if (Array.isArray(request.shipments)) target.shipments = replaceShipments({ store, current: target.shipments, sent: request.shipments });
      target.updated_at = malomoNow(store);
      return ok({ body: target });
    },
    'DELETE /orders/{id}': ({ params }) => {
      removeById({ items: store.orders, id: stringParam(params.id), what: 'Order' });
      return ok();
    },
    'GET /orders/{order_id}/events': (input) => {
      const target = order(input.params.order_id);
      return list({ items: eventsOf({ store, orderIds: [target.id] }), input, path: `/orders/${target.id}/events` });
    },
    'POST /orders/{order_id}/events': ({ params, body }) => {
      const target = order(params.order_id);
      const request = objectBody(body);
      const at = malomoNow(store);
      const event: MalomoEvent = {
        id: mintMalomoId({ store, kind: 'event' }),
        type: stringParam(request.type),
        label: optionalText({ body: request, key: 'label' }),
        properties: isObject(request.properties) ? request.properties : {},
        timestamp: typeof request.timestamp === 'number' ? request.timestamp : Math.floor(Date.parse(at) / 1000),
        link_back_url: optionalText({ body: request, key: 'link_back_url' }),
        created_at: at,
        updated_at: at,
      };
      store.events.push({ orderId: target.id, event });
      return ok({ body: event });
    },

    'GET /customers': (input) => list({ items: store.customers, input, path: '/customers' }),
    'POST /customers': ({ body }) => {
      const request = objectBody(body);
      const at = malomoNow(store);
      const created = {
        id: mintMalomoId({ store, kind: 'customer' }),
        email: optionalText({ body: request, key: 'email' }),
        first_name: optionalText({ body: request, key: 'first_name' }),
        last_name: optionalText({ body: request, key: 'last_name' }),
        phone_number: optionalText({ body: request, key: 'phone_number' }),
        created_at: at,
        updated_at: at,
      };
      store.customers.push(created);
      return ok({ body: created });
    },
    'GET /customers/{id}': ({ params }) => ok({ body: customer(params.id) }),
    'PUT /customers/{id}': ({ params, body }) => {
      const target = customer(params.id);
      const request = objectBody(body);
      for (const key of ['email', 'first_name', 'last_name', 'phone_number'] as const) {
        if (typeof request[key] === 'string') target[key] = request[key] as string;
      }
      target.updated_at = malomoNow(store);
      return ok({ body: target });
    },
    'DELETE /customers/{id}': ({ params }) => {
      removeById({ items: store.customers, id: stringParam(params.id), what: 'Customer' });
      return ok();
    },
    // A customer's timeline is the events of the orders placed under the customer's email.
    'GET /customers/{customer_id}/events': (input) => {
      const target = customer(input.params.customer_id);
      const email = target.email?.toLowerCase();
      const orderIds = store.orders.filter((candidate) => email !== undefined && candidate.customer?.email?.toLowerCase() === email).map((candidate) => candidate.id);
      return list({ items: eventsOf({ store, orderIds }), input, path: `/customers/${target.id}/events` });
    },

    'GET /webhooks': (input) => list({ items: store.webhooks, input, path: '/webhooks' }),
    'POST /webhooks': ({ body }) => {
      const request = objectBody(body);
      const at = malomoNow(store);
      const created: MalomoWebhook = {
        id: mintMalomoId({ store, kind: 'webhook' }),
        topic: stringParam(request.topic),
        url: stringParam(request.url),
        active: request.active !== false,
        created_at: at,
        updated_at: at,
      };
      store.webhooks.push(created);
      if (typeof request.secret === 'string') store.webhookSecrets.set(created.id, request.secret);
      return ok({ body: created });
    },
    'GET /webhooks/{id}': ({ params }) => ok({ body: webhook(params.id) }),
    'PUT /webhooks/{id}': ({ params, body }) => {
      const target = webhook(params.id);
      const request = objectBody(body);
      if (typeof request.active === 'boolean') target.active = request.active;
      if (typeof request.url === 'string') target.url = request.url;
      target.updated_at = malomoNow(store);
      return ok({ body: target });
    },
    'DELETE /webhooks/{id}': ({ params }) => {
      removeById({ items: store.webhooks, id: stringParam(params.id), what: 'Webhook' });
      store.webhookSecrets.delete(stringParam(params.id));
      return ok();
    },

    'GET /returns': ({ query }) => {
      const found = store.returns.find((candidate) => candidate.alternate_id === query.alternate_id);
      if (found === undefined) return fail({ status: 404, message: `No return with alternate_id ${stringParam(query.alternate_id)}` });
      return ok({ body: found });
    },
    'POST /returns': ({ body }) => {
      const at = malomoNow(store);
      const created = { ...objectBody(body), id: mintMalomoId({ store, kind: 'return' }), created_at: at, updated_at: at };
      store.returns.push(created);
      return ok({ body: created });
    },
    'GET /returns/{id}': ({ params }) => ok({ body: returned(params.id) }),
    'PUT /returns/{id}': ({ params, body }) => {
      const target = returned(params.id);
      Object.assign(target, objectBody(body), { id: target.id, updated_at: malomoNow(store) });
      return ok({ body: target });
    },

    'GET /accounts/self': () => ok({ body: store.account }),
    'DELETE /app': () => ok(),
  };
}


import { fieldFailure } from './handler-types.ts';
import { isObject } from './json-pointer.ts';
import { edeskNow, mintEdeskId, requireReference, type EdAddress, type EdeskStore, type EdOrderItem, type EdSalesOrder, type EdTrackingCode } from './edesk-store.ts';
import type { JsonObject } from './types.ts';

/** eDesk's write shape for tracking links is a template; reads show the expanded link. */
const PLACEHOLDER = '(tracking_code)';

function addressFrom(value: unknown): EdAddress | null {
  if (!isObject(value)) return null;
  const text = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : null);
  return {
    name: text('name') ?? '',
    line_1: text('line_1') ?? '',
    line_2: text('line_2'),
    city: text('city') ?? '',
    state: text('state'),
    county: text('county'),
    country: text('country') ?? '',
    postcode: text('postcode') ?? '',
    country_name: null,
  };
}

function trackingCodesFrom(value: unknown[]): EdTrackingCode[] {
  return value.filter(isObject).map((item, index) => {
    const code = String(item.tracking_code);
    const link = typeof item.tracking_carrier_link === 'string' ? item.tracking_carrier_link : undefined;
    if (link !== undefined && !link.includes(PLACEHOLDER)) {
      throw fieldFailure({ field: `tracking_codes.${index}.tracking_carrier_link`, kind: 'format-uri', message: `tracking_carrier_link must contain the literal ${PLACEHOLDER} placeholder` });
    }
    return { tracking_code: code, tracking_link: link === undefined ? null : link.split(PLACEHOLDER).join(code), tracking_carrier_name: String(item.tracking_carrier_name) };
  });
}

function itemFrom(input: { store: EdeskStore; item: JsonObject; currency: string; id: number; productId: number }): EdOrderItem {
  const { item } = input;
  const price = Number(item.item_amount);
  const quantity = Number(item.quantity);
  return {
    id: input.id,
    product: {
      id: input.productId,
      sku: String(item.sku),
      title: String(item.title),
      brand: typeof item.brand === 'string' ? item.brand : null,
      dimensions: typeof item.dimensions === 'string' ? item.dimensions : null,
      weight: typeof item.weight === 'number' ? item.weight : null,
      product_image_url: typeof item.product_image_url === 'string' ? item.product_image_url : null,
      marketplace_link: null,
      price,
      currency: input.currency,
    },
    quantity,
    end_price: price * quantity,
  };
}

function recomputeTotal(order: EdSalesOrder) {
  const items = order.order_items.reduce((sum, item) => sum + item.end_price, 0);
  order.total_amount = Math.round((items + order.shipping_amount) * 100) / 100;
}

function currencyOf(input: { store: EdeskStore; channelId: number; currency: unknown }): string {
  if (typeof input.currency === 'string') return input.currency;
  return input.store.channels.find((channel) => channel.id === input.channelId)?.currency ?? 'USD';
}

/** Fields shared by create and update; only the ones present in the request change. */
function applyCommonFields(input: { store: EdeskStore; order: EdSalesOrder; request: JsonObject }) {
  const { order, request } = input;
  if (typeof request.status === 'string') order.status = request.status;
  if (typeof request.shipping_amount === 'number') order.shipping_amount = request.shipping_amount;
  if ('ship_to' in request) order.ship_to = addressFrom(request.ship_to);
  if ('bill_to' in request) order.bill_to = addressFrom(request.bill_to);
  if (Array.isArray(request.tracking_codes)) order.tracking_codes = trackingCodesFrom(request.tracking_codes);
  if (isObject(request.sales_order_delivery_dates)) {
    const dates = request.sales_order_delivery_dates;
    order.sales_order_delivery_dates = {
      expected_delivery_from: typeof dates.expected_delivery_from === 'string' ? dates.expected_delivery_from : null,
      expected_delivery_to: typeof dates.expected_delivery_to === 'string' ? dates.expected_delivery_to : null,
    };
  }
  if (typeof request.order_created_at === 'string') order.order_created_at = request.order_created_at;
  if (typeof request.order_shipped_at === 'string') order.order_shipped_at = request.order_shipped_at;
  if (typeof request.delivery_type === 'string') order.delivery_type = request.delivery_type;
  if (Array.isArray(request.custom_fields)) {
    order.custom_fields = request.custom_fields.filter(isObject).map((field, index) => ({ id: index + 1, name: field.name ?? '', value: field.value ?? null }));
  }
}

export function createSalesOrder(input: { store: EdeskStore; request: JsonObject }): EdSalesOrder {
  const { store, request } = input;
  const channelId = Number(request.channel_id);
  requireReference({ items: store.channels, id: channelId, field: 'channel_id', what: 'Channel' });
  const hasContactId = typeof request.contact_id === 'number';
  if (hasContactId === isObject(request.contact)) {
    throw fieldFailure({ field: 'contact_id', kind: 'required', message: 'Send exactly one of contact_id or contact' });
  }
  let contactId: number;
  if (hasContactId) {
    contactId = requireReference({ items: store.contacts, id: Number(request.contact_id), field: 'contact_id', what: 'Contact' }).id;
  } else {
    const contact = isObject(request.contact) ? request.contact : {};
    contactId = mintEdeskId({ store, kind: 'contact' });
    const text = (key: string) => (typeof contact[key] === 'string' ? (contact[key] as string) : null);
    store.contacts.push({ id: contactId, channel_id: channelId, client_id: 77, full_name: text('full_name'), phone_number: text('phone_number'), email: text('email') });
  }
  const at = edeskNow(store);
  const currency = currencyOf({ store, channelId, currency: request.currency });
  const order: EdSalesOrder = {
    id: mintEdeskId({ store, kind: 'salesOrder' }),
    channel_id: channelId,
    seller_order_id: String(request.seller_order_id),
    status: 'OrderReceived',
    order_items: [],
    shipping_amount: 0,
    total_amount: 0,
    ship_to: null,
    bill_to: null,
    contact_id: contactId,
    tracking_codes: null,
    created_at: at,
    last_updated_at: at,
    ticket_id: null,
    order_notes_id: [],
    sales_order_delivery_dates: { expected_delivery_from: null, expected_delivery_to: null },
    order_created_at: at,
    order_shipped_at: null,
    delivery_type: null,
    custom_fields: [],
  };
  applyCommonFields({ store, order, request });
  if (Array.isArray(request.order_items)) {
    order.order_items = request.order_items.filter(isObject).map((item) => itemFrom({ store, item, currency, id: mintEdeskId({ store, kind: 'orderItem' }), productId: mintEdeskId({ store, kind: 'product' }) }));
  }
  recomputeTotal(order);
  store.salesOrders.push(order);
  return order;
}

/**
 * Update semantics: sent fields replace stored ones, `tracking_codes` replaces the whole list, and
 * each sent item must name an existing item of this order (4017); unsent items are kept.
 */
export function updateSalesOrder(input: { store: EdeskStore; order: EdSalesOrder; request: JsonObject }): EdSalesOrder {
  const { store, order, request } = input;
  if (typeof request.channel_id === 'number') order.channel_id = requireReference({ items: store.channels, id: request.channel_id, field: 'channel_id', what: 'Channel' }).id;
  if (typeof request.contact_id === 'number') order.contact_id = requireReference({ items: store.contacts, id: request.contact_id, field: 'contact_id', what: 'Contact' }).id;
  applyCommonFields({ store, order, request });
  if (Array.isArray(request.order_items)) {
    const currency = currencyOf({ store, channelId: order.channel_id, currency: request.currency });
    request.order_items.filter(isObject).forEach((item, index) => {
      const position = order.order_items.findIndex((existing) => existing.id === item.id);
      const existing = order.order_items[position];
      if (existing === undefined) {
        throw fieldFailure({ field: `order_items.${index}.id`, kind: 'ownership', message: `Item ${String(item.id)} does not belong to sales order ${order.id}` });
      }
      order.order_items[position] = itemFrom({ store, item, currency, id: existing.id, productId: Number(existing.product.id) });
    });
  }
  recomputeTotal(order);
  order.last_updated_at = edeskNow(store);
  return order;
}

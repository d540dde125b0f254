import { createClock, spaceTimestamp, type SimClock } from './deterministic.ts';
import { fieldFailure, HttpFailure } from './handler-types.ts';
import type { JsonObject } from './types.ts';

export type EdUser = { id: number; name: string; email: string; active: boolean; username: string; role: string };
export type EdChannel = { id: number; type: string; country: string; currency: string; name: string };
export type EdContact = { id: number; channel_id: number; client_id: number; full_name: string | null; phone_number: string | null; email: string | null };
export type EdTag = { id: number; name: string; active: boolean; tag_group_id: number | null; color: string | null; icon: string | null };
export type EdTagGroup = { id: number; name: string; user_id: number | null; entity_type: string; type: string; hide: boolean };
export type EdAddress = { name: string; line_1: string; line_2: string | null; city: string; state: string | null; county: string | null; country: string; postcode: string; country_name: string | null };
export type EdTrackingCode = { tracking_code: string; tracking_link: string | null; tracking_carrier_name: string };
export type EdOrderItem = { id: number; product: JsonObject; quantity: number; end_price: number };

export type EdSalesOrder = {
  id: number;
  channel_id: number;
  seller_order_id: string;
  status: string;
  order_items: EdOrderItem[];
  shipping_amount: number;
  total_amount: number;
  ship_to: EdAddress | null;
  bill_to: EdAddress | null;
  contact_id: number;
  tracking_codes: EdTrackingCode[] | null;
  created_at: string;
  last_updated_at: string;
  ticket_id: number | null;
  order_notes_id: number[] | null;
  sales_order_delivery_dates: { expected_delivery_from: string | null; expected_delivery_to: string | null };
  order_created_at: string | null;
  order_shipped_at: string | null;
  delivery_type: string | null;
  custom_fields: JsonObject[];
};

/** Stored ticket; `sales_order` is embedded at read time so it always reflects the current order. */
export type EdTicket = {
  id: number;
  subject: string;
  type: string;
  channel_id: number;
  status: string;
  sales_order_id: number | null;
  external_order_id: number | null;
  created_at: string;
  last_updated_at: string | null;
  owner_user_id: number | null;
  custom_fields: JsonObject[];
  time_left_to_reply: number | boolean | null;
  tags_ids: number[];
  contact_id: number | null;
  messages_ids: number[];
  uri: string;
  replies: number;
  ai_classification: string | null;
};

/** Inbox flags behind the filter-only statuses (Unread/Read, Priority/Unpriority); never returned. */
export type EdTicketFlags = { read: boolean; priority: boolean };

export type EdMessage = {
  id: number;
  external_id: string | null;
  subject: string | null;
  created_at: string;
  from_consumer_id: number | null;
  from_user: EdUser | null;
  type: string;
  attachments: JsonObject[];
  direction: 'Incoming' | 'Outgoing' | 'Other';
  body: string;
  errors: string[];
  ticket_id: number;
};

/** A message eDesk emailed to the customer: only a create with `send: true` puts one here. */
export type EdSentEmail = { message_id: number; ticket_id: number; to_contact_id: number | null; subject: string | null; body: string };

export type EdOrderNote = { id: number; sales_order_id: number; user: EdUser; text: string; attachments: JsonObject[]; created_at: string; last_updated_at: string | null };

export type EdeskCounters = { ticket: number; message: number; salesOrder: number; orderItem: number; product: number; orderNote: number; template: number; contact: number; attachment: number; tag: number };

export type EdeskStore = {
  clock: SimClock;
  next: EdeskCounters;
  /** The user the API token belongs to. */
  me: EdUser;
  users: EdUser[];
  channels: EdChannel[];
  contacts: EdContact[];
  tags: EdTag[];
  tagGroups: EdTagGroup[];
  tickets: EdTicket[];
  ticketFlags: Map<number, EdTicketFlags>;
  messages: EdMessage[];
  salesOrders: EdSalesOrder[];
  orderNotes: EdOrderNote[];
  templates: JsonObject[];
  /** What reached customers by email; a message created without `send: true` never appears here. */
  outbox: EdSentEmail[];
  /** Tracking links per sales order id (the tracking-links endpoints). */
  trackingLinks: Map<number, JsonObject[]>;
};

/** Accounts have a template quota; the real size is not published. */
export const EDESK_TEMPLATE_LIMIT = 50;

export function createEdeskStore(me: EdUser): EdeskStore {
  return {
    clock: createClock('2026-03-02T16:00:00.000Z'),
    next: { ticket: 20001, message: 90001, salesOrder: 40001, orderItem: 60001, product: 80001, orderNote: 7001, template: 3001, contact: 5001, attachment: 95001, tag: 1301 },
    me,
    users: [],
    channels: [],
    contacts: [],
    tags: [],
    tagGroups: [],
    tickets: [],
    ticketFlags: new Map(),
    messages: [],
    salesOrders: [],
    orderNotes: [],
    templates: [],
    outbox: [],
    trackingLinks: new Map(),
  };
}

export function mintEdeskId(input: { store: EdeskStore; kind: keyof EdeskCounters }): number {
  const id = input.store.next[input.kind];
  input.store.next[input.kind] = id + 1;
  return id;
}

export function edeskNow(store: EdeskStore): string {
  return spaceTimestamp(store.clock.tick());
}

export function requireFound<T extends { id: number }>(input: { items: readonly T[]; id: number; what: string }): T {
  const found = input.items.find((item) => item.id === input.id);
  if (found === undefined) throw new HttpFailure({ status: 404, message: `${input.what} ${input.id} not found` });
  return found;
}

/** A body field that names another object must name one that exists (eDesk code 4002). */
export function requireReference<T extends { id: number }>(input: { items: readonly T[]; id: number; field: string; what: string }): T {
  const found = input.items.find((item) => item.id === input.id);
  if (found === undefined) throw fieldFailure({ field: input.field, kind: 'reference', message: `${input.what} ${input.id} not found` });
  return found;
}

export function ticketView(input: { store: EdeskStore; ticket: EdTicket }): JsonObject {
  const { store, ticket } = input;
  const salesOrder = ticket.sales_order_id === null ? null : (store.salesOrders.find((order) => order.id === ticket.sales_order_id) ?? null);
  return { ...ticket, sales_order: salesOrder };
}

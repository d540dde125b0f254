import { edeskPage, inDayRange, sortBy } from './edesk-paging.ts';
import { createSalesOrder, updateSalesOrder } from './edesk-sales-orders.ts';
import { edeskNow, EDESK_TEMPLATE_LIMIT, mintEdeskId, requireFound, requireReference, ticketView, type EdeskStore, type EdMessage, type EdTicket } from './edesk-store.ts';
import { fieldFailure, objectBody, ok, type VendorHandlers } from './handler-types.ts';
import { isObject } from './json-pointer.ts';
import { createEdeskMoreHandlers, DELETED, mergeCustomFields } from './edesk-more-handlers.ts';
import { seedEdesk } from './seed-edesk.ts';
import type { JsonObject } from './types.ts';

/** Statuses a ticket can hold; the others in the filter enum select on inbox flags. */
const FLAG_FILTERS: Record<string, (flags: { read: boolean; priority: boolean }) => boolean> = {
  Unread: (flags) => !flags.read,
  Read: (flags) => flags.read,
  Priority: (flags) => flags.priority,
  Unpriority: (flags) => !flags.priority,
};

function filterTickets(input: { store: EdeskStore; query: Record<string, unknown> }): EdTicket[] {
  const { store, query } = input;
  const equals = (made: { value: unknown; actual: unknown }) => made.value === undefined || made.value === made.actual;
  return store.tickets.filter((ticket) => {
    const status = query.filter_status_equals;
    if (typeof status === 'string') {
      const byFlag = FLAG_FILTERS[status];
      const flags = store.ticketFlags.get(ticket.id) ?? { read: true, priority: false };
      if (byFlag !== undefined ? !byFlag(flags) : ticket.status !== status) return false;
    }
    if (typeof query.filter_seller_order_id_equals === 'string') {
      const order = store.salesOrders.find((candidate) => candidate.id === ticket.sales_order_id);
      if (order?.seller_order_id !== query.filter_seller_order_id_equals) return false;
    }
    return (
      equals({ value: query.filter_contact_id_equals, actual: ticket.contact_id }) &&
      equals({ value: query.filter_channel_id_equals, actual: ticket.channel_id }) &&
      equals({ value: query.filter_type_equals, actual: ticket.type }) &&
      equals({ value: query.filter_sales_order_id_equals, actual: ticket.sales_order_id }) &&
      equals({ value: query.filter_owner_user_id_equals, actual: ticket.owner_user_id }) &&
      inDayRange({ timestamp: ticket.created_at, gte: query.filter_created_at_gte, lte: query.filter_created_at_lte }) &&
      inDayRange({ timestamp: ticket.last_updated_at, gte: query.filter_last_updated_at_gte, lte: query.filter_last_updated_at_lte })
    );
  });
}

/** Fields of a ticket update other than tags, each applied only when sent. */
function applyTicketFields(input: { store: EdeskStore; target: EdTicket; request: JsonObject }): void {
  const { store, target, request } = input;
  if (typeof request.status === 'string') applyStatus({ store, target, status: request.status });
  if (typeof request.subject === 'string') target.subject = request.subject;
  if (typeof request.channel_id === 'number') target.channel_id = requireReference({ items: store.channels, id: request.channel_id, field: 'channel_id', what: 'Channel' }).id;
  if (typeof request.sales_order_id === 'number') target.sales_order_id = requireReference({ items: store.salesOrders, id: request.sales_order_id, field: 'sales_order_id', what: 'Sales order' }).id;
  if (typeof request.contact_id === 'number') target.contact_id = requireReference({ items: store.contacts, id: request.contact_id, field: 'contact_id', what: 'Contact' }).id;
  if (Array.isArray(request.custom_fields)) target.custom_fields = mergeCustomFields({ current: target.custom_fields, sent: request.custom_fields });
}

/** The inbox states are flags on the ticket, not statuses a read shows. */
function applyStatus(input: { store: EdeskStore; target: EdTicket; status: string }): void {
  const { store, target, status } = input;
  const flags = store.ticketFlags.get(target.id) ?? { read: true, priority: false };
  const flag: Record<string, Partial<typeof flags>> = { Unread: { read: false }, Read: { read: true }, Priority: { priority: true }, Unpriority: { priority: false } };
  if (flag[status] !== undefined) store.ticketFlags.set(target.id, { ...flags, ...flag[status] });
  else target.status = status;
}

function numberList(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((item): item is number => typeof item === 'number') : [];
}

function templateFrom(input: { store: EdeskStore; request: JsonObject; base: JsonObject }): JsonObject {
  const { store, request, base } = input;
  const kept = Array.isArray(base.attachments) ? base.attachments.filter(isObject) : [];
  const dropped = numberList(request.delete_attachments);
  const added = (Array.isArray(request.attachments) ? request.attachments.filter(isObject) : []).map((attachment) => ({
    id: mintEdeskId({ store, kind: 'attachment' }),
    name: typeof attachment.name === 'string' ? attachment.name : 'attachment',
    link: typeof attachment.url === 'string' ? attachment.url : '',
    mime: 'application/octet-stream',
  }));
  return {
    ...base,
    name: request.name,
    body_text: request.body_text,
    template_usage: request.template_usage,
    template_type: request.template_type,
    active: request.active,
    attachments: [...kept.filter((attachment) => !dropped.includes(Number(attachment.id))), ...added],
  };
}

export function createEdeskHandlers(): VendorHandlers {
  const store = seedEdesk();
  const ticket = (id: unknown) => requireFound({ items: store.tickets, id: Number(id), what: 'Ticket' });
  const salesOrder = (id: unknown) => requireFound({ items: store.salesOrders, id: Number(id), what: 'Sales order' });
  const orderNote = (id: unknown) => requireFound({ items: store.orderNotes, id: Number(id), what: 'Order note' });
  const template = (id: unknown) => {
    const found = store.templates.find((candidate) => candidate.id === Number(id));
    if (found === undefined) return requireFound({ items: [], id: Number(id), what: 'Template' });
    return found;
  };
  const paged = <T>(made: { items: readonly T[]; query: Record<string, unknown> }) => ok({ body: edeskPage(made) });

  return {
    // Simulator choice: without order_by, tickets come oldest id first so pages are stable.
    'GET /tickets': ({ query }) => {
      const sorted = sortBy({ items: filterTickets({ store, query }), orderBy: query.order_by, direction: query.order_direction });
      const page = edeskPage({ items: sorted, query });
      return ok({ body: { ...page, data: page.data.map((item) => ticketView({ store, ticket: item })) } });
    },
    'POST /tickets': ({ body }) => {
      const request = objectBody(body);
      const at = edeskNow(store);
      const created: EdTicket = {
        id: mintEdeskId({ store, kind: 'ticket' }),
        subject: typeof request.subject === 'string' ? request.subject : '',
        type: typeof request.type === 'string' ? request.type : 'Query',
        channel_id: typeof request.channel_id === 'number' ? requireReference({ items: store.channels, id: request.channel_id, field: 'channel_id', what: 'Channel' }).id : (store.channels[0]?.id ?? 0),
        status: typeof request.status === 'string' ? request.status : 'Open',
        sales_order_id: typeof request.sales_order_id === 'number' ? requireReference({ items: store.salesOrders, id: request.sales_order_id, field: 'sales_order_id', what: 'Sales order' }).id : null,
        external_order_id: null,
        created_at: at,
        last_updated_at: null,
        owner_user_id: null,
        custom_fields: [],
        time_left_to_reply: 86400,
        tags_ids: [],
        contact_id: typeof request.contact_id === 'number' ? request.contact_id : null,
        messages_ids: [],
        uri: '',
        replies: 0,
        ai_classification: null,
      };
      created.uri = `https://app.edesk.com/tickets/${created.id}`;
      store.tickets.push(created);
      store.ticketFlags.set(created.id, { read: false, priority: false });
      return ok({ body: { data: ticketView({ store, ticket: created }) } });
    },
    'GET /tickets/{ticketId}': ({ params }) => ok({ body: { data: ticketView({ store, ticket: ticket(params.ticketId) }) } }),
    'PUT /tickets/{ticketId}': ({ params, body }) => {
      const target = ticket(params.ticketId);
      const request = objectBody(body);
      if (typeof request.owner_user_id === 'number') {
        target.owner_user_id = requireReference({ items: store.users, id: request.owner_user_id, field: 'owner_user_id', what: 'User' }).id;
      }
      // eDesk writes tags as tag_ids and reads them back as tags_ids; the list is replaced, never merged.
      if (Array.isArray(request.tag_ids)) {
        const ids = numberList(request.tag_ids);
        ids.forEach((id, index) => requireReference({ items: store.tags, id, field: `tag_ids.${index}`, what: 'Tag' }));
        target.tags_ids = [...new Set(ids)];
      }
      applyTicketFields({ store, target, request });
      return ok({ body: { data: ticketView({ store, ticket: target }) } });
    },

    'POST /messages': ({ body }) => {
      const request = objectBody(body);
      const target = requireReference({ items: store.tickets, id: Number(request.ticket_id), field: 'ticket_id', what: 'Ticket' });
      // Only a Message created with send: true is emailed; anything else is just recorded on the ticket.
      const emailed = request.type === 'Message' && request.send === true;
      const message: EdMessage = {
        id: mintEdeskId({ store, kind: 'message' }),
        external_id: null,
        subject: typeof request.subject === 'string' ? request.subject : null,
        created_at: edeskNow(store),
        from_consumer_id: null,
        from_user: store.me,
        type: String(request.type),
        attachments: [],
        // Simulator choice: without `direction`, a Message counts as Outgoing and a Note as Other.
        direction: request.direction === 'Incoming' || request.direction === 'Outgoing' ? request.direction : request.type === 'Message' ? 'Outgoing' : 'Other',
        body: String(request.body),
        errors: [],
        ticket_id: target.id,
      };
      store.messages.push(message);
      target.messages_ids.push(message.id);
      target.last_updated_at = message.created_at;
      if (emailed) {
        target.replies += 1;
        store.outbox.push({ message_id: message.id, ticket_id: target.id, to_contact_id: target.contact_id, subject: message.subject, body: message.body });
      }
      store.ticketFlags.set(target.id, { ...(store.ticketFlags.get(target.id) ?? { priority: false }), read: true });
      return ok({ body: { data: message } });
    },
    'GET /messages/{messageId}': ({ params }) => ok({ body: { data: requireFound({ items: store.messages, id: Number(params.messageId), what: 'Message' }) } }),

    'GET /sales-orders': ({ query }) => {
      const matches = store.salesOrders.filter(
        (order) =>
          (query.filter_contact_id_equals === undefined || order.contact_id === query.filter_contact_id_equals) &&
          (query.filter_channel_id_equals === undefined || order.channel_id === query.filter_channel_id_equals) &&
          (query.filter_seller_order_id_equals === undefined || order.seller_order_id === query.filter_seller_order_id_equals) &&
          (query.filter_status_equals === undefined || order.status === query.filter_status_equals) &&
          (typeof query.filter_id_gte !== 'number' || order.id >= query.filter_id_gte) &&
          (typeof query.filter_id_lte !== 'number' || order.id <= query.filter_id_lte) &&
          inDayRange({ timestamp: order.created_at, gte: query.filter_created_at_gte, lte: query.filter_created_at_lte }) &&
          inDayRange({ timestamp: order.last_updated_at, gte: query.filter_last_updated_at_gte, lte: query.filter_last_updated_at_lte }),
      );
      return paged({ items: sortBy({ items: matches, orderBy: query.order_by, direction: query.order_direction }), query });
    },
    'POST /sales-orders': ({ body }) => ok({ body: { data: createSalesOrder({ store, request: objectBody(body) }) } }),
    'GET /sales-orders/{salesOrderId}': ({ params }) => ok({ body: { data: salesOrder(params.salesOrderId) } }),
    'PUT /sales-orders/{salesOrderId}': ({ params, body }) => ok({ body: { data: updateSalesOrder({ store, order: salesOrder(params.salesOrderId), request: objectBody(body) }) } }),
    'DELETE /sales-orders/{salesOrderId}': ({ params }) => {
      const target = salesOrder(params.salesOrderId);
      store.salesOrders.splice(store.salesOrders.indexOf(target), 1);
      for (const linked of store.tickets.filter((candidate) => candidate.sales_order_id === target.id)) linked.sales_order_id = null;
      return ok({ body: DELETED });
    },

    'GET /order-notes': ({ query }) => paged({ items: store.orderNotes, query }),
    'POST /order-notes': ({ body }) => {
      const request = objectBody(body);
      const order = requireReference({ items: store.salesOrders, id: Number(request.sales_order_id), field: 'sales_order_id', what: 'Sales order' });
      const note = { id: mintEdeskId({ store, kind: 'orderNote' }), sales_order_id: order.id, user: store.me, text: String(request.text), attachments: [], created_at: edeskNow(store), last_updated_at: null };
      store.orderNotes.push(note);
      order.order_notes_id = [...(order.order_notes_id ?? []), note.id];
      return ok({ body: { data: note } });
    },
    'GET /order-notes/{orderNoteId}': ({ params }) => ok({ body: { data: orderNote(params.orderNoteId) } }),
    'PUT /order-notes/{orderNoteId}': ({ params, body }) => {
      const note = orderNote(params.orderNoteId);
      const request = objectBody(body);
      if (typeof request.sales_order_id === 'number' && request.sales_order_id !== note.sales_order_id) {
        const next = requireReference({ items: store.salesOrders, id: request.sales_order_id, field: 'sales_order_id', what: 'Sales order' });
        const previous = store.salesOrders.find((order) => order.id === note.sales_order_id);
        if (previous !== undefined) previous.order_notes_id = (previous.order_notes_id ?? []).filter((id) => id !== note.id);
        next.order_notes_id = [...(next.order_notes_id ?? []), note.id];
        note.sales_order_id = next.id;
      }
      note.text = String(request.text);
      note.last_updated_at = edeskNow(store);
      return ok({ body: { data: note } });
    },

    'GET /templates': ({ query }) => paged({ items: store.templates, query }),
    'POST /templates': ({ body }) => {
      if (store.templates.length >= EDESK_TEMPLATE_LIMIT) throw fieldFailure({ field: 'name', kind: 'limit', message: 'The account has reached its template limit' });
      const base = { id: mintEdeskId({ store, kind: 'template' }), subject: null, channels: [], query_type: [], order_status: [], delivery_date: null, order_fulfilment: [], created_at: edeskNow(store), message_subject: null, invoice_attached: false, only_use_if_no_replies_yet: false, ai_classification: null, attachments: [] };
      const created = templateFrom({ store, request: objectBody(body), base });
      store.templates.push(created);
      return ok({ body: { data: created } });
    },
    'GET /templates/{templateId}': ({ params }) => ok({ body: { data: template(params.templateId) } }),
    'PUT /templates/{templateId}': ({ params, body }) => {
      const current = template(params.templateId);
      const updated = templateFrom({ store, request: objectBody(body), base: current });
      store.templates[store.templates.indexOf(current)] = updated;
      return ok({ body: { data: updated } });
    },
    'DELETE /templates/{templateId}': ({ params }) => {
      const current = template(params.templateId);
      store.templates.splice(store.templates.indexOf(current), 1);
      return ok({ body: DELETED });
    },

    'GET /tags': ({ query }) => paged({ items: store.tags, query }),
    'GET /tags/{tagId}': ({ params }) => ok({ body: { data: requireFound({ items: store.tags, id: Number(params.tagId), what: 'Tag' }) } }),
    'GET /tag-groups': ({ query }) => paged({ items: store.tagGroups, query }),
    'GET /channels': ({ query }) => paged({ items: store.channels, query }),
    'GET /contacts': ({ query }) => {
      const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : undefined);
      const free = lower(query.fsf_query);
      const matches = store.contacts.filter((contact) => {
        const name = contact.full_name?.toLowerCase() ?? '';
        const email = contact.email?.toLowerCase() ?? '';
        if (free !== undefined && !`${name} ${email} ${contact.phone_number ?? ''}`.includes(free)) return false;
        if (typeof query.consumer_id === 'number' && contact.id !== query.consumer_id) return false;
        if (query.email !== undefined && email !== lower(query.email)) return false;
        if (query.name !== undefined && !name.includes(lower(query.name) ?? '')) return false;
        if (query.phone_number !== undefined && contact.phone_number !== query.phone_number) return false;
        return true;
      });
      return paged({ items: matches, query });
    },
    'GET /users': ({ query }) => paged({ items: store.users, query }),
    'GET /whoami': () => ok({ body: { data: { user: store.me } } }),
    ...createEdeskMoreHandlers({ store, ticket, orderNote, salesOrder }),
  };
}

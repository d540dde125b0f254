import { edeskNow, mintEdeskId, requireFound, requireReference, ticketView, type EdeskStore, type EdOrderNote, type EdSalesOrder, type EdTicket } from './edesk-store.ts';
import { objectBody, ok, type VendorHandlers } from './handler-types.ts';
import { isObject } from './json-pointer.ts';
import type { JsonObject } from './types.ts';

/** What eDesk answers a delete with, as a public client saw it live: top level, not under `data`. */
export const DELETED = { message: 'Deleted', ok: true } as const;

/** Custom fields are set by name; fields not sent keep their values. */
export function mergeCustomFields(input: { current: readonly JsonObject[]; sent: readonly unknown[] }): JsonObject[] {
  const merged = new Map(input.current.map((field) => [String(field.name), field]));
  for (const field of input.sent.filter(isObject)) merged.set(String(field.name), { ...(merged.get(String(field.name)) ?? {}), name: field.name, value: field.value });
  return [...merged.values()];
}

function linksOf(request: JsonObject): JsonObject[] {
  const links = Array.isArray(request.tracking_links) ? request.tracking_links.filter(isObject) : [];
  return links.map((link) => ({ tracking_link: link.tracking_link, tracking_carrier_name: link.tracking_carrier_name ?? null }));
}

/** The endpoints beyond the first 27: ticket archive and custom fields, message edits, tracking links, note files, tags. */
export function createEdeskMoreHandlers(input: {
  store: EdeskStore;
  ticket: (id: unknown) => EdTicket;
  orderNote: (id: unknown) => EdOrderNote;
  salesOrder: (id: unknown) => EdSalesOrder;
}): VendorHandlers {
  const { store, ticket, orderNote, salesOrder } = input;
  const message = (id: unknown) => requireFound({ items: store.messages, id: Number(id), what: 'Message' });
  const tag = (id: unknown) => requireFound({ items: store.tags, id: Number(id), what: 'Tag' });
  const orderWithLinks = (order: EdSalesOrder) => ok({ body: { data: { ...order, tracking_links: store.trackingLinks.get(order.id) ?? [] } } });
  return {
    // eDesk keeps a deleted ticket as archived.
    'DELETE /tickets/{ticketId}': ({ params }) => {
      ticket(params.ticketId).status = 'Archived';
      return ok({ body: DELETED });
    },
    'PUT /tickets/{ticketId}/data': ({ params, body }) => {
      const target = ticket(params.ticketId);
      const request = objectBody(body);
      if (Array.isArray(request.custom_fields)) target.custom_fields = mergeCustomFields({ current: target.custom_fields, sent: request.custom_fields });
      return ok({ body: { data: ticketView({ store, ticket: target }) } });
    },
    'PUT /messages/{messageId}': ({ params, body }) => {
      const target = message(params.messageId);
      const request = objectBody(body);
      if (typeof request.subject === 'string') target.subject = request.subject;
      if (typeof request.body === 'string') target.body = request.body;
      return ok({ body: { data: target } });
    },
    'DELETE /messages/{messageId}': ({ params }) => {
      const target = message(params.messageId);
      store.messages.splice(store.messages.indexOf(target), 1);
      const owner = store.tickets.find((candidate) => candidate.id === target.ticket_id);
      if (owner !== undefined) owner.messages_ids = owner.messages_ids.filter((id) => id !== target.id);
      return ok({ body: DELETED });
    },
    'GET /sales-orders-tracking-links/{salesOrderId}': ({ params }) => ok({ body: { data: { tracking_links: store.trackingLinks.get(salesOrder(params.salesOrderId).id) ?? [] } } }),
    'POST /sales-orders-tracking-links/{salesOrderId}': ({ params, body }) => {
      const order = salesOrder(params.salesOrderId);
      store.trackingLinks.set(order.id, [...(store.trackingLinks.get(order.id) ?? []), ...linksOf(objectBody(body))]);
      return orderWithLinks(order);
    },
    // Simulator choice: an update replaces the whole list (the fragment does not say; the doc guards it).
    'PUT /sales-orders-tracking-links/{salesOrderId}': ({ params, body }) => {
      const order = salesOrder(params.salesOrderId);
      store.trackingLinks.set(order.id, linksOf(objectBody(body)));
      return orderWithLinks(order);
    },
    'DELETE /sales-orders-tracking-links/{salesOrderId}': ({ params }) => {
      store.trackingLinks.delete(salesOrder(params.salesOrderId).id);
      return ok({ body: DELETED });
    },
    'DELETE /order-notes/{orderNoteId}': ({ params }) => {
      const note = orderNote(params.orderNoteId);
      store.orderNotes.splice(store.orderNotes.indexOf(note), 1);
      const order = store.salesOrders.find((candidate) => candidate.id === note.sales_order_id);
      if (order !== undefined) order.order_notes_id = (order.order_notes_id ?? []).filter((id) => id !== note.id);
      return ok({ body: DELETED });
    },
    'POST /order-notes/{orderNoteId}/attachments': ({ params, body }) => {
      const note = orderNote(params.orderNoteId);
      const files = Array.isArray(objectBody(body).files) ? (objectBody(body).files as unknown[]).filter(isObject) : [];
      for (const file of files) {
        const id = mintEdeskId({ store, kind: 'attachment' });
        note.attachments.push({ id, name: file.name ?? 'file', link: `/crm/view/attachment/${id}`, mime: file.type ?? 'application/octet-stream', attachmentType: file.attachmentType ?? 'Other' });
      }
      note.last_updated_at = edeskNow(store);
      return ok({ body: { data: note } });
    },
    'POST /tags': ({ body }) => {
      const request = objectBody(body);
      const group = requireReference({ items: store.tagGroups, id: Number(request.tag_group_id), field: 'tag_group_id', what: 'Tag group' });
      const created = { id: mintEdeskId({ store, kind: 'tag' }), name: String(request.name), active: request.active !== false, tag_group_id: group.id, color: typeof request.color === 'string' ? request.color : null, icon: typeof request.icon === 'string' ? request.icon : null };
      store.tags.push(created);
      return ok({ body: { data: created } });
    },
    // Full replace, as a public client observed: fields not sent fall back to their defaults.
    'PUT /tags/{tagId}': ({ params, body }) => {
      const target = tag(params.tagId);
      const request = objectBody(body);
      const group = requireReference({ items: store.tagGroups, id: Number(request.tag_group_id), field: 'tag_group_id', what: 'Tag group' });
      Object.assign(target, { name: String(request.name), tag_group_id: group.id, active: request.active !== false, color: typeof request.color === 'string' ? request.color : null, icon: typeof request.icon === 'string' ? request.icon : null });
      return ok({ body: { data: target } });
    },
    'DELETE /tags/{tagId}': ({ params }) => {
      const target = tag(params.tagId);
      store.tags.splice(store.tags.indexOf(target), 1);
      for (const held of store.tickets) held.tags_ids = held.tags_ids.filter((id) => id !== target.id);
      return ok({ body: DELETED });
    },
  };
}

import { field, items } from '../result-fields.ts';
import type { Workflow } from '../workflow-types.ts';

const LATE_DELIVERY = 104;
const URGENT = 102;
const REPLY = 'We are sorry your parcel has not arrived. We have opened a trace with UPS and will write again within two working days.';
const NOTE = 'UPS says delivered; customer has nothing. Carrier trace opened, reply with template 2001 when UPS answers.';

function templateFor(input: { structured: Record<string, unknown>; classification: unknown }) {
  return items(input.structured).find((template) => field(template, 'ai_classification.classification') === input.classification);
}

export const edeskTriage: Workflow = {
  vendor: 'edesk',
  title: 'eDesk · ticket triage',
  story: 'The agent works through the open tickets of a marketplace helpdesk.',
  steps: [
    {
      title: 'List open tickets',
      tool: 'list_all_e_desk_tickets',
      args: () => ({ filter_status_equals: 'Open', limit: 5 }),
      expect: () => ({
        requests: [{ method: 'GET', path: '/tickets', query: { page: '1', itemsPerPage: '5', filter_status_equals: 'Open' } }],
        result: { structured: { items: [{ id: 10001, status: 'Open' }, { status: 'Open' }, { status: 'Open' }, { status: 'Open' }, { status: 'Open' }] } },
      }),
      save: ({ structured }) => {
        const ticket = items(structured).find((candidate) => candidate['sales_order_id'] !== null);
        return { ticket: ticket?.['id'], salesOrder: ticket?.['sales_order_id'], classification: ticket?.['ai_classification'] };
      },
      view: ({ structured }) => {
        const [first] = items(structured);
        return `${items(structured).length} open tickets; first with a sales order: #${first?.['id']} "${first?.['subject']}" (${first?.['ai_classification']}, tags ${JSON.stringify(first?.['tags_ids'])})`;
      },
    },
    {
      title: 'Get the sales order behind it',
      tool: 'get_single_e_desk_sales_order_by_id',
      args: (c) => ({ sales_order_id: c['salesOrder'] }),
      expect: (c) => ({ requests: [{ method: 'GET', path: `/sales-orders/${c['salesOrder']}` }], result: { structured: { data: { id: c['salesOrder'], ticket_id: c['ticket'], status: 'Delivered' } } } }),
      view: ({ structured: { data } }) =>
        `order ${field(data, 'seller_order_id')} · ${field(data, 'status')} · ${field(data, 'order_items.0.product.title')} · ${field(data, 'tracking_codes.0.tracking_carrier_name')} ${field(data, 'tracking_codes.0.tracking_code')}`,
    },
    {
      title: "Find a template for the ticket's classification",
      tool: 'list_all_e_desk_templates',
      args: () => ({ limit: 50 }),
      expect: () => ({ requests: [{ method: 'GET', path: '/templates', query: { page: '1', itemsPerPage: '50' } }], result: { holds: { says: 'seven templates', test: (s) => items(s).length === 7 } } }),
      save: ({ structured }, c) => ({ template: templateFor({ structured, classification: c['classification'] })?.['id'] }),
      view: ({ structured }, c) => {
        const template = templateFor({ structured, classification: c['classification'] });
        return `${items(structured).length} templates; for ${c['classification']}: #${template?.['id']} "${template?.['name']}"`;
      },
    },
    {
      title: 'Post an internal Note for the team',
      tool: 'create_a_e_desk_message',
      args: (c) => ({ ticket_id: c['ticket'], type: 'Note', body: NOTE }),
      expect: (c) => ({
        requests: [{ method: 'POST', path: '/messages', body: { ticket_id: c['ticket'], type: 'Note', body: NOTE } }],
        result: { structured: { data: { ticket_id: c['ticket'], type: 'Note', direction: 'Other' } } },
      }),
      view: ({ structured: { data } }) => `message #${field(data, 'id')} · ${field(data, 'type')} · direction ${field(data, 'direction')} (not sent to the customer)`,
    },
    {
      title: 'Set Pending and tag Urgent, sending only the new tag (the tags guard)',
      tool: 'update_a_e_desk_ticket_by_id',
      args: (c) => ({ ticket_id: c['ticket'], status: 'Pending', tag_ids: [URGENT] }),
      expect: (c) => ({
        requests: [{ method: 'GET', path: `/tickets/${c['ticket']}` }],
        result: { isError: true, structured: { refused: true, would_remove: [LATE_DELIVERY], confirm_with: 'confirm_removed_tag_ids' } },
      }),
      view: ({ text }) => text,
    },
    {
      title: 'Keep the existing tag, add Urgent, set Pending (eDesk writes tag_ids, reads tags_ids)',
      tool: 'update_a_e_desk_ticket_by_id',
      args: (c) => ({ ticket_id: c['ticket'], status: 'Pending', tag_ids: [LATE_DELIVERY, URGENT] }),
      expect: (c) => ({
        requests: [
          { method: 'GET', path: `/tickets/${c['ticket']}` },
          { method: 'PUT', path: `/tickets/${c['ticket']}`, body: { status: 'Pending', tag_ids: [LATE_DELIVERY, URGENT] } },
          // The guard reads the list back, to report anything lost to a concurrent writer.
          { method: 'GET', path: `/tickets/${c['ticket']}` },
        ],
        result: { structured: { data: { id: c['ticket'], status: 'Pending', tags_ids: [LATE_DELIVERY, URGENT] } } },
      }),
      view: ({ structured: { data } }) => `ticket #${field(data, 'id')} · ${field(data, 'status')} · tags ${JSON.stringify(field(data, 'tags_ids'))}`,
    },
    {
      title: 'Reply to the customer: a Message with send true is emailed',
      tool: 'create_a_e_desk_message',
      args: (c) => ({ ticket_id: c['ticket'], type: 'Message', direction: 'Outgoing', send: true, body: REPLY }),
      expect: (c) => ({
        requests: [{ method: 'POST', path: '/messages', body: { ticket_id: c['ticket'], type: 'Message', direction: 'Outgoing', send: true, body: REPLY } }],
        result: { structured: { data: { ticket_id: c['ticket'], type: 'Message', direction: 'Outgoing' } } },
      }),
      view: ({ structured: { data } }) => `message #${field(data, 'id')} · ${field(data, 'type')} · direction ${field(data, 'direction')} (send: true, so eDesk emails it to the customer)`,
    },
  ],
};

import { spaceTimestamp } from './deterministic.ts';
import { createEdeskStore, type EdAddress, type EdChannel, type EdContact, type EdeskStore, type EdSalesOrder, type EdTicket, type EdUser } from './edesk-store.ts';
import type { JsonObject } from './types.ts';

export const EDESK_TICKET_COUNT = 48;
export const EDESK_FIRST_TICKET_ID = 10001;

const USERS: EdUser[] = [
  { id: 1001, name: 'Morgan Blake', email: 'morgan.blake@example-outfitters.com', active: true, username: 'mblake', role: 'Admin' },
  { id: 1002, name: 'Aisha Khan', email: 'aisha.khan@example-outfitters.com', active: true, username: 'akhan', role: 'Agent' },
  { id: 1003, name: 'Luis Ortega', email: 'luis.ortega@example-outfitters.com', active: true, username: 'lortega', role: 'Agent' },
  { id: 1004, name: 'Hannah Schmidt', email: 'hannah.schmidt@example-outfitters.com', active: true, username: 'hschmidt', role: 'Supervisor' },
  { id: 1005, name: 'Ben Carter', email: 'ben.carter@example-outfitters.com', active: false, username: 'bcarter', role: 'Agent' },
];

const CHANNELS: EdChannel[] = [
  { id: 201, type: 'Amazon', country: 'US', currency: 'USD', name: 'Amazon US' },
  { id: 202, type: 'eBay', country: 'GB', currency: 'GBP', name: 'eBay UK' },
  { id: 203, type: 'Shopify', country: 'US', currency: 'USD', name: 'Outfitters Web Store' },
  { id: 204, type: 'Email', country: 'US', currency: 'USD', name: 'Support Inbox' },
];

const PEOPLE = [
  ['Olivia Bennett', '+1 415 555 0101'],
  ['Noah Patel', '+1 646 555 0102'],
  ['Emma Schultz', null],
  ['Liam O’Connor', '+44 20 7946 0103'],
  ['Sofia Rossi', '+44 161 496 0104'],
  ['Mateo García', null],
  ['Chloe Dubois', '+1 312 555 0105'],
  ['Ethan Nakamura', '+1 206 555 0106'],
  ['Grace Mensah', null],
  ['Jack Thompson', '+44 113 496 0107'],
  ['Isabella Costa', '+1 305 555 0108'],
  ['Lucas Weber', '+1 512 555 0109'],
] as const;

/** Contacts are per channel; Amazon hides buyers behind relay addresses. */
function contactFor(index: number): EdContact {
  const [name, phone] = PEOPLE[index] ?? ['Unknown', null];
  const channel = CHANNELS[index % CHANNELS.length] ?? CHANNELS[0];
  const slug = name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(/ /g, '.');
  const email = channel?.type === 'Amazon' ? `${slug.replace('.', '')}${7000 + index}@marketplace.amazon.com` : `${slug}@example.net`;
  return { id: 501 + index, channel_id: channel?.id ?? 201, client_id: 77, full_name: name, phone_number: phone, email };
}

const STATUSES = ['Open', 'Open', 'Pending', 'Closed', 'Open', 'Archived', 'Pending', 'Open', 'Closed', 'Spam', 'Open', 'Scheduled'];
const TOPICS: { type: string; subject: string; classification: string | null; ask: string }[] = [
  { type: 'OrderShippingInquiry', subject: 'Where is my order?', classification: 'WhereOrder', ask: 'Hi, my order still has not arrived. Can you tell me where it is?' },
  { type: 'ReturnRequest', subject: 'Return request', classification: 'OtherReturn', ask: 'I would like to return this item, it is not what I expected.' },
  { type: 'ProductQuery', subject: 'Question about sizing', classification: 'ProductQuery', ask: 'Does the jacket run small? I am usually a medium.' },
  { type: 'Refund', subject: 'Refund not received', classification: 'RefundRequest', ask: 'You confirmed my refund last week but I have not seen it yet.' },
  { type: 'ShippingQuery', subject: 'Delivery address change', classification: 'ShipmentInstructions', ask: 'Can you ship to my work address instead?' },
  { type: 'Cancellation', subject: 'Please cancel my order', classification: 'CancellationRequest', ask: 'I ordered the wrong colour, please cancel before it ships.' },
  { type: 'OrderQuery', subject: 'Order status', classification: 'WhereOrder', ask: 'Has my order shipped yet? I need it by Friday.' },
  { type: 'WrongItemReceived', subject: 'Wrong item received', classification: 'WrongItem', ask: 'I received a blue backpack but ordered a green one.' },
  { type: 'DefectiveItemReceived', subject: 'Item arrived damaged', classification: 'Damaged', ask: 'The zipper was broken when the parcel arrived.' },
  { type: 'Query', subject: 'Gift wrapping', classification: 'GiftPurchase', ask: 'Can you add gift wrapping and a note?' },
  { type: 'InvoiceRequest', subject: 'VAT invoice please', classification: 'InvoiceRequest', ask: 'Could you send me a VAT invoice for my order?' },
  { type: 'Presales', subject: 'Stock question', classification: 'ProductQuery', ask: 'Will the trail shoes be back in stock in size 10?' },
];
const OWNERS = [1002, 1003, null, 1004];
const TAG_SETS: number[][] = [[104], [102], [104], [101, 102], [], [103], [106], [], [105], [107], []];

const ADDRESS: EdAddress = { name: '', line_1: '1 Market Street', line_2: null, city: 'San Francisco', state: 'CA', county: null, country: 'US', postcode: '94105', country_name: 'United States' };

function sellerOrderId(input: { channel: EdChannel; index: number }): string {
  const n = 1040 + input.index;
  if (input.channel.type === 'Amazon') return `112-${String(4300000 + n * 37).padStart(7, '0')}-${String(7600000 + n * 11).padStart(7, '0')}`;
  if (input.channel.type === 'eBay') return `23-${String(10000 + n)}-${String(50000 + n * 3)}`;
  return `#${n}`;
}

function at(input: { base: string; hours: number }): string {
  return spaceTimestamp(new Date(Date.parse(input.base) + input.hours * 3600 * 1000));
}

function salesOrderFor(input: { index: number; ticketId: number; contact: EdContact; createdAt: string }): EdSalesOrder {
  const { index, contact } = input;
  const channel = CHANNELS.find((candidate) => candidate.id === contact.channel_id) ?? CHANNELS[0];
  const price = 24.5 + (index % 5) * 10;
  const quantity = 1 + (index % 2);
  const shipped = index % 4 !== 3;
  const status = shipped ? (index % 3 === 0 ? 'Delivered' : 'InTransit') : 'PaymentAccepted';
  const shipTo: EdAddress = { ...ADDRESS, name: contact.full_name ?? 'Customer' };
  return {
    id: 30001 + index,
    channel_id: channel?.id ?? 201,
    seller_order_id: sellerOrderId({ channel: channel ?? CHANNELS[0]!, index }),
    status,
    order_items: [
      {
        id: 31001 + index,
        product: { id: 32001 + (index % 6), sku: `OUT-${100 + (index % 6)}`, title: ['Trail Jacket', 'Day Backpack', 'Merino Beanie', 'Trail Shoes', 'Rain Shell', 'Water Bottle'][index % 6], brand: 'Example Outfitters', dimensions: '30 x 20 x 10', weight: 600 + (index % 6) * 50, product_image_url: null, marketplace_link: null, price, currency: channel?.currency ?? 'USD' },
        quantity,
        end_price: price * quantity,
      },
    ],
    shipping_amount: 4.99,
    total_amount: Math.round((price * quantity + 4.99) * 100) / 100,
    ship_to: shipTo,
    bill_to: shipTo,
    contact_id: contact.id,
    tracking_codes: shipped ? [{ tracking_code: `1Z999AA1${String(1000000000 + index * 7919).slice(0, 10)}`, tracking_link: `https://www.ups.com/track?tracknum=1Z999AA1${String(1000000000 + index * 7919).slice(0, 10)}`, tracking_carrier_name: 'UPS' }] : null,
    created_at: input.createdAt,
    last_updated_at: input.createdAt,
    ticket_id: input.ticketId,
    order_notes_id: [],
    sales_order_delivery_dates: { expected_delivery_from: '2026-03-03', expected_delivery_to: '2026-03-06' },
    order_created_at: input.createdAt,
    order_shipped_at: shipped ? input.createdAt : null,
    delivery_type: 'Standard',
    custom_fields: [],
  };
}

function seedTickets(store: EdeskStore) {
  let messageId = 50001;
  for (let index = 0; index < EDESK_TICKET_COUNT; index += 1) {
    const id = EDESK_FIRST_TICKET_ID + index;
    const topic = TOPICS[index % TOPICS.length] ?? TOPICS[0]!;
    const contact = store.contacts[index % store.contacts.length] ?? store.contacts[0]!;
    const createdAt = at({ base: '2026-02-01T08:00:00Z', hours: index * 13 });
    const status = STATUSES[index % STATUSES.length] ?? 'Open';
    const hasOrder = index % 3 !== 2;
    const salesOrder = hasOrder ? salesOrderFor({ index, ticketId: id, contact, createdAt }) : undefined;
    if (salesOrder !== undefined) store.salesOrders.push(salesOrder);
    const messages: number[] = [];
    const add = (made: { hours: number; direction: 'Incoming' | 'Outgoing' | 'Other'; type: string; body: string }) => {
      const message = {
        id: messageId,
        external_id: made.direction === 'Incoming' ? `ext-${messageId}` : null,
        subject: topic.subject,
        created_at: at({ base: '2026-02-01T08:00:00Z', hours: index * 13 + made.hours }),
        from_consumer_id: made.direction === 'Incoming' ? contact.id : null,
        from_user: made.direction === 'Incoming' ? null : (USERS[1 + (index % 3)] ?? null),
        type: made.type,
        attachments: [],
        direction: made.direction,
        body: made.body,
        errors: [],
        ticket_id: id,
      };
      store.messages.push(message);
      messages.push(messageId);
      messageId += 1;
      return message;
    };
    add({ hours: 0, direction: 'Incoming', type: 'Message', body: topic.ask });
    if (status !== 'Open' && status !== 'Spam') add({ hours: 2, direction: 'Outgoing', type: 'Message', body: `Thanks for getting in touch about "${topic.subject}". We are on it.` });
    if (index % 5 === 1) add({ hours: 3, direction: 'Other', type: 'Note', body: 'Checked with the warehouse; waiting on the carrier.' });
    const last = store.messages[store.messages.length - 1];
    const ticket: EdTicket = {
      id,
      subject: `${topic.subject}${salesOrder !== undefined ? ` (${salesOrder.seller_order_id})` : ''}`,
      type: topic.type,
      channel_id: contact.channel_id,
      status,
      sales_order_id: salesOrder?.id ?? null,
      external_order_id: salesOrder !== undefined && contact.channel_id !== 203 ? 9100000 + index : null,
      created_at: createdAt,
      last_updated_at: last?.created_at ?? null,
      owner_user_id: OWNERS[index % OWNERS.length] ?? null,
      custom_fields: [],
      time_left_to_reply: status === 'Open' ? 86400 - index * 600 : status === 'Closed' ? false : null,
      tags_ids: [...(TAG_SETS[index % TAG_SETS.length] ?? [])],
      contact_id: contact.id,
      messages_ids: messages,
      uri: `https://app.edesk.com/tickets/${id}`,
      replies: messages.length - 1 - (index % 5 === 1 ? 1 : 0),
      ai_classification: topic.classification,
    };
    store.tickets.push(ticket);
    store.ticketFlags.set(id, { read: index % 4 !== 0, priority: index % 5 === 0 });
  }
}

function template(made: { id: number; name: string; body: string; usage: string; types: string[]; queryTypes: string[]; classification: string | null; active: boolean; subject?: string }): JsonObject {
  return {
    id: made.id,
    name: made.name,
    subject: made.subject ?? null,
    body_text: made.body,
    channels: [201, 202, 203],
    template_usage: made.usage,
    template_type: made.types,
    query_type: made.queryTypes,
    order_status: [],
    delivery_date: null,
    active: made.active,
    order_fulfilment: ['MerchantFulfilled'],
    created_at: '2025-10-01 09:00:00',
    message_subject: null,
    invoice_attached: false,
    only_use_if_no_replies_yet: false,
    ai_classification: made.classification === null ? null : { classification: made.classification, quick_reply: made.usage === 'ManualAuto' },
    attachments: [],
  };
}

function seedTemplates(store: EdeskStore) {
  store.templates.push(
    template({ id: 2001, name: 'Where is my order', body: 'Hi {{customer_first_name}}, your order {{order_id}} is on its way. You can track it here: {{tracking_link}}.', usage: 'Manual', types: ['Consumer'], queryTypes: ['OrderShippingInquiry', 'OrderQuery'], classification: 'WhereOrder', active: true }),
    template({ id: 2002, name: 'Refund confirmation', body: 'Hi {{customer_first_name}}, we have issued your refund. It can take 3–5 working days to appear.', usage: 'Manual', types: ['Consumer'], queryTypes: ['Refund'], classification: 'RefundRequest', active: true }),
    template({ id: 2003, name: 'Cancellation received', body: 'We have received your cancellation request and will confirm shortly.', usage: 'ManualAuto', types: ['Consumer'], queryTypes: ['Cancellation'], classification: 'CancellationRequest', active: true }),
    template({ id: 2004, name: 'Damaged item – replacement', body: 'Sorry your item arrived damaged. A replacement is on its way; no need to return the original.', usage: 'Manual', types: ['Consumer'], queryTypes: ['DefectiveItemReceived'], classification: 'Damaged', active: true }),
    template({ id: 2005, name: 'Tracking code request', body: 'Your tracking number is {{tracking_code}}.', usage: 'ManualAuto', types: ['Consumer'], queryTypes: ['ShippingQuery'], classification: 'TrackingCodeRequest', active: true }),
    template({ id: 2006, name: 'Out of office', body: 'Our team is away until Monday.', usage: 'OutOfOffice', types: ['Consumer'], queryTypes: [], classification: 'OutOfOffice', active: false }),
    template({ id: 2007, name: 'Internal escalation', body: 'Escalated to the warehouse lead.', usage: 'Manual', types: ['Internal'], queryTypes: [], classification: null, active: true, subject: 'Escalation' }),
  );
}

function seedOrderNotes(store: EdeskStore) {
  const notes = [
    { id: 6001, order: 30001, user: 1002, text: 'Customer called: leave parcel with neighbour at no. 3.', at: '2026-02-01 12:00:00' },
    { id: 6002, order: 30002, user: 1003, text: 'Replacement approved by Hannah.', at: '2026-02-02 09:30:00' },
    { id: 6003, order: 30004, user: 1002, text: 'Carrier claim opened, ref CLM-2291.', at: '2026-02-04 15:10:00' },
    { id: 6004, order: 30001, user: 1004, text: 'Refund of shipping agreed as goodwill.', at: '2026-02-05 10:00:00' },
    { id: 6005, order: 30008, user: 1003, text: 'Address verified with customer.', at: '2026-02-09 17:45:00' },
  ];
  for (const note of notes) {
    const user = store.users.find((candidate) => candidate.id === note.user) ?? store.me;
    store.orderNotes.push({ id: note.id, sales_order_id: note.order, user, text: note.text, attachments: [], created_at: note.at, last_updated_at: null });
    const order = store.salesOrders.find((candidate) => candidate.id === note.order);
    order?.order_notes_id?.push(note.id);
  }
}

export function seedEdesk(): EdeskStore {
  const store = createEdeskStore(USERS[0]!);
  store.users.push(...USERS.map((user) => ({ ...user })));
  store.channels.push(...CHANNELS.map((channel) => ({ ...channel })));
  store.contacts.push(...PEOPLE.map((_, index) => contactFor(index)));
  store.tagGroups.push(
    { id: 11, name: 'Priority', user_id: 1001, entity_type: 'ticket', type: 'custom', hide: false },
    { id: 12, name: 'Issue type', user_id: 1001, entity_type: 'ticket', type: 'custom', hide: false },
    { id: 13, name: 'Follow-up', user_id: null, entity_type: 'ticket', type: 'system', hide: false },
  );
  store.tags.push(
    { id: 101, name: 'VIP', active: true, tag_group_id: 11, color: 'f4511e', icon: 'star' },
    { id: 102, name: 'Urgent', active: true, tag_group_id: 11, color: 'd50000', icon: 'flag' },
    { id: 103, name: 'Damaged item', active: true, tag_group_id: 12, color: '757575', icon: 'folder' },
    { id: 104, name: 'Late delivery', active: true, tag_group_id: 12, color: 'ff9800', icon: 'clock' },
    { id: 105, name: 'Refund issued', active: true, tag_group_id: 13, color: '43a047', icon: 'check' },
    { id: 106, name: 'Awaiting customer', active: true, tag_group_id: 13, color: '1e88e5', icon: 'user' },
    { id: 107, name: 'Wrong address', active: true, tag_group_id: 12, color: '8e24aa', icon: 'home' },
    { id: 108, name: 'Legacy import', active: false, tag_group_id: null, color: '757575', icon: 'folder' },
  );
  seedTickets(store);
  seedTemplates(store);
  seedOrderNotes(store);
  return store;
}

import { createClock, isoTimestamp, uuidFor, type SimClock } from './deterministic.ts';
import { HttpFailure } from './handler-types.ts';
import { isObject } from './json-pointer.ts';
import type { JsonObject } from './types.ts';

export type MalomoAddress = { city: string | null; state: string | null; postal_code: string | null; country: string | null };

export type MalomoShipment = JsonObject & { id: string; carrier: string; tracking_code: string };
export type MalomoOrderCustomer = { email: string | null; first_name: string | null; last_name: string | null };
export type MalomoOrder = {
  id: string;
  alternate_id: string | null;
  number: string | null;
  email: string | null;
  customer: MalomoOrderCustomer | null;
  meta: JsonObject;
  shipments: MalomoShipment[];
  created_at: string;
  updated_at: string;
};
export type MalomoCustomer = { id: string; email: string | null; first_name: string | null; last_name: string | null; phone_number: string | null; created_at: string; updated_at: string };
export type MalomoEvent = { id: string; type: string; label: string | null; properties: JsonObject; timestamp: number; link_back_url: string | null; created_at: string; updated_at: string };
export type MalomoWebhook = { id: string; topic: string; url: string; active: boolean; created_at: string; updated_at: string };
export type MalomoReturn = JsonObject & { id: string };

export type MalomoStore = {
  clock: SimClock;
  minted: number;
  /** Insertion order is list order. */
  orders: MalomoOrder[];
  customers: MalomoCustomer[];
  webhooks: MalomoWebhook[];
  returns: MalomoReturn[];
  /** Event plus the order it was recorded on. */
  events: { orderId: string; event: MalomoEvent }[];
  /** Webhook secrets are write-only; kept apart so no response can leak them. */
  webhookSecrets: Map<string, string>;
  account: JsonObject;
};

export function createMalomoStore(): MalomoStore {
  return {
    clock: createClock('2026-03-02T17:00:00.000Z'),
    minted: 0,
    orders: [],
    customers: [],
    webhooks: [],
    returns: [],
    events: [],
    webhookSecrets: new Map(),
    account: {},
  };
}

export function mintMalomoId(input: { store: MalomoStore; kind: string }): string {
  input.store.minted += 1;
  return uuidFor(`malomo:${input.kind}:${input.store.minted}`);
}

export function malomoNow(store: MalomoStore): string {
  return isoTimestamp(store.clock.tick()).replace('.000Z', 'Z');
}

const CARRIERS: Record<string, { name: string; url: (code: string) => string }> = {
  usps: { name: 'USPS', url: (code) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${code}` },
  ups: { name: 'UPS', url: (code) => `https://www.ups.com/track?tracknum=${code}` },
  fedex: { name: 'FedEx', url: (code) => `https://www.fedex.com/fedextrack/?trknbr=${code}` },
  dhl: { name: 'DHL', url: (code) => `https://www.dhl.com/en/express/tracking.html?AWB=${code}` },
};

const NO_ADDRESS: MalomoAddress = { city: null, state: null, postal_code: null, country: null };

/** A shipment as Malomo reports it right after registration: label created, no scans yet. */
export function newShipment(input: { id: string; carrier: string; tracking_code: string; extra?: JsonObject }): MalomoShipment {
  const carrier = CARRIERS[input.carrier];
  return {
    id: input.id,
    carrier: input.carrier,
    carrier_name: carrier?.name ?? input.carrier,
    carrier_service: null,
    carrier_url: carrier?.url(input.tracking_code) ?? null,
    alternative_carrier_identifier: null,
    container_type: null,
    tracking_code: input.tracking_code,
    status: 'pre_transit',
    status_detail: 'label_created',
    origin: NO_ADDRESS,
    destination: NO_ADDRESS,
    is_return: false,
    delivered_at: null,
    estimated_delivered_at: null,
    estimated_local_delivered_at: null,
    estimated_local_delivered_on: null,
    guaranteed_delivered_at: null,
    initial_delivery_attempted_at: null,
    original_estimated_delivered_at: null,
    scan_events: [],
    ...input.extra,
  };
}

/**
 * PUT semantics for `shipments`: the sent list is the whole new list. A carrier + tracking code
 * pair that already existed keeps its id and tracking history; anything not sent is dropped.
 */
export function replaceShipments(input: { store: MalomoStore; current: MalomoShipment[]; sent: unknown[] }): MalomoShipment[] {
  return input.sent.filter(isObject).map((item) => {
    const carrier = String(item.carrier);
    const code = String(item.tracking_code);
    const kept = input.current.find((shipment) => shipment.carrier === carrier && shipment.tracking_code === code);
    return kept ?? newShipment({ id: mintMalomoId({ store: input.store, kind: 'shipment' }), carrier, tracking_code: code });
  });
}

export function orderCustomerFrom(value: unknown): MalomoOrderCustomer | null {
  if (!isObject(value)) return null;
  const text = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : null);
  return { email: text('email'), first_name: text('first_name'), last_name: text('last_name') };
}

export function findById<T extends { id: string }>(input: { items: T[]; id: string; what: string }): T {
  const found = input.items.find((item) => item.id === input.id);
  if (found === undefined) throw new HttpFailure({ status: 404, message: `${input.what} ${input.id} not found` });
  return found;
}

export function removeById<T extends { id: string }>(input: { items: T[]; id: string; what: string }): void {
  const index = input.items.findIndex((item) => item.id === input.id);
  if (index === -1) throw new HttpFailure({ status: 404, message: `${input.what} ${input.id} not found` });
  input.items.splice(index, 1);
}

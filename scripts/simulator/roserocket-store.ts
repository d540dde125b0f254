import { createClock, isoTimestamp, uuidFor, type SimClock } from './deterministic.ts';
import { HttpFailure } from './handler-types.ts';
import { isObject } from './json-pointer.ts';
import type { JsonObject } from './types.ts';

/** Fields the platform owns; a client's `json` cannot overwrite them. */
const SYSTEM_KEYS = new Set(['id', 'objectKey', 'orgId', 'fullId', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);

/** Human-readable id prefixes seen in Rose Rocket (`CUST-9`, `O-19`); other types use their key. */
const FULL_ID_PREFIX: Record<string, string> = {
  order: 'O',
  customer: 'CUST',
  task: 'T',
  manifest: 'M',
  quote: 'Q',
  invoice: 'INV',
  bill: 'B',
  partner: 'P',
  contact: 'CON',
  address: 'ADDR',
  commodity: 'COM',
  user: 'U',
};

export const RR_ORG_ID = uuidFor('roserocket:org');
export const RR_SERVICE_USER_ID = uuidFor('roserocket:user:service-account');
export const RR_SERVICE_USER_NAME = 'API Service Account';

export type RrBoard = { id: string; name: string; key: string; icon: string | null; objectKey: string; createdAt: string; isExternal: boolean; isHidden: boolean };
export type RrEvent = { id: string; type: string; refId: string; ownerId: string; orgId: string; objectKey: string; createdAt: string; json: JsonObject };
export type RrUserGroup = { id: string; name: string; type: 'local'; description: string };
export type RrMember = { id: string; addedAt: string; addedBy: string };

export type RrStore = {
  clock: SimClock;
  records: Map<string, JsonObject>;
  /** `objectKey` + NUL + `externalId` → record id; external ids are unique per type. */
  external: Map<string, string>;
  sequences: Map<string, number>;
  boards: RrBoard[];
  boardViews: Map<string, JsonObject[]>;
  events: RrEvent[];
  groups: RrUserGroup[];
  members: Map<string, RrMember[]>;
  /** Counts every id the store mints, so new ids are deterministic after a reset. */
  minted: number;
};

export function createRrStore(): RrStore {
  return {
    clock: createClock('2026-03-02T15:00:00.000Z'),
    records: new Map(),
    external: new Map(),
    sequences: new Map(),
    boards: [],
    boardViews: new Map(),
    events: [],
    groups: [],
    members: new Map(),
    minted: 0,
  };
}

export function mintId(input: { store: RrStore; kind: string }): string {
  input.store.minted += 1;
  return uuidFor(`roserocket:${input.kind}:${input.store.minted}`);
}

export function now(store: RrStore): string {
  return isoTimestamp(store.clock.tick());
}

function externalKey(input: { objectKey: string; externalId: string }): string {
  return `${input.objectKey}\u0000${input.externalId}`;
}

function externalIdOf(fields: JsonObject): string | null {
  const value = fields.externalId;
  return typeof value === 'string' && value !== '' ? value : null;
}

function writableFields(json: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(json).filter(([key]) => !SYSTEM_KEYS.has(key)));
}

function claimExternalId(input: { store: RrStore; objectKey: string; externalId: string | null; recordId: string }) {
  if (input.externalId === null) return;
  const key = externalKey({ objectKey: input.objectKey, externalId: input.externalId });
  const owner = input.store.external.get(key);
  if (owner !== undefined && owner !== input.recordId) {
    throw new HttpFailure({ status: 400, message: `externalId ${input.externalId} is already used by another ${input.objectKey}` });
  }
  input.store.external.set(key, input.recordId);
}

export function createRecord(input: { store: RrStore; objectKey: string; json: JsonObject; id?: string; at?: string }): JsonObject {
  const { store, objectKey } = input;
  const id = input.id ?? mintId({ store, kind: 'record' });
  const fields = writableFields(input.json);
  const externalId = externalIdOf(fields);
  claimExternalId({ store, objectKey, externalId, recordId: id });
  const sequence = (store.sequences.get(objectKey) ?? 0) + 1;
  store.sequences.set(objectKey, sequence);
  const at = input.at ?? now(store);
  const record: JsonObject = {
    id,
    objectKey,
    orgId: RR_ORG_ID,
    fullId: `${FULL_ID_PREFIX[objectKey] ?? objectKey.toUpperCase()}-${sequence}`,
    externalId,
    source: 'api',
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: RR_SERVICE_USER_ID,
    updatedBy: RR_SERVICE_USER_ID,
    ...fields,
  };
  store.records.set(id, record);
  return record;
}

/** Merges `json` into the record: only sent fields change, and every update bumps `version`. */
export function updateRecord(input: { store: RrStore; record: JsonObject; json: JsonObject }): JsonObject {
  const { store, record } = input;
  const fields = writableFields(input.json);
  const objectKey = String(record.objectKey);
  if ('externalId' in fields) {
    const next = externalIdOf(fields);
    claimExternalId({ store, objectKey, externalId: next, recordId: String(record.id) });
    const previous = typeof record.externalId === 'string' ? record.externalId : null;
    if (previous !== null && previous !== next) store.external.delete(externalKey({ objectKey, externalId: previous }));
    fields.externalId = next;
  }
  Object.assign(record, fields, { version: Number(record.version ?? 0) + 1, updatedAt: now(store), updatedBy: RR_SERVICE_USER_ID });
  return record;
}

export function findRecord(input: { store: RrStore; id: string }): JsonObject {
  const record = input.store.records.get(input.id);
  if (record === undefined) throw new HttpFailure({ status: 404, message: `Record ${input.id} not found` });
  return record;
}

export function findByExternalId(input: { store: RrStore; objectKey: string; externalId: string }): JsonObject | undefined {
  const id = input.store.external.get(externalKey(input));
  return id === undefined ? undefined : input.store.records.get(id);
}

export function deleteRecord(input: { store: RrStore; record: JsonObject }): JsonObject {
  const { store, record } = input;
  store.records.delete(String(record.id));
  if (typeof record.externalId === 'string') store.external.delete(externalKey({ objectKey: String(record.objectKey), externalId: record.externalId }));
  return record;
}

/** A connection is a reference `{id}` or a list of objects; plain values, money and dates are not. */
function isConnection(value: unknown): boolean {
  if (isObject(value)) return typeof value.id === 'string';
  return Array.isArray(value) && value.length > 0 && value.every((item) => isObject(item));
}

/**
 * What a read returns: without `paths` only top-level non-connection fields (connections are absent,
 * not null); each listed path is included, references expanded into the records they point at.
 */
export function recordView(input: { store: RrStore; record: JsonObject; paths?: readonly string[] }): JsonObject {
  const view: JsonObject = {};
  for (const [key, value] of Object.entries(input.record)) {
    if (!isConnection(value)) view[key] = value;
  }
  const byHead = new Map<string, string[]>();
  for (const path of input.paths ?? []) {
    const [head, ...rest] = path.split('.');
    if (head === undefined || head === '') continue;
    const tails = byHead.get(head) ?? [];
    if (rest.length > 0) tails.push(rest.join('.'));
    byHead.set(head, tails);
  }
  for (const [head, tails] of byHead) {
    if (!(head in input.record)) continue;
    view[head] = expand({ store: input.store, value: input.record[head], paths: tails });
  }
  return view;
}

function expand(input: { store: RrStore; value: unknown; paths: string[] }): unknown {
  const { store, value, paths } = input;
  if (Array.isArray(value)) return value.map((item) => expand({ store, value: item, paths }));
  if (isObject(value) && typeof value.id === 'string') {
    const target = store.records.get(value.id);
    if (target !== undefined) return recordView({ store, record: target, paths });
  }
  return value;
}

export function parsePaths(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value !== 'string' || value === '') return [];
  return value.split(',').map((path) => path.trim()).filter((path) => path !== '');
}

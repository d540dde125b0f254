import { fail, HttpFailure, numberParam, objectBody, ok, stringList, stringParam, type VendorHandlers } from './handler-types.ts';
import { isObject } from './json-pointer.ts';
import { compareByPath, matchesFilter } from './roserocket-search.ts';
import {
  createRecord,
  deleteRecord,
  findByExternalId,
  findRecord,
  mintId,
  now,
  parsePaths,
  recordView,
  RR_ORG_ID,
  RR_SERVICE_USER_ID,
  RR_SERVICE_USER_NAME,
  updateRecord,
  type RrBoard,
  type RrEvent,
  type RrStore,
} from './roserocket-store.ts';
import { seedRoseRocket } from './seed-roserocket.ts';
import type { JsonObject } from './types.ts';

/** Not documented; a page size large enough for any seeded board. */
const DEFAULT_SEARCH_LIMIT = 50;

function jsonOf(body: JsonObject): JsonObject {
  return isObject(body.json) ? body.json : {};
}

function findBoard(input: { store: RrStore; id: string; status: number }): RrBoard {
  const board = input.store.boards.find((candidate) => candidate.id === input.id);
  if (board === undefined) throw new HttpFailure({ status: input.status, message: `Board ${input.id} not found` });
  return board;
}

function requireSameType(input: { record: JsonObject; objectKey: string }) {
  if (input.record.objectKey !== input.objectKey) {
    throw new HttpFailure({ status: 400, message: `Record ${String(input.record.id)} is a ${String(input.record.objectKey)}, not a ${input.objectKey}` });
  }
}

function orderEvents(input: { events: RrEvent[]; orderBy: string; direction: 'asc' | 'desc' }): RrEvent[] {
  const key = input.orderBy as keyof RrEvent;
  const sign = input.direction === 'asc' ? 1 : -1;
  return [...input.events].sort((a, b) => {
    const left = String(a[key]);
    const right = String(b[key]);
    if (left === right) return a.id < b.id ? -sign : sign;
    return left < right ? -sign : sign;
  });
}

export function createRoseRocketHandlers(): VendorHandlers {
  const store = seedRoseRocket();

  const upsertExternal = (made: { objectKey: string; externalId: string; json: JsonObject }) => {
    const existing = findByExternalId({ store, objectKey: made.objectKey, externalId: made.externalId });
    if (existing !== undefined) return { record: updateRecord({ store, record: existing, json: made.json }), created: false };
    return { record: createRecord({ store, objectKey: made.objectKey, json: { ...made.json, externalId: made.externalId } }), created: true };
  };

  const requireExternal = (made: { objectKey: string; externalId: string }) => {
    const record = findByExternalId({ store, ...made });
    if (record === undefined) throw new HttpFailure({ status: 404, message: `No ${made.objectKey} with externalId ${made.externalId}` });
    return record;
  };

  return {
    'POST /objects/search': ({ body }) => {
      const request = objectBody(body);
      const board = findBoard({ store, id: stringParam(request.boardId), status: 400 });
      const filters = Array.isArray(request.filters) ? request.filters.filter(isObject) : [];
      const anyOf = request.filtersOperator === 'or';
      let matches = [...store.records.values()].filter((record) => record.objectKey === board.objectKey);
      if (filters.length > 0) {
        matches = matches.filter((record) => (anyOf ? filters.some((filter) => matchesFilter({ record, filter })) : filters.every((filter) => matchesFilter({ record, filter }))));
      }
      const direction = request.orderByDirection === 'desc' ? 'desc' : 'asc';
      matches.sort(compareByPath({ path: typeof request.orderByPath === 'string' ? request.orderByPath : 'createdAt', direction }));
      const limit = numberParam({ value: request.limit, fallback: DEFAULT_SEARCH_LIMIT });
      return ok({ body: { total: matches.length, results: matches.slice(0, limit).map((record) => recordView({ store, record })) } });
    },

    'GET /objects/{objectKey}/{externalId}/external': ({ params }) => {
      const record = requireExternal({ objectKey: stringParam(params.objectKey), externalId: stringParam(params.externalId) });
      return ok({ body: recordView({ store, record }) });
    },
    'PATCH /objects/{objectKey}/{externalId}/external': ({ params, body }) => {
      const request = objectBody(body);
      const objectKey = stringParam(params.objectKey);
      if (request.objectKey !== objectKey) return fail({ status: 400, message: `objectKey in the body (${String(request.objectKey)}) must match the path (${objectKey})` });
      const { record } = upsertExternal({ objectKey, externalId: stringParam(params.externalId), json: jsonOf(request) });
      return ok({ body: recordView({ store, record, paths: parsePaths(request.paths) }) });
    },
    'DELETE /objects/{objectKey}/{externalId}/external': ({ params }) => {
      const record = requireExternal({ objectKey: stringParam(params.objectKey), externalId: stringParam(params.externalId) });
      return ok({ body: recordView({ store, record: deleteRecord({ store, record }) }) });
    },

    'GET /events': ({ query }) => {
      const recordId = stringParam(query.recordId);
      let events = store.events.filter((event) => event.refId === recordId && event.objectKey === query.objectKey);
      if (typeof query.type === 'string') events = events.filter((event) => event.type === query.type);
      const inTypes = stringList(query.inTypes);
      if (inTypes.length > 0) events = events.filter((event) => inTypes.includes(event.type));
      const notInTypes = stringList(query.notInTypes);
      events = events.filter((event) => !notInTypes.includes(event.type));
      if (typeof query.userId === 'string') events = events.filter((event) => event.ownerId === query.userId);
      // Newest first unless asked otherwise: an activity feed is read from the latest change.
      events = orderEvents({ events, orderBy: typeof query.orderBy === 'string' ? query.orderBy : 'createdAt', direction: query.orderByDirection === 'asc' ? 'asc' : 'desc' });
      const total = events.length;
      if (typeof query.bookmark === 'string') {
        const at = events.findIndex((event) => event.id === query.bookmark);
        events = at === -1 ? [] : events.slice(at + 1);
      }
      const offset = numberParam({ value: query.offset, fallback: 0 });
      const limit = numberParam({ value: query.limit, fallback: 200 });
      return ok({ body: { total, results: events.slice(offset, offset + limit) } });
    },
    'POST /events': ({ body }) => {
      const request = objectBody(body);
      const record = store.records.get(stringParam(request.recordId));
      if (record === undefined) return fail({ status: 400, message: `recordId ${String(request.recordId)} does not match a record` });
      findBoard({ store, id: stringParam(request.boardId), status: 400 });
      const event: RrEvent = {
        id: mintId({ store, kind: 'event' }),
        type: stringParam(request.type),
        refId: String(record.id),
        ownerId: RR_SERVICE_USER_ID,
        orgId: RR_ORG_ID,
        objectKey: String(record.objectKey),
        createdAt: now(store),
        json: isObject(request.json) ? request.json : {},
      };
      store.events.push(event);
      return ok({ body: event });
    },

    // Published contract: the inputs are a JSON body on this GET. The query is never read, so a client
    // that pages by query gets the first page again and again, as the real server would give it.
    'GET /boards/nav': ({ body }) => {
      const request = objectBody(body);
      let boards = store.boards.filter((board) => !board.isHidden);
      if (typeof request.objectKey === 'string') boards = boards.filter((board) => board.objectKey === request.objectKey);
      if (request.orderByDirection === 'desc') boards = [...boards].reverse();
      const offset = numberParam({ value: request.offset, fallback: 0 });
      const limit = numberParam({ value: request.limit, fallback: boards.length });
      const page = boards.slice(offset, offset + limit);
      return ok({ body: page.map(({ id, name, icon, objectKey, createdAt, isExternal }) => ({ id, name, icon, objectKey, createdAt, isExternal })) });
    },
    'GET /boards/admin/all': () =>
      ok({
        body: store.boards.map((board) => ({
          id: board.id,
          key: board.key,
          labelId: `board.${board.key}`,
          icon: board.icon,
          objectKey: board.objectKey,
          objectLabel: board.name,
          isExternal: board.isExternal,
          isHidden: board.isHidden,
          createdAt: board.createdAt,
        })),
      }),
    'GET /boards/{boardId}/views': ({ params }) => {
      const board = findBoard({ store, id: stringParam(params.boardId), status: 404 });
      return ok({ body: store.boardViews.get(board.id) ?? [] });
    },
    'POST /boards/{boardId}/views': ({ params, body }) => {
      const board = findBoard({ store, id: stringParam(params.boardId), status: 404 });
      const views = store.boardViews.get(board.id) ?? [];
      const view = { ...objectBody(body), id: mintId({ store, kind: 'view' }), ordinal: views.length + 1 };
      store.boardViews.set(board.id, [...views, view]);
      return ok({ body: view });
    },
    'PUT /boards/{boardId}/views/{viewId}': ({ params, body }) => {
      const board = findBoard({ store, id: stringParam(params.boardId), status: 404 });
      const views = store.boardViews.get(board.id) ?? [];
      const index = views.findIndex((view) => view.id === params.viewId);
      if (index === -1) return fail({ status: 404, message: `View ${stringParam(params.viewId)} not found` });
      const current = views[index] ?? {};
      const replaced = { ...objectBody(body), id: current.id, ordinal: current.ordinal };
      views[index] = replaced;
      return ok({ body: replaced });
    },
    'PATCH /boards/{boardId}/views/{viewId}': ({ params, body }) => {
      const board = findBoard({ store, id: stringParam(params.boardId), status: 404 });
      const view = (store.boardViews.get(board.id) ?? []).find((candidate) => candidate.id === params.viewId);
      if (view === undefined) return fail({ status: 404, message: `View ${stringParam(params.viewId)} not found` });
      Object.assign(view, objectBody(body), { id: view.id, ordinal: view.ordinal });
      return ok({ body: view });
    },
    'DELETE /boards/{boardId}/views/{viewId}': ({ params }) => {
      const board = findBoard({ store, id: stringParam(params.boardId), status: 404 });
      const views = store.boardViews.get(board.id) ?? [];
      if (!views.some((view) => view.id === params.viewId)) return fail({ status: 404, message: `View ${stringParam(params.viewId)} not found` });
      store.boardViews.set(board.id, views.filter((view) => view.id !== params.viewId));
      return ok({ status: 204 });
    },

    'GET /userGroups': () => ok({ body: store.groups }),
    'POST /userGroups': ({ body }) => {
      const request = objectBody(body);
      const name = stringParam(request.name);
      if (store.groups.some((group) => group.name.toLowerCase() === name.toLowerCase())) return fail({ status: 409, message: 'Group name is already in use.' });
      const group = { id: mintId({ store, kind: 'group' }), name, type: 'local' as const, description: typeof request.description === 'string' ? request.description : '' };
      store.groups.push(group);
      store.members.set(group.id, []);
      return ok({ body: group });
    },
    'POST /userGroups/search': ({ body }) => {
      const request = objectBody(body);
      let groups = store.groups;
      if (typeof request.name === 'string') {
        const wanted = request.name.toLowerCase();
        groups = groups.filter((group) => group.name.toLowerCase().includes(wanted));
      }
      const ids = stringList(request.ids);
      if (ids.length > 0) groups = groups.filter((group) => ids.includes(group.id));
      const offset = numberParam({ value: request.offset, fallback: 0 });
      const limit = numberParam({ value: request.limit, fallback: DEFAULT_SEARCH_LIMIT });
      return ok({ body: { total: groups.length, results: groups.slice(offset, offset + limit) } });
    },
    'GET /userGroups/{groupId}/members': ({ params }) => {
      const members = store.members.get(stringParam(params.groupId));
      if (members === undefined) return fail({ status: 404, message: `User group ${stringParam(params.groupId)} not found` });
      return ok({ body: { members } });
    },
    'POST /userGroups/{groupId}/members': ({ params, body }) => {
      const groupId = stringParam(params.groupId);
      const members = store.members.get(groupId);
      if (members === undefined) return fail({ status: 404, message: `User group ${groupId} not found` });
      const request = objectBody(body);
      const remove = new Set(stringList(request.remove));
      // Removal wins: an id in both lists is never added, and is removed if it was a member.
      const add = [...new Set(stringList(request.add))].filter((id) => !remove.has(id) && !members.some((member) => member.id === id));
      const kept = members.filter((member) => !remove.has(member.id));
      const removed = members.length - kept.length;
      const addedAt = add.length > 0 ? now(store) : '';
      store.members.set(groupId, [...kept, ...add.map((id) => ({ id, addedAt, addedBy: RR_SERVICE_USER_NAME }))]);
      return ok({ body: { added: add.length, removed } });
    },

    'GET /objects/{recordId}': ({ params, query }) => {
      const record = findRecord({ store, id: stringParam(params.recordId) });
      return ok({ body: recordView({ store, record, paths: parsePaths(query.paths) }) });
    },
    'PUT /objects/{recordId}': ({ params, body }) => {
      const request = objectBody(body);
      const record = findRecord({ store, id: stringParam(params.recordId) });
      requireSameType({ record, objectKey: stringParam(request.objectKey) });
      const updated = updateRecord({ store, record, json: jsonOf(request) });
      return ok({ body: recordView({ store, record: updated, paths: parsePaths(request.paths) }) });
    },
    'DELETE /objects/{recordId}': ({ params }) => {
      const record = findRecord({ store, id: stringParam(params.recordId) });
      return ok({ body: recordView({ store, record: deleteRecord({ store, record }) }) });
    },
    'POST /objects': ({ body }) => {
      const request = objectBody(body);
      const record = createRecord({ store, objectKey: stringParam(request.objectKey), json: jsonOf(request) });
      return ok({ body: recordView({ store, record, paths: parsePaths(request.paths) }) });
    },
    'PATCH /objects': ({ body }) => {
      const request = objectBody(body);
      const json = jsonOf(request);
      const { record, created } = upsertExternal({ objectKey: stringParam(request.objectKey), externalId: stringParam(json.externalId), json });
      return ok({ status: created ? 201 : 200, body: recordView({ store, record, paths: parsePaths(request.paths) }) });
    },
    'POST /objects/bulk_delete': ({ body }) => {
      const request = objectBody(body);
      if (typeof request.boardId === 'string') findBoard({ store, id: request.boardId, status: 400 });
      // Like the vendor: no per-id outcome, unknown or other-type ids are skipped silently.
      for (const id of stringList(request.ids)) {
        const record = store.records.get(id);
        if (record !== undefined && record.objectKey === request.objectKey) deleteRecord({ store, record });
      }
      return ok({ status: 204 });
    },
    'GET /objects/autocomplete': ({ query }) => {
      const objectKey = stringParam(query.objectKey);
      const labelPath = typeof query.labelPath === 'string' ? query.labelPath : undefined;
      const term = typeof query.searchTerm === 'string' ? query.searchTerm.toLowerCase() : '';
      const ids = typeof query.ids === 'string' && query.ids !== '' ? query.ids.split(',').map((id) => id.trim()) : [];
      const labelOf = (record: JsonObject): string => {
        const candidates = labelPath !== undefined ? [record[labelPath]] : [record.name, record.fullId, record.externalId, [record.firstName, record.lastName].filter(Boolean).join(' ')];
        return candidates.filter((value): value is string => typeof value === 'string').join(' ').toLowerCase();
      };
      const hits = [...store.records.values()].filter(
        (record) => record.objectKey === objectKey && (ids.length === 0 || ids.includes(String(record.id))) && labelOf(record).includes(term),
      );
      // Published contract: one JSONRecord, the match, not a list.
      const [hit] = hits;
      if (hit === undefined) return fail({ status: 404, message: `No ${objectKey} matches ${JSON.stringify(term)}` });
      return ok({ body: recordView({ store, record: hit }) });
    },
  };
}

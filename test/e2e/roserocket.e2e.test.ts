import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RR_IDS } from '../../scripts/simulator/seed-roserocket.ts';
import { startStack, wire, type McpStack } from '../../scripts/shared/mcp-stack.ts';

const ORDER = 'L-4599';

describe('Rose Rocket: SDK client → generated server (stdio) → simulator', () => {
  let stack: McpStack;
  const seen: Record<string, string> = { board: RR_IDS.ordersBoard };
  beforeAll(async () => {
    stack = await startStack('roserocket');
  });
  afterAll(async () => stack?.close());

  // Needs the runtime to send a body on GET (branch i20rt changes http-request.ts); fetch refuses one.
  it('list_all_roserocket_boards → GET /boards/nav with offset and limit in a JSON body, none in the query', async () => {
    const { result, requests } = await stack.call('list_all_roserocket_boards', { object_key: 'order', limit: 10 });
    expect(requests.map(wire)).toStrictEqual([{ method: 'GET', path: '/boards/nav', query: {}, body: { objectKey: 'order', offset: 0, limit: 10 }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    expect(requests[0]!.headers['authorization']).toBe(`Bearer ${stack.token}`);
    const boards = result.structuredContent!['items'] as { id: string; objectKey: string }[];
    expect(boards.map((b) => b.id)).toStrictEqual([RR_IDS.ordersBoard]);
  });

  it('get_single_roserocket_objects_external_by_id → GET /objects/order/L-4599/external', async () => {
    const { result, requests } = await stack.call('get_single_roserocket_objects_external_by_id', { object_key: 'order', external_id: ORDER });
    expect(requests.map(wire)).toStrictEqual([{ method: 'GET', path: `/objects/order/${ORDER}/external`, query: {}, body: undefined, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    expect(result.structuredContent!['externalId']).toBe(ORDER);
    seen['order'] = String(result.structuredContent!['id']);
  });

  it('list_all_roserocket_objects → POST /objects/search with the board UUID', async () => {
    const { requests, result } = await stack.call('list_all_roserocket_objects', { board_id: seen['board'], limit: 2 });
    expect(requests.map(wire)).toStrictEqual([{ method: 'POST', path: '/objects/search', query: {}, body: { boardId: seen['board'], limit: 2 }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    expect(result.isError).toBeUndefined();
  });

  it('list_all_roserocket_events → GET /events with recordId and objectKey in the query', async () => {
    const { requests } = await stack.call('list_all_roserocket_events', { record_id: seen['order'], object_key: 'order', in_types: ['create', 'mutate'], limit: 50 });
    expect(requests.map(wire)).toStrictEqual([
      { method: 'GET', path: '/events', query: { recordId: seen['order'], objectKey: 'order', inTypes: ['create', 'mutate'], limit: '50', offset: '0' }, body: undefined, auth: `Bearer ${stack.token}`, valid: true, errors: [] },
    ]);
  });

  it('create_a_roserocket_event → POST /events with all four required fields', async () => {
    const json = { kind: 'delay', reason: 'Weather', minutes: 90 };
    const { requests, result } = await stack.call('create_a_roserocket_event', { record_id: seen['order'], board_id: seen['board'], type: 'internal', json });
    expect(requests.map(wire)).toStrictEqual([{ method: 'POST', path: '/events', query: {}, body: { recordId: seen['order'], boardId: seen['board'], type: 'internal', json }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    expect(result.isError).toBeUndefined();
  });

  it('update_a_roserocket_objects_external_by_id → PATCH with objectKey in path and body', async () => {
    const json = { notes: 'Delayed 90 min by weather' };
    const { requests } = await stack.call('update_a_roserocket_objects_external_by_id', { object_key: 'order', external_id: ORDER, json });
    expect(requests.map(wire)).toStrictEqual([{ method: 'PATCH', path: `/objects/order/${ORDER}/external`, query: {}, body: { objectKey: 'order', json }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
  });

  it('list_all_roserocket_user_groups → GET /userGroups', async () => {
    const { requests, result } = await stack.call('list_all_roserocket_user_groups', {});
    expect(requests.map(wire)).toStrictEqual([{ method: 'GET', path: '/userGroups', query: {}, body: undefined, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    seen['group'] = (result.structuredContent!['items'] as { id: string; name: string }[]).find((g) => g.name === 'Hazardous Materials Handlers')!.id;
  });

  it('roserocket_user_groups_search → POST /userGroups/search', async () => {
    const { requests, result } = await stack.call('roserocket_user_groups_search', { name: 'Hazardous', limit: 5 });
    expect(requests.map(wire)).toStrictEqual([{ method: 'POST', path: '/userGroups/search', query: {}, body: { name: 'Hazardous', limit: 5, offset: 0 }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    expect((result.structuredContent!['items'] as unknown[]).length).toBe(1);
  });

  it('list_all_roserocket_user_group_members → GET /userGroups/{groupId}/members', async () => {
    const { requests, result } = await stack.call('list_all_roserocket_user_group_members', { group_id: seen['group'] });
    expect(requests.map(wire)).toStrictEqual([{ method: 'GET', path: `/userGroups/${seen['group']}/members`, query: {}, body: undefined, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    seen['member'] = (result.structuredContent!['members'] as { id: string }[])[0]!.id;
  });

  it('update_a_roserocket_user_group_member_by_id → POST /userGroups/{groupId}/members', async () => {
    const { requests, result } = await stack.call('update_a_roserocket_user_group_member_by_id', { group_id: seen['group'], remove: [seen['member']] });
    expect(requests.map(wire)).toStrictEqual([{ method: 'POST', path: `/userGroups/${seen['group']}/members`, query: {}, body: { remove: [seen['member']] }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    expect(result.structuredContent).toStrictEqual({ added: 0, removed: 1 });
  });

  it('refuses an unknown argument with zero vendor requests', async () => {
    const { requests, result } = await stack.call('list_all_roserocket_user_groups', { surprise: true });
    expect(requests).toStrictEqual([]);
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('Unrecognized key: \\"surprise\\"');
  });
});

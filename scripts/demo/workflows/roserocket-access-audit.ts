import { items } from '../result-fields.ts';
import type { Workflow } from '../workflow-types.ts';

const GROUP = 'Hazardous Materials Handlers';

type Member = { id: string; addedAt: string; addedBy: string };

function members(value: unknown): Member[] {
  return Array.isArray(value) ? (value as Member[]) : [];
}

export const roseRocketAccessAudit: Workflow = {
  vendor: 'roserocket',
  title: 'Rose Rocket · access audit',
  story: `Compliance asks who may move placarded loads: the members of "${GROUP}".`,
  steps: [
    {
      title: 'List the user groups',
      tool: 'list_all_roserocket_user_groups',
      args: () => ({}),
      expect: () => ({ requests: [{ method: 'GET', path: '/userGroups' }], result: { structured: { items: [{ name: GROUP }, { name: 'Dispatch' }, { name: 'Billing' }] } } }),
      save: ({ structured }) => ({ group: items(structured).find((group) => group['name'] === GROUP)?.['id'] }),
      view: ({ structured }) => `${items(structured).length} groups: ${items(structured).map((group) => group['name']).join(', ')} → picked "${GROUP}"`,
    },
    {
      title: 'List its members',
      tool: 'list_all_roserocket_user_group_members',
      args: (c) => ({ group_id: c['group'] }),
      expect: (c) => ({ requests: [{ method: 'GET', path: `/userGroups/${c['group']}/members` }], result: { holds: { says: 'three members', test: (s) => members(s['members']).length === 3 } } }),
      save: ({ structured }) => ({ members: structured['members'] }),
      view: ({ structured }) => `${members(structured['members']).length} members, as user ids; the vendor gives no names here`,
    },
    {
      title: 'Look up the first member by id (autocomplete answers one record, as published)',
      tool: 'roserocket_objects_autocomplete',
      args: (c) => ({ object_key: 'user', ids: members(c['members'])[0]?.id }),
      expect: (c) => ({
        requests: [{ method: 'GET', path: '/objects/autocomplete', query: { objectKey: 'user', ids: members(c['members'])[0]?.id ?? '' } }],
        result: { structured: { firstName: 'Priya' } },
      }),
      view: ({ structured }, c) => {
        const users = new Map([[structured['id'], structured]]);
        const rows = members(c['members']).map((member) => {
          const user = users.get(member.id);
          return [`${user?.['firstName'] ?? '?'} ${user?.['lastName'] ?? ''}`.trim(), String(user?.['email'] ?? ''), member.addedAt.slice(0, 10), member.addedBy];
        });
        return { line: `members of "${GROUP}"`, table: [['name', 'email', 'added', 'added by'], ...rows] };
      },
    },
    {
      title: 'Add and remove the same user in one call (the conflict guard)',
      tool: 'update_a_roserocket_user_group_member_by_id',
      args: (c) => ({ group_id: c['group'], add: [members(c['members'])[2]?.id], remove: [members(c['members'])[2]?.id] }),
      expect: (c) => ({ requests: [], result: { isError: true, text: `Refused: ${JSON.stringify([members(c['members'])[2]?.id])} appear in both "add" and "remove".` } }),
      view: ({ text }) => text,
    },
  ],
};

import { describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { SAME_FIELDS } from '../../templates/runtime/same-fields.ts';
import { emptyScopeReason, toolsInScope, unknownScopeNames, type ToolScope } from '../../templates/runtime/tool-scope.ts';
import { tool } from './support.ts';

function scoped(input: { readonly name: string; readonly methodClass: ToolDefinition['methodClass']; readonly method: string; readonly tags: readonly string[]; readonly readOnly: boolean }): ToolDefinition {
  const base = tool({ name: input.name, http: { method: 'GET', path: '/x', args: {} } });
  return { ...base, methodClass: input.methodClass, method: input.method, tags: input.tags, annotations: { ...base.annotations, readOnlyHint: input.readOnly } };
}

const TOOLS = [
  scoped({ name: 'list_orders', methodClass: 'read', method: 'list', tags: ['orders'], readOnly: true }),
  scoped({ name: 'get_order', methodClass: 'read', method: 'get', tags: ['orders'], readOnly: true }),
  scoped({ name: 'update_order', methodClass: 'write', method: 'update', tags: ['orders'], readOnly: false }),
  scoped({ name: 'delete_customer', methodClass: 'write', method: 'delete', tags: ['customers'], readOnly: false }),
  scoped({ name: 'archive_order', methodClass: 'custom', method: 'archive', tags: ['orders', 'archive'], readOnly: false }),
  scoped({ name: 'search_everything', methodClass: 'custom', method: 'search', tags: [], readOnly: true }),
];

describe('toolsInScope with a shape listed once', () => {
  const address = { type: 'object', properties: { city: { type: 'string' } } };
  const create = { ...scoped({ name: 'create_order', methodClass: 'write', method: 'create', tags: ['orders'], readOnly: false }), inputSchema: { type: 'object', properties: { ship_to: address } } };
  const reference = { type: 'object', description: 'Same fields as ship_to of create_order.' };
  const list = { ...scoped({ name: 'list_orders', methodClass: 'read', method: 'list', tags: ['orders'], readOnly: true }), inputSchema: { type: 'object', properties: { near: reference } }, _meta: { [SAME_FIELDS]: { near: { tool: 'create_order', property: 'ship_to' } } } };

  it('keeps the reference while the tool it names is listed too', () => {
    expect(toolsInScope({ tools: [create, list], scopes: [{}] })[1]).toBe(list);
  });

  it('lists the whole shape once the scope leaves that tool out', () => {
    const [only] = toolsInScope({ tools: [create, list], scopes: [{ readOnly: true }] });
    expect(only!.inputSchema).toStrictEqual({ type: 'object', properties: { near: address } });
    expect(only!._meta).toStrictEqual({});
  });
});

describe('toolsInScope', () => {
  it.each<{ readonly name: string; readonly given: readonly ToolScope[]; readonly want: readonly string[] }>([
    { name: 'no filter allows all', given: [{}], want: TOOLS.map((t) => t.name) },
    { name: 'no scopes at all allows all', given: [], want: TOOLS.map((t) => t.name) },
    { name: 'a method class', given: [{ methods: ['read'] }], want: ['list_orders', 'get_order'] },
    { name: 'two classes', given: [{ methods: ['write', 'custom'] }], want: ['update_order', 'delete_customer', 'archive_order', 'search_everything'] },
    { name: 'exact methods', given: [{ methods: ['list', 'archive'] }], want: ['list_orders', 'archive_order'] },
    { name: 'a class and an exact method', given: [{ methods: ['read', 'delete'] }], want: ['list_orders', 'get_order', 'delete_customer'] },
    { name: 'a tag', given: [{ tags: ['customers'] }], want: ['delete_customer'] },
    { name: 'any of the tags', given: [{ tags: ['archive', 'customers'] }], want: ['delete_customer', 'archive_order'] },
    { name: 'methods AND tags', given: [{ methods: ['write'], tags: ['orders'] }], want: ['update_order'] },
    { name: 'an allow-list', given: [{ tools: ['get_order', 'delete_customer'] }], want: ['get_order', 'delete_customer'] },
    { name: 'read-only follows the annotation, not the class', given: [{ readOnly: true }], want: ['list_orders', 'get_order', 'search_everything'] },
    { name: 'read-only wins over an allow-list', given: [{ tools: ['update_order', 'get_order'], readOnly: true }], want: ['get_order'] },
    { name: 'server and token scopes intersect', given: [{ tags: ['orders'] }, { methods: ['read', 'custom'] }], want: ['list_orders', 'get_order', 'archive_order'] },
    { name: 'a token cannot widen the server', given: [{ methods: ['read'] }, { methods: ['write'] }], want: [] },
    { name: 'matching is exact (case)', given: [{ methods: ['READ'] }], want: [] },
  ])('$name', ({ given, want }) => expect(toolsInScope({ tools: TOOLS, scopes: given }).map((t) => t.name)).toStrictEqual(want));
});

describe('unknownScopeNames', () => {
  it.each<{ readonly given: ToolScope; readonly want: readonly string[] }>([
    { given: { methods: ['read', 'archive'], tags: ['orders'], tools: ['get_order'] }, want: [] },
    {
      given: { methods: ['raed'], tags: ['order'], tools: ['get_orders'] },
      want: [
        'unknown method "raed" (known: archive, custom, delete, get, list, read, search, update, write)',
        'unknown tag "order" (known: archive, customers, orders)',
        'unknown tool "get_orders"',
      ],
    },
  ])('$given', ({ given, want }) => expect(unknownScopeNames({ tools: TOOLS, scope: given })).toStrictEqual(want));
});

describe('emptyScopeReason', () => {
  it.each<{ readonly given: readonly { readonly scope: ToolScope; readonly label: string }[]; readonly want: string }>([
    { given: [{ scope: { methods: ['write'], readOnly: true }, label: '--' }], want: 'No tool is in scope: --methods write matches 2; --read-only matches 3 of 6 tools, and together they match none.' },
    { given: [{ scope: { tags: ['customers'] }, label: '--' }, { scope: { tools: ['get_order'] }, label: 'token ' }], want: 'No tool is in scope: --tags customers matches 1; token tools get_order matches 1 of 6 tools, and together they match none.' },
    {
      given: [{ scope: { methods: ['write', 'delete'], tags: ['customers', 'archive'] }, label: '--' }, { scope: { tools: ['get_order', 'list_orders'] }, label: 'token ' }],
      want: 'No tool is in scope: --methods write,delete matches 2; --tags customers,archive matches 2; token tools get_order,list_orders matches 2 of 6 tools, and together they match none.',
    },
  ])('$want', ({ given, want }) => expect(emptyScopeReason({ tools: TOOLS, scopes: given })).toStrictEqual(want));
});

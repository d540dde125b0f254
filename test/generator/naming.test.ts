import { describe, expect, it } from 'vitest';
import { argumentName, envPrefixProblem, fitToolName, identifierFor, isValidToolName, pathProblem, singular, slugProblem, snakeCase, toolName } from '../../generator/ir/naming.ts';

describe('snakeCase', () => {
  it.each([
    { given: 'eDesk', want: 'e_desk' },
    { given: 'Roserocket', want: 'roserocket' },
    { given: 'objectKey', want: 'object_key' },
    { given: 'itemsPerPage', want: 'items_per_page' },
    { given: 'X-Request-ID', want: 'x_request_id' },
    { given: 'HTTPServer', want: 'http_server' },
    { given: 'filter_created_at_gte', want: 'filter_created_at_gte' },
    { given: 'sales-orders', want: 'sales_orders' },
    { given: '  spaced  out ', want: 'spaced_out' },
  ])('$given → $want', ({ given, want }) => expect(snakeCase(given)).toBe(want));
});

describe('toolName follows the list_all / get_single / create_a / update_a / delete_a convention', () => {
  it.each([
    { given: { vendor: 'Roserocket', resource: 'objects', method: 'list' }, want: 'list_all_roserocket_objects' },
    { given: { vendor: 'Roserocket', resource: 'objects_external', method: 'get' }, want: 'get_single_roserocket_objects_external_by_id' },
    { given: { vendor: 'Roserocket', resource: 'event', method: 'create' }, want: 'create_a_roserocket_event' },
    { given: { vendor: 'Roserocket', resource: 'user_group_member', method: 'update' }, want: 'update_a_roserocket_user_group_member_by_id' },
    { given: { vendor: 'Roserocket', resource: 'user_groups', method: 'search' }, want: 'roserocket_user_groups_search' },
    { given: { vendor: 'Malomo', resource: 'order', method: 'delete' }, want: 'delete_a_malomo_order_by_id' },
    { given: { vendor: 'eDesk', resource: 'tickets', method: 'list' }, want: 'list_all_e_desk_tickets' },
    { given: { vendor: 'eDesk', resource: 'user', method: 'whoami' }, want: 'e_desk_user_whoami' },
  ])('$want', ({ given, want }) => expect(toolName(given)).toBe(want));
});

describe('tool name limits', () => {
  it.each([
    { given: 'list_all_malomo_orders', want: true },
    { given: 'a'.repeat(64), want: true },
    { given: 'a'.repeat(65), want: false },
    { given: 'has space', want: false },
    { given: 'dotted.name', want: false },
    { given: '', want: false },
  ])('isValidToolName($given) is $want', ({ given, want }) => expect(isValidToolName(given)).toBe(want));

  it('keeps short names as they are', () => expect(fitToolName('list_all_github_repos')).toBe('list_all_github_repos'));

  it('cuts long names to 64 characters with a stable hash suffix', () => {
    const long = `list_all_github_${'very_long_resource_segment_'.repeat(4)}`;
    const fitted = fitToolName(long);
    expect(fitted).toHaveLength(64);
    expect(fitted).toBe(fitToolName(long));
    expect(fitted).toMatch(/^list_all_github_very_long_resource_segment_very_long_re_[0-9a-f]{8}$/);
    expect(fitToolName(`${long}x`)).not.toBe(fitted);
  });
});

describe('identifiers and arguments', () => {
  it.each([
    { given: 'list_all_malomo_orders', want: 'listAllMalomoOrders' },
    { given: 'get_single_e_desk_ticket_by_id', want: 'getSingleEDeskTicketById' },
    { given: 'delete', want: 'deleteTool' },
    { given: '3d_models', want: 'tool3dModels' },
    { given: 'foo-bar', want: 'fooBar' },
  ])('identifierFor($given) = $want', ({ given, want }) => expect(identifierFor(given)).toBe(want));

  it.each([
    { given: 'objectKey', want: 'object_key' },
    { given: '$filter', want: 'filter' },
    { given: '---', want: 'value' },
  ])('argumentName($given) = $want', ({ given, want }) => expect(argumentName(given)).toBe(want));

  it.each([
    { given: 'pets', want: 'pet' },
    { given: 'categories', want: 'category' },
    { given: 'addresses', want: 'address' },
    { given: 'status', want: 'status' },
    { given: 'boxes', want: 'box' },
  ])('singular($given) = $want', ({ given, want }) => expect(singular(given)).toBe(want));
});

describe('names that reach folders, env variables and the regenerate line are refused, never cleaned', () => {
  it.each([
    { given: 'github', want: undefined },
    { given: 'GitHub', want: undefined },
    { given: 'acme-crm_v2.api', want: undefined },
    { given: 'a', want: undefined },
    { given: '', want: 'is empty' },
    { given: 'acme\nexport const x = 1', want: 'contains a control character (a newline, tab or similar)' },
    { given: 'acme\r', want: 'contains a control character (a newline, tab or similar)' },
    { given: 'a\u2028b', want: 'contains a control character (a newline, tab or similar)' },
    { given: '../victim', want: 'contains a path separator (/ or \\)' },
    { given: 'a\\b', want: 'contains a path separator (/ or \\)' },
    { given: '.', want: 'is or contains a relative path step (. or ..)' },
    { given: '..', want: 'is or contains a relative path step (. or ..)' },
    { given: 'a..b', want: 'is or contains a relative path step (. or ..)' },
    ...[';', '&', '|', '$', '`', '<', '>', '(', ')', '*', '?', '!', "'", '"', '#', ' '].map((c) => ({ given: `a${c}b`, want: 'contains whitespace or a shell metacharacter' })),
    { given: '-rf', want: 'is not letters and digits, optionally joined by single -, _ or .' },
    { given: 'a-', want: 'is not letters and digits, optionally joined by single -, _ or .' },
    { given: 'café', want: 'is not letters and digits, optionally joined by single -, _ or .' },
  ])('slug $given → $want', ({ given, want }) => expect(slugProblem(given)).toBe(want));

  it.each([
    { given: 'ACME', want: undefined },
    { given: 'ACME_CRM2', want: undefined },
    { given: 'acme', want: 'is not upper-case letters, digits and _, starting with a letter' },
    { given: '2ACME', want: 'is not upper-case letters, digits and _, starting with a letter' },
    { given: 'ACME\nX', want: 'contains a control character (a newline, tab or similar)' },
    { given: 'ACME$X', want: 'contains whitespace or a shell metacharacter' },
  ])('env prefix $given → $want', ({ given, want }) => expect(envPrefixProblem(given)).toBe(want));

  it.each([
    { given: '/tmp/my api/out', want: undefined },
    { given: '/tmp/out\n// injected', want: 'contains a control character (a newline, tab or similar)' },
  ])('path $given → $want', ({ given, want }) => expect(pathProblem(given)).toBe(want));
});

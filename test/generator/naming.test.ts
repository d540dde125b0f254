import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import {
  argumentName,
  baseUrlEnvName,
  DISCOVERY_TOOL_NAMES,
  binNameFor,
  envPrefixFor,
  envPrefixProblem,
  fitToolName,
  identifierFor,
  isReservedArgumentName,
  imageNameFor,
  isStandardMethod,
  isValidPromptName,
  isValidToolName,
  locatedArgumentName,
  packageNameFor,
  packageSlug,
  pathProblem,
  plural,
  registryNameFor,
  singular,
  slugProblem,
  snakeCase,
  splitResource,
  titleFromName,
  toolFileName,
  toolIdentifiers,
  toolName,
  variantSchemaToolIdentifier,
  variantSchemaToolName,
  variantModuleName,
  variantsIdentifier,
} from '../../generator/ir/naming.ts';

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
    { given: 'ACMEa', want: 'is not upper-case letters, digits and _, starting with a letter' },
    { given: 'ACME-X', want: 'is not upper-case letters, digits and _, starting with a letter' },
    { given: 'ACME\nX', want: 'contains a control character (a newline, tab or similar)' },
    { given: 'ACME$X', want: 'contains whitespace or a shell metacharacter' },
  ])('env prefix $given → $want', ({ given, want }) => expect(envPrefixProblem(given)).toBe(want));

  it.each([
    { given: '/tmp/my api/out', want: undefined },
    { given: '/tmp/out\n// injected', want: 'contains a control character (a newline, tab or similar)' },
  ])('path $given → $want', ({ given, want }) => expect(pathProblem(given)).toBe(want));
});

describe('the other names: packages, files, identifiers, titles, variants', () => {
  it('snake case keeps digits with their word and trims separators at both ends', () => {
    expect(snakeCase('a1B')).toBe('a1_b');
    expect(snakeCase('__a__b__')).toBe('a_b');
    expect(snakeCase('ABC')).toBe('abc');
    expect(snakeCase('')).toBe('');
  });

  it('standard methods, and a method snake-cased before it is matched', () => {
    expect(['list', 'get', 'create', 'update', 'delete', 'search', 'List', ''].map(isStandardMethod)).toStrictEqual([true, true, true, true, true, false, false, false]);
    expect(toolName({ vendor: 'A', resource: 'b', method: 'List' })).toBe('list_all_a_b');
    expect(toolName({ vendor: 'A', resource: 'b', method: 'bulkCreate' })).toBe('a_b_bulk_create');
  });

  it('fitToolName: 64 characters stay, 65 are cut to 55 + _ + 8 hex, trailing underscores dropped before the hash', () => {
    const exact = 'a'.repeat(64);
    expect(fitToolName(exact)).toBe(exact);
    const cut = fitToolName('a'.repeat(65));
    expect(cut).toMatch(/^a{55}_[0-9a-f]{8}$/);
    expect(fitToolName(`${'a'.repeat(50)}${'_'.repeat(15)}`)).toMatch(/^a{50}_[0-9a-f]{8}$/);
  });

  it('prompt names follow the tool-name rule', () => {
    expect(['a', 'a'.repeat(64), 'a'.repeat(65), 'a b', ''].map(isValidPromptName)).toStrictEqual([true, true, false, false, false]);
  });

  it('identifiers: empty parts dropped, the rest lower-cased after the first letter, empty names get a prefix, every reserved word a suffix', () => {
    expect(identifierFor('__ABC__dEF')).toBe('abcDef');
    expect(identifierFor('')).toBe('tool');
    expect(identifierFor('---')).toBe('tool');
    expect(identifierFor('a9')).toBe('a9');
    for (const word of ['break', 'class', 'enum', 'function', 'new', 'typeof', 'yield', 'let', 'await', 'arguments', 'eval', 'interface', 'package']) expect(identifierFor(word)).toBe(`${word}Tool`);
    expect(identifierFor('classy')).toBe('classy');
  });

  it('argument names, located names and file names', () => {
    expect(argumentName('')).toBe('value');
    expect(argumentName('a')).toBe('a');
    expect(locatedArgumentName({ location: 'query', name: 'id' })).toBe('query_id');
    expect(toolFileName('list_all_a_b')).toBe('list_all_a_b.ts');
  });

  it('package, registry, image and bin names, slugs and env names', () => {
    expect([packageNameFor('acme'), registryNameFor('acme'), imageNameFor('acme'), binNameFor('acme')]).toStrictEqual(['@vendor-mcp/acme', 'io.github.vendor-mcp/acme', 'vendor-mcp/acme', 'acme-mcp']);
    expect(packageSlug('--Acme  CRM.v2--')).toBe('acme-crm-v2');
    expect(envPrefixFor('acme-crm.v2')).toBe('ACME_CRM_V2');
    expect(envPrefixFor('a--b')).toBe('A_B');
    expect(baseUrlEnvName('ACME')).toBe('ACME_BASE_URL');
  });

  it.each([
    ['companies', 'company'],
    ['class', 'class'],
    ['bus', 'bus'],
    ['axis', 'axis'],
    ['churches', 'church'],
    ['wishes', 'wish'],
    ['classes', 'class'],
    ['boxes', 'box'],
    ['shoes', 'shoe'],
    ['order', 'order'],
    ['iesx', 'iesx'],
    // each rule looks at the end of the word only
    ['dieses', 'diese'],
    ['iesories', 'iesory'],
    ['boxesets', 'boxeset'],
  ])('singular(%s) = %s', (given, want) => expect(singular(given)).toBe(want));

  it.each([
    ['order', 'orders'],
    ['company', 'companies'],
    ['day', 'days'],
    ['bus', 'buses'],
    ['box', 'boxes'],
    ['quiz', 'quizes'],
    ['church', 'churches'],
    ['wish', 'wishes'],
    ['yes', 'yeses'],
    // each rule looks at the end of the word only
    ['byte', 'bytes'],
    ['yummy', 'yummies'],
    ['shop', 'shops'],
  ])('plural(%s) = %s', (given, want) => expect(plural(given)).toBe(want));

  it('titles from names: underscores become single spaces, the first letter upper-case', () => {
    expect(titleFromName('list_all__a_b_')).toBe('List all a b');
    expect(titleFromName('')).toBe('');
    expect(titleFromName('_x')).toBe('X');
  });

  it('variant module and identifiers from the family name', () => {
    expect(variantModuleName('objectKey')).toBe('object_key.ts');
    expect(variantSchemaToolIdentifier('objectKey')).toBe('objectKeySchemaTool');
    expect(variantSchemaToolName({ vendor: 'roserocket', family: 'objectKey' })).toBe('roserocket_object_key_schema');
    expect(variantsIdentifier('objectKey')).toBe('objectKeyVariants');
  });

  it.each([
    [{ resource: 'object', variant: 'order' }, 'order'],
    [{ resource: 'objects', variant: 'order' }, 'orders'],
    [{ resource: 'objects_external', variant: 'salesOrder' }, 'sales_order_external'],
    [{ resource: 'items', variant: 'company' }, 'companies'],
    [{ resource: 'items_x', variant: 'company' }, 'company_x'],
    [{ resource: 'object', variant: 'Box' }, 'box'],
  ])('splitResource(%j) = %s', (given, want) => expect(splitResource(given)).toBe(want));

  it('a command-line path is refused only for control characters; a slug names the first hazard in order', () => {
    expect(pathProblem('../a/b;c')).toBeUndefined();
    expect(pathProblem('a\u0085b')).toBe('contains a control character (a newline, tab or similar)');
    expect(slugProblem('a/\n')).toBe('contains a control character (a newline, tab or similar)');
    expect(slugProblem('../a b')).toBe('contains a path separator (/ or \\)');
    expect(slugProblem('.. b')).toBe('is or contains a relative path step (. or ..)');
    expect(slugProblem('a.b')).toBeUndefined();
    expect(slugProblem('a--b')).toBe('is not letters and digits, optionally joined by single -, _ or .');
    expect(slugProblem('x.')).toBe('is not letters and digits, optionally joined by single -, _ or .');
    expect(slugProblem('.x')).toBe('is not letters and digits, optionally joined by single -, _ or .');
  });
});

describe('toolIdentifiers', () => {
  it('numbers a clash deterministically, first in codepoint order keeping the plain one, whatever the order given', () => {
    expect(identifierFor('list_all_v_ab1')).toBe(identifierFor('list_all_v_ab_1'));
    expect(toolIdentifiers(['list_all_v_ab_1', 'list_all_v_ab1', 'get_x'])).toStrictEqual(['listAllVAb1_2', 'listAllVAb1', 'getX']);
    expect(toolIdentifiers(['list_all_v_ab1', 'list_all_v_ab_1', 'get_x'])).toStrictEqual(['listAllVAb1', 'listAllVAb1_2', 'getX']);
  });

  it('three alike, and names that never clash keep identifierFor\'s', () => {
    expect(toolIdentifiers(['foo-bar', 'foo_bar', 'fooBar', 'x'])).toStrictEqual(['fooBar', 'fooBar_2', 'foobar', 'x']);
    expect(toolIdentifiers(['a_b', 'a__b', 'a-b'])).toStrictEqual(['aB_3', 'aB_2', 'aB']);
    expect(new Set(toolIdentifiers(['class', 'class_tool', 'tool_1', '1'])).size).toBe(4);
  });
});

describe('isReservedArgumentName', () => {
  it('the generator\'s control arguments and the names every object inherits', () => {
    for (const name of ['dry_run', 'confirm_removed_tags', 'confirm_removed_', 'constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) expect(isReservedArgumentName(name)).toBe(true);
    for (const name of ['dry_run_2', 'body_dry_run', 'confirm_removed', 'query_constructor', 'to_string', 'proto', 'limit', 'cursor']) expect(isReservedArgumentName(name)).toBe(false);
  });
});

describe('DISCOVERY_TOOL_NAMES', () => {
  it('are the names the runtime registers in discovery mode', () => {
    const source = readFileSync(path.join(REPO_ROOT, 'templates', 'runtime', 'discovery-tools.ts'), 'utf8');
    const registered = [...source.matchAll(/server\.registerTool\(\s*'([a-z_]+)'/g)].map((match) => match[1]);
    expect(registered).toStrictEqual([...DISCOVERY_TOOL_NAMES]);
  });
});

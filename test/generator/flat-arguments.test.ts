import { describe, expect, it } from 'vitest';
import { flattenArguments, rootInputSchema } from '../../generator/ir/from-openapi/flat-arguments.ts';
import type { ArgIR, BodyIR } from '../../generator/ir/types.ts';

const body: BodyIR = { kind: 'body', mediaType: 'application/json', encoding: 'json', mode: 'fields', required: true, source: { file: 'f.json', pointer: '/rb' } };
const path = (wireName: string) => ({ wireName, location: 'path' as const, required: true, schema: { type: 'string' }, source: { file: 'f.json', pointer: `/p/${wireName}` } });
const query = (wireName: string) => ({ ...path(wireName), location: 'query' as const, required: false, source: { file: 'f.json', pointer: `/q/${wireName}` } });

describe('flattenArguments', () => {
  it('a body field points at its property, escaping ~ and / as JSON pointers do; every entry is an arg', () => {
    const args = flattenArguments({ parameters: [], body: { body, schema: { properties: { 'a~b/c': { type: 'string' } } } } });
    expect(args).toStrictEqual([{ kind: 'arg', name: 'a_b_c', wireName: 'a~b/c', location: 'body', required: false, schema: { type: 'string' }, source: { file: 'f.json', pointer: '/rb/properties/a~0b~1c' } }]);
  });

  it('only the path variable carries the mirror, not a query parameter of the same name', () => {
    const args = flattenArguments({ parameters: [path('key'), query('key')], body: { body, schema: { properties: { key: { type: 'string' } } } } });
    expect(args.map((a) => [a.name, a.location, a.mirrors ?? null])).toStrictEqual([
      ['key', 'path', [{ in: 'body', name: 'key' }]],
      ['query_key', 'query', null],
    ]);
  });
});

describe('flattenArguments: names the generator keeps for itself', () => {
  it('a document argument named like a control argument or an inherited name is prefixed with its location', () => {
    const properties = { dry_run: { type: 'string' }, confirm_removed_tags: { type: 'string' }, tags: { type: 'array', items: {} } };
    const args = flattenArguments({ parameters: [query('constructor'), query('dryRun'), query('toString')], body: { body, schema: { properties } } });
    expect(args.map((a) => [a.name, a.wireName])).toStrictEqual([
      ['query_constructor', 'constructor'],
      ['query_dry_run', 'dryRun'],
      ['to_string', 'toString'],
      ['body_dry_run', 'dry_run'],
      ['body_confirm_removed_tags', 'confirm_removed_tags'],
      ['tags', 'tags'],
    ]);
  });

  it('a reserved name whose prefixed form is taken too is numbered from the prefixed form', () => {
    const args = flattenArguments({ parameters: [query('query_dry_run'), query('dry_run'), query('dry-run')] });
    expect(args.map((a) => a.name)).toStrictEqual(['query_dry_run', 'query_dry_run_2', 'query_dry_run_3']);
  });
});

describe('rootInputSchema', () => {
  const arg = (name: string, extra: Partial<ArgIR> = {}): ArgIR => ({ kind: 'arg', name, wireName: name, location: 'query', required: false, schema: { type: 'string' }, source: { file: 'f.json', pointer: '/' }, ...extra });

  it('an object of the visible arguments and controls; a managed argument is not listed; required only when some are', () => {
    const controls = [{ name: 'dry_run', schema: { type: 'boolean' } }];
    expect(rootInputSchema([arg('a', { required: true }), arg('page', { managed: 'pagination', required: true })], controls)).toStrictEqual({
      type: 'object',
      properties: { a: { type: 'string' }, dry_run: { type: 'boolean' } },
      required: ['a'],
    });
    expect(rootInputSchema([arg('a')], [])).toStrictEqual({ type: 'object', properties: { a: { type: 'string' } } });
  });
});

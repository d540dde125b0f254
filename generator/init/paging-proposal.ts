import { deref, listPointer, propertiesOf, successSchema } from '../ir/from-openapi/classify-operation.ts';
import { isRecord } from '../shared/is-record.ts';

/** A root `x-mcp.pagination` strategy proposed from an operation's query parameters. */
export type PagingProposal = { readonly name: string; readonly strategy: Record<string, unknown> };

const OFFSET = /^(offset|skip|start)$/i;
const PAGE = /^(page|page_?number|page_?no)$/i;
const LIMIT = /^(limit|per_?page|page_?size|size|take|max_?results|items_?per_?page|top|count)$/i;
const TOTAL = /^(total|total_?count|totalItems|count)$/i;

type QueryParameter = { readonly name: string; readonly schema: Record<string, unknown> };

function queryParameters(input: { readonly root: unknown; readonly pathItem: Record<string, unknown>; readonly operation: Record<string, unknown> }): QueryParameter[] {
  const all = [input.pathItem['parameters'], input.operation['parameters']].flatMap((list) => (Array.isArray(list) ? list : []));
  return all
    .map((p) => deref(input.root, p))
    .filter((p): p is Record<string, unknown> => isRecord(p) && p['in'] === 'query' && typeof p['name'] === 'string')
    .map((p) => ({ name: p['name'] as string, schema: (isRecord(deref(input.root, p['schema'])) ? deref(input.root, p['schema']) : {}) as Record<string, unknown> }));
}

function limitsOf(limit: QueryParameter): { defaultLimit: number; maxLimit: number } {
  const max = typeof limit.schema['maximum'] === 'number' && limit.schema['maximum'] > 0 ? Math.floor(limit.schema['maximum']) : 100;
  const given = typeof limit.schema['default'] === 'number' && limit.schema['default'] > 0 ? Math.floor(limit.schema['default']) : 25;
  return { defaultLimit: Math.min(given, max), maxLimit: max };
}

/**
 * offset/limit or page/size query parameters plus a response whose list can be found become a
 * paging strategy. Without a findable list the operation is not paged: a wrong `items` pointer
 * would make every page look empty, which is worse than one unpaged call.
 */
export function proposePaging(input: { readonly root: unknown; readonly pathItem: Record<string, unknown>; readonly operation: Record<string, unknown>; readonly collection?: string }): PagingProposal | undefined {
  const parameters = queryParameters(input);
  const limit = parameters.find((p) => LIMIT.test(p.name));
  const offset = parameters.find((p) => OFFSET.test(p.name));
  const page = parameters.find((p) => PAGE.test(p.name));
  const style = offset !== undefined ? 'offset' : page !== undefined ? 'page' : undefined;
  if (style === undefined || limit === undefined) return undefined;
  const schema = successSchema({ root: input.root, operation: input.operation });
  const items = listPointer({ root: input.root, schema, ...(input.collection ? { collection: input.collection } : {}) });
  if (items === undefined) return undefined;
  const properties = schema === undefined ? [] : Object.keys(propertiesOf(input.root, schema));
  const total = items === '' ? undefined : properties.find((name) => TOTAL.test(name));
  const position = style === 'offset' ? { offset: offset!.name } : { page: page!.name, firstPage: typeof page!.schema['minimum'] === 'number' ? page!.schema['minimum'] : 1 };
  const strategy = { style, ...position, limit: limit.name, items, ...(total !== undefined ? { total: `/${total}` } : {}), ...limitsOf(limit) };
  const name = [style, style === 'offset' ? offset!.name : page!.name, limit.name, items.replace(/\//g, '') || 'array'].join('_').replace(/[^A-Za-z0-9_]/g, '_');
  return { name, strategy };
}

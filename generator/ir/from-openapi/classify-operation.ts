import { singular, snakeCase } from '../naming.ts';
import type { HttpMethod, MethodClass } from '../types.ts';
import { isRecord } from '../../shared/is-record.ts';

/**
 * Resource, method and class of an operation that has no x-mcp, from its path, verb and shape.
 * Plain `--spec` mode and `init` proposals both use it. The verb alone misleads on real specs:
 * search endpoints are POSTs that read, bulk deletes are POSTs that destroy, and a GET by a
 * secondary key (`/objects/{key}/{externalId}/external`) ends in a literal but returns one record.
 */
export type Classification = {
  readonly resource: string;
  readonly method: string;
  /** Set only where the method name alone would give the wrong class. */
  readonly methodClass?: MethodClass;
  /** Why a POST is a read: x-mcp requires the reason to be written down. */
  readonly classReason?: string;
  readonly destructive?: boolean;
};

type Input = { readonly path: string; readonly httpMethod: HttpMethod; readonly operation: Record<string, unknown>; readonly root: unknown };

const READ_WORDS = /^(search|query|find|lookup|filter|autocomplete|suggest|count|export|list|match|resolve)$/;
const BULK_DELETE = /^(bulk_?delete|delete_?many|batch_?delete|bulk_?remove|mass_?delete|delete)$/;
const LIST_PROPERTIES = ['data', 'items', 'results', 'records', 'entries', 'list', 'rows', 'hits', 'values', 'objects', 'nodes', 'edges'];

const PAGE_FIELDS = /^(total|total_?count|count|has_?more|next|next_?cursor|next_?page|cursor|page|paginator|pagination|meta)$/i;

const hasParam = (segment: string) => segment.includes('{');

/** `$ref` pointers are URI fragments: `%7Bid%7D` is `{id}`. */
function safeDecode(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

/** Properties of an object schema, including those its `allOf` members bring (one level, as specs write them). */
export function propertiesOf(root: unknown, schema: Record<string, unknown>): Record<string, unknown> {
  const parts = Array.isArray(schema['allOf']) ? schema['allOf'].map((part) => deref(root, part)) : [];
  return Object.assign({}, ...[...parts, schema].map((part) => (isRecord(part) && isRecord(part['properties']) ? part['properties'] : {})));
}

/** Follows local `$ref`s (a few hops; a cycle gives up) so the response shape can be read. */
export function deref(root: unknown, value: unknown): unknown {
  let node = value;
  for (let hop = 0; hop < 8 && isRecord(node) && typeof node['$ref'] === 'string' && node['$ref'].startsWith('#/'); hop += 1) {
    node = node['$ref']
      .slice(2)
      .split('/')
      .map((t) => safeDecode(t).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((at, token) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[token] : undefined), root);
  }
  return node;
}



/** The JSON schema of the first 2xx response, if there is one. */
export function successSchema(input: { readonly root: unknown; readonly operation: Record<string, unknown> }): Record<string, unknown> | undefined {
  const responses = deref(input.root, input.operation['responses']);
  if (!isRecord(responses)) return undefined;
  const code = Object.keys(responses).sort().find((key) => /^2\d\d$/.test(key));
  const response = code === undefined ? undefined : deref(input.root, responses[code]);
  const content = isRecord(response) && isRecord(response['content']) ? response['content'] : undefined;
  const json = content === undefined ? undefined : Object.entries(content).find(([type]) => type.includes('json'))?.[1];
  const schema = isRecord(json) ? deref(input.root, json['schema']) : undefined;
  return isRecord(schema) ? schema : undefined;
}

/** Where the list sits in a response: '' for a bare array, `/data` for a wrapper; undefined for one record. */
export function listPointer(input: { readonly root: unknown; readonly schema: Record<string, unknown> | undefined; readonly collection?: string }): string | undefined {
  const { schema } = input;
  if (schema === undefined) return undefined;
  if (schema['type'] === 'array') return '';
  const properties = propertiesOf(input.root, schema);
  const arrays = Object.keys(properties).filter((name) => {
    const property = deref(input.root, properties[name]);
    return isRecord(property) && property['type'] === 'array';
  });
  // `{members: [...]}` under /groups/{id}/members: the array named like the path's last word.
  const key = LIST_PROPERTIES.find((name) => arrays.includes(name)) ?? arrays.find((name) => snakeCase(name) === input.collection);
  if (key !== undefined) return `/${key}`;
  // `{total_count, workflow_runs: [...]}`: a count or paging field beside one array marks a page of results.
  const paged = Object.keys(properties).some((name) => PAGE_FIELDS.test(name));
  return paged && arrays.length === 1 ? `/${arrays[0]}` : undefined;
}

function words(path: string) {
  const segments = path.split('/').filter((s) => s !== '');
  const literals = segments.filter((s) => !hasParam(s)).map(snakeCase).filter((s) => s !== '');
  return { segments, literals: literals.length > 0 ? literals : ['root'], endsWithParam: segments.length > 0 && hasParam(segments.at(-1)!) };
}

function singularLast(list: readonly string[]): string {
  return [...list.slice(0, -1), singular(list.at(-1)!)].join('_');
}

function classifyPost(input: Input, shape: ReturnType<typeof words>): Classification {
  const last = shape.literals.at(-1)!;
  const rest = shape.literals.length > 1 ? shape.literals.slice(0, -1) : shape.literals;
  if (!shape.endsWithParam && READ_WORDS.test(last)) {
    return { resource: rest.join('_'), method: last, methodClass: 'read', classReason: `POST ${input.path} ${last === 'search' || last === 'query' ? 'runs a query' : `is a ${last}`}: it returns data and changes nothing` };
  }
  if (!shape.endsWithParam && BULK_DELETE.test(last) && shape.literals.length > 1) return { resource: rest.join('_'), method: 'bulk_delete', methodClass: 'write', destructive: true };
  const afterParam = shape.segments.length > 1 && hasParam(shape.segments.at(-2)!);
  // POST /orders/{id}/cancel is an action on one record; POST /groups/{id}/members adds a member.
  if (!shape.endsWithParam && afterParam && !/[^su]s$/.test(last)) return { resource: rest.join('_'), method: last };
  if (!shape.endsWithParam) return { resource: singularLast(shape.literals), method: 'create' };
  // POST /customers/{id} (Stripe, Twilio) updates the record it names.
  return { resource: singularLast(shape.literals), method: 'update' };
}

function classifyGet(input: Input, shape: ReturnType<typeof words>): Classification {
  if (shape.endsWithParam) return { resource: singularLast(shape.literals), method: 'get' };
  const last = shape.literals.at(-1)!;
  // GET /objects/autocomplete is a read named for what it does, not a list of "autocompletes".
  if (shape.literals.length > 1 && READ_WORDS.test(last) && last !== 'list') return { resource: shape.literals.slice(0, -1).join('_'), method: last, methodClass: 'read' };
  const keyed = shape.segments.some(hasParam);
  const schema = successSchema({ root: input.root, operation: input.operation });
  // A GET that names a record by some key and returns one object (not a list) is a single read.
  if (keyed && schema !== undefined && listPointer({ root: input.root, schema, collection: shape.literals.at(-1)! }) === undefined && Object.keys(propertiesOf(input.root, schema)).length > 0) {
    return { resource: shape.literals.join('_'), method: 'get' };
  }
  return { resource: shape.literals.join('_'), method: 'list' };
}

export function classifyOperation(input: Input): Classification {
  const shape = words(input.path);
  const verb = input.httpMethod;
  if (verb === 'GET') return classifyGet(input, shape);
  if (verb === 'POST') return classifyPost(input, shape);
  // /objects/{key}/{externalId}/external names one record as surely as /objects/{id} does.
  const keyed = shape.segments.some(hasParam);
  const one = shape.endsWithParam ? singularLast(shape.literals) : shape.literals.join('_');
  if ((verb === 'PUT' || verb === 'PATCH') && keyed) return { resource: one, method: 'update' };
  if (verb === 'DELETE' && keyed) return { resource: one, method: 'delete' };
  // DELETE /shipments?ids=… (or with a body) removes many; DELETE /installation/token removes the one there is.
  const selects = input.operation['requestBody'] !== undefined || (Array.isArray(input.operation['parameters']) && input.operation['parameters'].length > 0);
  if (verb === 'DELETE') return selects ? { resource: shape.literals.join('_'), method: 'bulk_delete', methodClass: 'write', destructive: true } : { resource: shape.literals.join('_'), method: 'delete' };
  return { resource: shape.literals.join('_'), method: verb.toLowerCase() };
}

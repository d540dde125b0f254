/**
 * A deterministic OpenAPI document of N resources × five operations (list, get, create, update,
 * delete): the 10,000-tool server of issue 19 without downloading or generating a 20 MB real spec.
 * Same input, same bytes; shapes are small and alike, so what grows is the number of tools.
 */

const OPERATIONS_PER_RESOURCE = 5;

const item = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'Identifier.' },
    name: { type: 'string', description: 'Display name.' },
    status: { type: 'string', enum: ['active', 'archived'], description: 'Lifecycle state.' },
    created_at: { type: 'string', format: 'date-time', description: 'When it was created.' },
  },
  required: ['id', 'name'],
} as const;

const writable = {
  type: 'object',
  properties: { name: item.properties.name, status: item.properties.status, note: { type: 'string', maxLength: 500, description: 'Free text.' } },
} as const;

const ok = (schema: unknown) => ({ '200': { description: 'OK', content: { 'application/json': { schema } } } });

function resourcePaths(index: number): Record<string, unknown> {
  const noun = `widget${String(index).padStart(5, '0')}`;
  const tags = [`group${String(index % 40).padStart(2, '0')}`];
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: `The ${noun} id.` };
  const body = { required: true, content: { 'application/json': { schema: writable } } };
  return {
    [`/${noun}s`]: {
      get: { operationId: `list_${noun}s`, summary: `List ${noun}s`, description: `Lists ${noun}s, newest first.`, tags, parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } }, { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } }], responses: ok({ type: 'object', properties: { data: { type: 'array', items: item } } }) },
      post: { operationId: `create_${noun}`, summary: `Create a ${noun}`, description: `Creates a ${noun}.`, tags, requestBody: body, responses: ok(item) },
    },
    [`/${noun}s/{id}`]: {
      get: { operationId: `get_${noun}`, summary: `Get a ${noun}`, description: `Returns one ${noun}.`, tags, parameters: [id], responses: ok(item) },
      patch: { operationId: `update_${noun}`, summary: `Update a ${noun}`, description: `Changes a ${noun}.`, tags, parameters: [id], requestBody: body, responses: ok(item) },
      delete: { operationId: `delete_${noun}`, summary: `Delete a ${noun}`, description: `Deletes a ${noun}.`, tags, parameters: [id], responses: { '204': { description: 'Deleted' } } },
    },
  };
}

export function scaleSpec(operations: number): Record<string, unknown> {
  if (operations % OPERATIONS_PER_RESOURCE !== 0) throw new Error(`operations must be a multiple of ${OPERATIONS_PER_RESOURCE}`);
  const resources = operations / OPERATIONS_PER_RESOURCE;
  return {
    openapi: '3.0.3',
    info: { title: 'Synthetic scale API', version: '1.0.0', description: `${operations} operations over ${resources} resources, for the 10,000-tool start-up measurement.` },
    servers: [{ url: 'https://api.scale.example' }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: Object.assign({}, ...Array.from({ length: resources }, (_, index) => resourcePaths(index))),
  };
}

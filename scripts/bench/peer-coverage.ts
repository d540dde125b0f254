import { readFileSync } from 'node:fs';
import type { BenchSpec } from './bench-specs.ts';
import type { PeerAdapter } from './peer-adapters.ts';
import type { ServerCell } from './server-bench.ts';
import { bodyWithoutProperties, operationInputs, requestMedia, type Json, type SpecOperation } from './parameter-coverage.ts';

/**
 * "No parameter lost", asked of a peer's listed tools: the token rows compare our count with a
 * peer's, and a peer that lists a form body as one opaque string is lean because the model never
 * sees the body's fields. What counts:
 * - expected: for every operation of the spec, its parameters and the top-level properties of its
 *   request body (the JSON media type when there is one, else the first), as ours counts them
 *   (operationInputs); a body with no top-level properties counts as one input;
 * - listed: the input's name is a property name anywhere in the matched tool's inputSchema (at any
 *   depth, so kubb's `pathParams`/`data` wrappers count; header names ignore case). A body without
 *   properties is listed when the schema has a top-level property no parameter is named after;
 * - an operation no listed tool matches lists none of its inputs.
 * Generous to the peer on purpose: a name seen anywhere counts, whether or not it is sent.
 */
export type PeerCoverage = {
  readonly spec: string;
  readonly generator: string;
  readonly operations: number;
  readonly withoutTool: number;
  readonly expected: number;
  readonly listed: number;
  /** The inputs not listed, as `tool: in name` (or `method path: …` where no tool matched). */
  readonly notListed: readonly string[];
};

export type ListedTool = { readonly name: string; readonly inputSchema?: unknown };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Tool names compared without case or separators: kubb camel-cases operationIds, openapi-mcp-generator turns `/` into `_`. */
export const nameKey = (name: string) => name.replace(/[^a-z0-9]/gi, '').toLowerCase();

/** Every property name at any depth of a JSON Schema (under properties, items, $defs, anyOf, …). */
export function propertyNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const part of schema) propertyNames(part, into);
  else if (schema !== null && typeof schema === 'object') {
    const properties = (schema as Json)['properties'];
    if (properties !== null && typeof properties === 'object' && !Array.isArray(properties)) for (const key of Object.keys(properties)) into.add(key);
    for (const value of Object.values(schema)) propertyNames(value, into);
  }
  return into;
}

function topLevelNames(schema: unknown): string[] {
  const properties = (schema as Json | undefined)?.['properties'];
  return properties !== null && typeof properties === 'object' ? Object.keys(properties) : [];
}

/** The JSON media type when the body has one, else its first: the one a peer most likely lists. */
function bodyMediaType(operation: SpecOperation): string | undefined {
  const types = Object.keys(requestMedia(operation));
  return types.find((type) => /json/i.test(type)) ?? types[0];
}

/**
 * Matches each operation to a listed tool: by `routes` (tool name → `method path`) where the peer's
 * output says which route each tool calls, else by operationId compared with nameKey.
 */
export function peerCoverage(input: { readonly spec: string; readonly generator: string; readonly document: Json; readonly tools: readonly ListedTool[]; readonly routes?: ReadonlyMap<string, string> }): PeerCoverage {
  const byRoute = new Map([...(input.routes ?? [])].map(([name, route]) => [route, name]));
  const byName = new Map(input.tools.map((tool) => [nameKey(tool.name), tool]));
  const toolsByName = new Map(input.tools.map((tool) => [tool.name, tool]));
  let operations = 0;
  let withoutTool = 0;
  let expected = 0;
  let listed = 0;
  const notListed: string[] = [];
  for (const [route, item] of Object.entries((input.document['paths'] ?? {}) as Record<string, Json>)) {
    for (const method of METHODS.filter((key) => item[key] !== undefined)) {
      operations += 1;
      const operation: SpecOperation = { document: input.document, item, operation: item[method] as Json };
      const operationId = operation.operation['operationId'];
      const routed = byRoute.get(`${method} ${route}`);
      const tool = input.routes ? (routed === undefined ? undefined : toolsByName.get(routed)) : typeof operationId === 'string' ? byName.get(nameKey(operationId)) : undefined;
      const wanted = operationInputs({ ...operation, mediaType: bodyMediaType(operation) });
      if (bodyWithoutProperties(operation)) wanted.set('body', 'request body');
      if (tool === undefined) withoutTool += 1;
      const names = propertyNames(tool?.inputSchema);
      const lowered = new Set([...names].map((name) => name.toLowerCase()));
      const parameterNames = new Set([...wanted.keys()].filter((key) => key !== 'body').map((key) => key.slice(key.indexOf(':') + 1)));
      for (const [key, label] of wanted) {
        expected += 1;
        const name = key.slice(key.indexOf(':') + 1);
        const found = tool !== undefined && (key === 'body' ? topLevelNames(tool.inputSchema).some((top) => !parameterNames.has(top)) : key.startsWith('header:') ? lowered.has(name.toLowerCase()) : names.has(name));
        if (found) listed += 1;
        else notListed.push(`${tool?.name ?? `${method.toUpperCase()} ${route} (no tool)`}: ${label}`);
      }
    }
  }
  return { spec: input.spec, generator: input.generator, operations, withoutTool, expected, listed, notListed };
}

/** Every peer server of the run that listed tools, checked against its spec. */
export function measurePeerCoverage(input: { readonly servers: readonly ServerCell[]; readonly specs: readonly BenchSpec[]; readonly peers: readonly PeerAdapter[]; readonly cellOf: (peer: PeerAdapter, spec: BenchSpec) => string }): PeerCoverage[] {
  const results: PeerCoverage[] = [];
  for (const spec of input.specs) {
    const document = JSON.parse(readFileSync(spec.file, 'utf8')) as Json;
    for (const peer of input.peers) {
      const listed = input.servers.find((cell) => cell.spec === spec.id && cell.generator === peer.id)?.listed;
      if (listed === undefined) continue;
      const routes = peer.toolRoutes?.(input.cellOf(peer, spec));
      results.push(peerCoverage({ spec: spec.id, generator: peer.id, document, tools: listed as ListedTool[], ...(routes ? { routes } : {}) }));
    }
  }
  return results;
}

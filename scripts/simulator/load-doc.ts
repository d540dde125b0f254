import { readFileSync } from 'node:fs';
import { overlaysBeside, readOverlaidSpec } from '../../generator/load/read-inputs.ts';
import { parse } from 'yaml';
import { derefLocal, isObject, pointerOf } from './json-pointer.ts';
import type { JsonObject } from './types.ts';

export type ParamStyle = 'form' | 'simple' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject' | 'label' | 'matrix';

export type SimParameter = {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** The parameter's schema with top-level `$ref`s followed, for coercion decisions. */
  schema: JsonObject;
  /** Where the schema lives in the doc, so ajv can validate with refs intact. */
  schemaPointer: string;
  style: ParamStyle;
  explode: boolean;
};

export type SimRequestBody = {
  required: boolean;
  mediaTypes: string[];
  /** Pointer to the `application/json` schema, when there is one. */
  jsonSchemaPointer?: string;
};

export type SimOperation = {
  /** `GET /orders/{id}` */
  key: string;
  method: string;
  pathTemplate: string;
  pointer: string;
  parameters: SimParameter[];
  requestBody?: SimRequestBody;
  /** Status code (or `default`, `2XX`) → pointer to its JSON schema, or undefined for no JSON body. */
  responses: Map<string, string | undefined>;
  /** False when the operation says `security: []`. */
  needsAuth: boolean;
};

export type SimAuth =
  | { kind: 'bearer' }
  | { kind: 'api-key-header'; header: string }
  | { kind: 'none' };

export type SimDoc = {
  raw: JsonObject;
  /** `servers[0].url` path, no trailing slash; '' when the API sits at the root. */
  basePath: string;
  auth: SimAuth;
  /** Root `x-mcp.headers`: sent by every client, so required on every request. */
  staticHeaders: Record<string, string>;
  operations: SimOperation[];
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** A vendor folder's openapi.yaml is read with its curation overlays applied, as the generator reads it. */
export function loadDoc(file: string): SimDoc {
  const overlays = overlaysBeside(file);
  const overlaid = overlays.length === 0 ? undefined : readOverlaidSpec({ spec: file, overlays });
  if (overlaid !== undefined && 'diagnostics' in overlaid) throw new Error(`${file}: ${overlaid.diagnostics.map((d) => d.message).join('; ')}`);
  const raw: unknown = overlaid !== undefined ? overlaid.document.data : parse(readFileSync(file, 'utf8'));
  if (!isObject(raw)) throw new Error(`${file} is not an OpenAPI document`);
  return buildDoc(raw);
}

export function buildDoc(raw: JsonObject): SimDoc {
  const xMcp = isObject(raw['x-mcp']) ? raw['x-mcp'] : {};
  const operations: SimOperation[] = [];
  const paths = isObject(raw.paths) ? raw.paths : {};
  const rootSecurity = raw.security;
  for (const [pathTemplate, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    const shared = readParameters({ raw, list: pathItem.parameters, at: ['paths', pathTemplate, 'parameters'] });
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const at = ['paths', pathTemplate, method];
      const own = readParameters({ raw, list: operation.parameters, at: [...at, 'parameters'] });
      const byKey = new Map<string, SimParameter>();
      for (const parameter of [...shared, ...own]) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
      const security = operation.security ?? rootSecurity;
      operations.push({
        key: `${method.toUpperCase()} ${pathTemplate}`,
        method: method.toUpperCase(),
        pathTemplate,
        pointer: pointerOf(at),
        parameters: [...byKey.values()],
        requestBody: readRequestBody({ raw, node: operation.requestBody, at: [...at, 'requestBody'] }),
        responses: readResponses({ raw, node: operation.responses, at: [...at, 'responses'] }),
        needsAuth: !(Array.isArray(security) && security.length === 0),
      });
    }
  }
  return {
    raw,
    basePath: basePathOf(raw),
    auth: authOf({ raw, xMcp }),
    staticHeaders: staticHeadersOf(xMcp),
    operations,
  };
}

function basePathOf(raw: JsonObject): string {
  const servers = Array.isArray(raw.servers) ? raw.servers : [];
  const first: unknown = servers[0];
  const url = isObject(first) && typeof first.url === 'string' ? first.url : '';
  // Server URLs may hold `{org}` host variables, which URL() rejects; only the path matters here.
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return path.replace(/\/+$/, '');
}

function authOf(input: { raw: JsonObject; xMcp: JsonObject }): SimAuth {
  const auth = isObject(input.xMcp.auth) ? input.xMcp.auth : {};
  const schemeName = typeof auth.scheme === 'string' ? auth.scheme : undefined;
  if (schemeName === undefined) return { kind: 'none' };
  const components = isObject(input.raw.components) ? input.raw.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const scheme = schemes[schemeName];
  if (!isObject(scheme)) throw new Error(`x-mcp.auth.scheme names ${schemeName}, which is not in components.securitySchemes`);
  if (scheme.type === 'apiKey' && scheme.in === 'header' && typeof scheme.name === 'string') {
    return { kind: 'api-key-header', header: scheme.name.toLowerCase() };
  }
  // http/bearer, oauth2 and openIdConnect all put a bearer token in Authorization.
  return { kind: 'bearer' };
}

function staticHeadersOf(xMcp: JsonObject): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!isObject(xMcp.headers)) return headers;
  for (const [name, value] of Object.entries(xMcp.headers)) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  return headers;
}

function readParameters(input: { raw: JsonObject; list: unknown; at: string[] }): SimParameter[] {
  if (!Array.isArray(input.list)) return [];
  const parameters: SimParameter[] = [];
  input.list.forEach((entry, index) => {
    const { node, pointer } = derefLocal({ root: input.raw, node: entry, pointer: pointerOf([...input.at, String(index)]) });
    if (!isObject(node) || typeof node.name !== 'string') return;
    const location = node.in;
    if (location !== 'path' && location !== 'query' && location !== 'header' && location !== 'cookie') return;
    const schemaPointer = `${pointer}/schema`;
    const resolved = derefLocal({ root: input.raw, node: node.schema, pointer: schemaPointer });
    const style = (typeof node.style === 'string' ? node.style : location === 'query' || location === 'cookie' ? 'form' : 'simple') as ParamStyle;
    parameters.push({
      name: node.name,
      in: location,
      required: node.required === true || location === 'path',
      schema: isObject(resolved.node) ? resolved.node : {},
      schemaPointer,
      style,
      explode: typeof node.explode === 'boolean' ? node.explode : style === 'form',
    });
  });
  return parameters;
}

function readRequestBody(input: { raw: JsonObject; node: unknown; at: string[] }): SimRequestBody | undefined {
  if (input.node === undefined) return undefined;
  const { node, pointer } = derefLocal({ root: input.raw, node: input.node, pointer: pointerOf(input.at) });
  if (!isObject(node)) return undefined;
  const content = isObject(node.content) ? node.content : {};
  const mediaTypes = Object.keys(content);
  return {
    required: node.required === true,
    mediaTypes,
    jsonSchemaPointer: jsonSchemaPointerOf({ content, pointer }),
  };
}

function readResponses(input: { raw: JsonObject; node: unknown; at: string[] }): Map<string, string | undefined> {
  const responses = new Map<string, string | undefined>();
  if (!isObject(input.node)) return responses;
  for (const [status, entry] of Object.entries(input.node)) {
    const { node, pointer } = derefLocal({ root: input.raw, node: entry, pointer: pointerOf([...input.at, status]) });
    const content = isObject(node) && isObject(node.content) ? node.content : {};
    responses.set(status, jsonSchemaPointerOf({ content, pointer }));
  }
  return responses;
}

/** `application/json` first, then any `+json` media type a vendor may declare. */
export function jsonMediaType(mediaTypes: readonly string[]): string | undefined {
  return mediaTypes.find((type) => type === 'application/json') ?? mediaTypes.find((type) => /^application\/[^;]*\+json/.test(type));
}

function jsonSchemaPointerOf(input: { content: JsonObject; pointer: string }): string | undefined {
  const mediaType = jsonMediaType(Object.keys(input.content));
  if (mediaType === undefined) return undefined;
  const media = input.content[mediaType];
  if (!isObject(media) || media.schema === undefined) return undefined;
  return `${input.pointer}/content/${mediaType.replace(/~/g, '~0').replace(/\//g, '~1')}/schema`;
}

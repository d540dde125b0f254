import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApiIR } from '../../generator/ir/types.ts';
import type { BenchSpec } from './bench-specs.ts';

/**
 * "No parameter lost": every parameter and every top-level request-body property of each
 * operation that became a tool must reach the wire through one of the tool's arguments. Read-only
 * body properties are out of scope (the server must not send them).
 */
export type Coverage = { readonly tools: number; readonly expected: number; readonly covered: number; readonly lost: readonly string[] };

export type Json = Record<string, unknown>;

const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

function resolve(document: Json, value: unknown): Json | undefined {
  let node = value as Json | undefined;
  for (let depth = 0; depth < 20 && node && typeof node['$ref'] === 'string'; depth += 1) {
    const pointer = (node['$ref'] as string).replace(/^#\//, '').split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
    node = pointer.reduce<unknown>((at, token) => (at as Json | undefined)?.[token], document) as Json | undefined;
  }
  return node;
}

function bodyProperties(document: Json, schema: Json | undefined, depth = 0): Map<string, Json> {
  const properties = new Map<string, Json>();
  const resolved = resolve(document, schema);
  if (!resolved || depth > 10) return properties;
  for (const part of (resolved['allOf'] ?? []) as unknown[]) for (const [key, value] of bodyProperties(document, part as Json, depth + 1)) properties.set(key, value);
  for (const [key, value] of Object.entries((resolved['properties'] ?? {}) as Json)) properties.set(key, resolve(document, value) ?? {});
  return properties;
}

export function printIr(input: { readonly root: string; readonly spec: BenchSpec; readonly outDir: string }): ApiIR {
  const text = execFileSync(process.execPath, ['--max-old-space-size=4096', 'scripts/generate.cjs', '--quiet', '--print-ir', '--spec', path.relative(input.root, input.spec.file), '--vendor', input.spec.id, '--out', path.relative(input.root, input.outDir)], { cwd: input.root, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  return (JSON.parse(text) as ApiIR[])[0]!;
}

/** The spec's document and one operation of it, with its path item (path-level parameters apply too). */
export type SpecOperation = { readonly document: Json; readonly item: Json; readonly operation: Json };

/**
 * What "no parameter lost" asks of one operation: every parameter (path, query, header, cookie;
 * OpenAPI says `Accept`, `Content-Type` and `Authorization` header parameters are ignored) and every
 * top-level property of the request body in `mediaType` (none when undefined), by key
 * (`in:name`, `body:name`) with a label. Shared by our check and the peers'.
 */
export function operationInputs(input: SpecOperation & { readonly mediaType: string | undefined }): Map<string, string> {
  const { document, item, operation } = input;
  const wanted = new Map<string, string>();
  for (const raw of [...((item['parameters'] ?? []) as unknown[]), ...((operation['parameters'] ?? []) as unknown[])]) {
    const parameter = resolve(document, raw);
    const ignored = parameter?.['in'] === 'header' && typeof parameter['name'] === 'string' && IGNORED_HEADERS.has(parameter['name'].toLowerCase());
    if (parameter && typeof parameter['name'] === 'string' && !ignored) wanted.set(`${String(parameter['in'])}:${parameter['name']}`, `${parameter['in']} ${parameter['name']}`);
  }
  const media = input.mediaType === undefined ? undefined : requestMedia(input)[input.mediaType];
  if (media) {
    for (const [name, schema] of bodyProperties(document, media['schema'] as Json)) if (schema['readOnly'] !== true) wanted.set(`body:${name}`, `body ${name}`);
  }
  return wanted;
}

export function requestMedia(input: SpecOperation): Record<string, Json> {
  return (resolve(input.document, input.operation['requestBody'])?.['content'] ?? {}) as Record<string, Json>;
}

/** A request body with content but no top-level properties to name (a raw string, an array, …): it counts as one input. */
export function bodyWithoutProperties(input: SpecOperation): boolean {
  const anyMedia = Object.values(requestMedia(input))[0];
  return anyMedia !== undefined && bodyProperties(input.document, anyMedia['schema'] as Json).size === 0 && resolve(input.document, anyMedia['schema'])?.['type'] !== 'object';
}

export function parameterCoverage(input: { readonly api: ApiIR; readonly specFile: string }): Coverage {
  const document = JSON.parse(readFileSync(input.specFile, 'utf8')) as Json;
  const paths = document['paths'] as Record<string, Json>;
  let expected = 0;
  let covered = 0;
  const lost: string[] = [];
  for (const tool of input.api.tools) {
    const item = paths[tool.http.path] ?? {};
    const operation = (item[tool.http.method.toLowerCase()] ?? {}) as Json;
    const sent = new Set(tool.args.flatMap((arg) => [`${arg.location}:${arg.wireName}`, ...(arg.mirrors ?? []).map((mirror) => `${mirror.in}:${mirror.name}`)]));
    const wanted = operationInputs({ document, item, operation, mediaType: tool.body?.mode === 'whole' ? undefined : tool.body?.mediaType });
    for (const [key, label] of wanted) {
      expected += 1;
      if (sent.has(key) || (key.startsWith('header:') && [...sent].some((s) => s.toLowerCase() === key.toLowerCase()))) covered += 1;
      else lost.push(`${tool.name}: ${label}`);
    }
    const anyMedia = Object.values(requestMedia({ document, item, operation }))[0];
    const bodyHasContent = anyMedia !== undefined && (bodyProperties(document, anyMedia['schema'] as Json).size > 0 || resolve(document, anyMedia['schema'])?.['type'] !== 'object');
    if (bodyHasContent && !tool.body) {
      expected += 1;
      lost.push(`${tool.name}: request body`);
    }
  }
  return { tools: input.api.tools.length, expected, covered, lost };
}

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

type Json = Record<string, unknown>;

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
    const wholeBody = tool.body?.mode === 'whole';
    const wanted = new Map<string, string>();
    for (const raw of [...((item['parameters'] ?? []) as unknown[]), ...((operation['parameters'] ?? []) as unknown[])]) {
      const parameter = resolve(document, raw);
      // OpenAPI: header parameters named Accept, Content-Type or Authorization are ignored.
      const ignored = parameter?.['in'] === 'header' && typeof parameter['name'] === 'string' && IGNORED_HEADERS.has(parameter['name'].toLowerCase());
      if (parameter && typeof parameter['name'] === 'string' && !ignored) wanted.set(`${String(parameter['in'])}:${parameter['name']}`, `${parameter['in']} ${parameter['name']}`);
    }
    const requestBody = resolve(document, operation['requestBody']);
    const media = requestBody ? ((requestBody['content'] ?? {}) as Record<string, Json>)[tool.body?.mediaType ?? ''] : undefined;
    if (media && !wholeBody) {
      for (const [name, schema] of bodyProperties(document, media['schema'] as Json)) if (schema['readOnly'] !== true) wanted.set(`body:${name}`, `body ${name}`);
    }
    for (const [key, label] of wanted) {
      expected += 1;
      if (sent.has(key) || (key.startsWith('header:') && [...sent].some((s) => s.toLowerCase() === key.toLowerCase()))) covered += 1;
      else lost.push(`${tool.name}: ${label}`);
    }
    const anyMedia = requestBody ? Object.values((requestBody['content'] ?? {}) as Record<string, Json>)[0] : undefined;
    const bodyHasContent = anyMedia !== undefined && (bodyProperties(document, anyMedia['schema'] as Json).size > 0 || resolve(document, anyMedia['schema'])?.['type'] !== 'object');
    if (bodyHasContent && !tool.body) {
      expected += 1;
      lost.push(`${tool.name}: request body`);
    }
  }
  return { tools: input.api.tools.length, expected, covered, lost };
}

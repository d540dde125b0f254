import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardBlindViolations, responseBoundViolations, SOCKET_SLACK_BYTES } from '../../scripts/fuzz/guard-invariants.ts';
import { callTool } from '../../templates/runtime/call-tool.ts';
import { valueAtPointer } from '../../templates/runtime/json-pointer.ts';
import type { FullArrayGuard } from '../../templates/runtime/safeguards.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { vendorFetch } from '../../templates/runtime/vendor-fetch.ts';
import { config, recordingFetch, tool } from '../runtime/support.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

async function guardedTools(vendor: string): Promise<ToolDefinition[]> {
  const module = (await import(pathToFileURL(path.join(REPO_ROOT, 'generated', vendor, 'src', 'tools', 'index.ts')).href)) as { tools: readonly ToolDefinition[] };
  return module.tools.filter((t) => t.safeguards.some((guard) => guard.kind === 'full-array'));
}

/** A body with `value` placed at the guard's pointer (`undefined`: the field left out), inside arbitrary other fields. */
function bodyWith(input: { readonly pointer: string; readonly value: unknown; readonly noise: Record<string, unknown> }): unknown {
  const tokens = input.pointer.split('/').slice(1);
  const root: Record<string, unknown> = { ...input.noise };
  let node = root;
  for (const token of tokens.slice(0, -1)) node = (node[token] = { ...input.noise }) as Record<string, unknown>;
  if (input.value === undefined) delete node[tokens.at(-1)!];
  else node[tokens.at(-1)!] = input.value;
  return root;
}

const notAnArray = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string(), fc.integer(), fc.boolean(), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }));
const anything = fc.oneof(notAnArray, fc.array(fc.jsonValue(), { maxLength: 3 }));

describe.each(['malomo', 'edesk'])('%s: no request when the guard cannot read its array', (vendor) => {
  it('holds for arbitrary pre-write answers, under the declared pointer or elsewhere', async () => {
    const tools = await guardedTools(vendor);
    expect(tools.length).toBeGreaterThan(0);
    for (const guarded of tools) {
      const guard = guarded.safeguards.find((g): g is FullArrayGuard => g.kind === 'full-array')!;
      const pathArgs = Object.fromEntries(Object.entries(guarded.http.args).filter(([, b]) => b.in === 'path').map(([arg]) => [arg, '1']));
      const answer = fc.oneof(
        fc.record({ value: anything, noise: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }) }).map(({ value, noise }) => bodyWith({ pointer: guard.currentPointer, value, noise })),
        fc.jsonValue({ maxDepth: 3 }),
      );
      await fc.assert(
        fc.asyncProperty(answer, async (body) => {
          const { fetch, sent } = recordingFetch((init) => new Response(JSON.stringify(init.method === 'GET' ? body : {}), { headers: { 'content-type': 'application/json' } }));
          const result = await callTool({ tool: guarded, args: { ...pathArgs, [guard.arg]: [] }, config: config({ fetch }) });
          const readable = Array.isArray(valueAtPointer({ value: body, pointer: guard.currentPointer }));
          expect(guardBlindViolations({ readable, methods: sent.map((r) => r.method ?? 'GET'), refused: result.isError === true })).toStrictEqual([]);
        }),
        { seed: 20, numRuns: 60 },
      );
    }
  });
});

describe('memory bounded under a large vendor body', () => {
  const LIMIT = 64 * 1024;
  const HUGE = 64 * 1024 * 1024;
  let finished = 0;
  let server: http.Server;
  let baseUrl = '';
  const gzipCache = new Map<number, Buffer>();

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const url = new URL(request.url!, 'http://x');
      const size = Number(url.searchParams.get('size'));
      const gzip = url.searchParams.get('gzip') === '1';
      response.on('finish', () => {
        finished += 1;
      });
      if (gzip) {
        if (!gzipCache.has(size)) gzipCache.set(size, zlib.gzipSync(Buffer.alloc(size, 0x20)));
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        response.end(gzipCache.get(size));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let left = size;
      const pump = () => {
        while (left > 0) {
          const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
          left -= piece.length;
          if (!response.write(piece)) return;
        }
        response.end();
      };
      response.on('drain', pump);
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  const fetchBody = tool({ name: 'get_body', http: { method: 'GET', path: '/body', args: { size: { in: 'query', name: 'size', style: 'form', explode: true }, gzip: { in: 'query', name: 'gzip', style: 'form', explode: true } } } });

  it('a body over the limit is refused and not drained; one within it is read (raw and gzip)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(LIMIT - 1, LIMIT, LIMIT + 1, HUGE), fc.boolean(), async (size, gzip) => {
        const before = finished;
        const result = await callTool({ tool: fetchBody, args: { size, gzip: gzip ? '1' : '0' }, config: config({ fetch: vendorFetch, baseUrl, maxResponseBytes: LIMIT }) });
        // 'finish' fires once the last byte is handed to the socket; give a refused stream time to be torn down instead.
        await new Promise((resolve) => setTimeout(resolve, 50));
        const wireBytes = gzip ? gzipCache.get(size)!.length : size;
        expect(responseBoundViolations({ bodyBytes: size, wireBytes, limitBytes: LIMIT, refused: result.isError === true, finished: finished > before })).toStrictEqual([]);
      }),
      { seed: 20, numRuns: 16 },
    );
    expect(HUGE).toBeGreaterThan(SOCKET_SLACK_BYTES);
  }, 60_000);
});

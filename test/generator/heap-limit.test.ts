import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

/**
 * Issue 19: a spec past a hard limit ends in a diagnostic that names the limit and the fix, never a
 * V8 crash. The limit left is V8's heap (generator/shared/heap-room.ts). Before the checkpoints this
 * spec, 14 MB of JSON, aborted V8 (exit 134, "heap out of memory") under every heap limit below
 * ~200 MB; Microsoft Graph v1.0 did so under 704 MB.
 */
function widgets(input: { readonly operations: number; readonly fields: number }): unknown {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < input.operations; i += 1) {
    const properties = Object.fromEntries(Array.from({ length: input.fields }, (_, j) => [`field_${j}`, { type: j % 3 ? 'string' : 'integer', description: `Field ${j} of widget kind ${i}, as the vendor stores it.` }]));
    const body = { type: 'object', properties };
    const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The widget id.' };
    const ok = { 200: { description: 'ok', content: { 'application/json': { schema: body } } } };
    paths[`/widgets${i}/{id}`] = {
      get: { operationId: `getWidget${i}`, summary: `Get widget ${i}`, parameters: [id], responses: ok },
      put: { operationId: `putWidget${i}`, summary: `Replace widget ${i}`, parameters: [id], requestBody: { content: { 'application/json': { schema: body } } }, responses: ok },
    };
  }
  return { openapi: '3.0.3', info: { title: 'Widgets', version: '1.0.0' }, servers: [{ url: 'https://api.example.com' }], paths };
}

let work: string;
let spec: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'vmcp-heap-'));
  spec = path.join(work, 'widgets.json');
  writeFileSync(spec, JSON.stringify(widgets({ operations: 1500, fields: 30 })));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function generate(heapMb: number): { readonly status: number | null; readonly signal: NodeJS.Signals | null; readonly stderr: string; readonly out: string } {
  const out = path.join(work, `out-${heapMb}`);
  const run = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, path.join(REPO_ROOT, 'scripts', 'generate.cjs'), '--quiet', '--spec', spec, '--vendor', 'widgets', '--out', out], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, signal: run.signal, stderr: run.stderr, out };
}

describe('a spec too large for the heap ends in VMCP_HEAP_LIMIT, never a V8 crash', () => {
  it('refuses under small heaps with the limit and the fix, writes nothing, and generates once the heap suffices', () => {
    // From "cannot even parse it" to "fits": every limit ends in exit 0 or the diagnostic, none in an abort.
    const runs = [64, 128, 192, 256].map((heapMb) => ({ heapMb, ...generate(heapMb) }));
    for (const run of runs) {
      expect(run.signal, `heap ${run.heapMb} MB`).toBeNull();
      expect(run.stderr, `heap ${run.heapMb} MB`).not.toContain('FATAL ERROR');
      expect([0, 1], `heap ${run.heapMb} MB: ${run.stderr.slice(0, 400)}`).toContain(run.status);
      if (run.status === 1) {
        expect(run.stderr).toContain('VMCP_HEAP_LIMIT');
        expect(run.stderr).toMatch(/of the \d+ MB this Node process may use/);
        expect(run.stderr).toContain('fix: Run again with a larger heap, NODE_OPTIONS=--max-old-space-size=');
        expect(run.stderr).toContain('Nothing was written');
        expect(existsSync(run.out)).toBe(false);
      }
    }
    expect(runs[0]!.status).toBe(1);
    expect(runs.at(-1)!.status).toBe(0);
    expect(existsSync(path.join(runs.at(-1)!.out, 'tools.json'))).toBe(true);
  }, 240_000);
});

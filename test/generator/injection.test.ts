import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledPackage } from '../support/compiled-package.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

const HOSTILE = 'Ends a comment */ opens `a template ${process.exit(1)}` and </script><script>alert(1)</script> \\u2028 "quoted" \'single\'';
const KEY = 'we*/ird`${key}';

const doc = {
  openapi: '3.1.0',
  info: { title: HOSTILE, version: '1', description: HOSTILE },
  servers: [{ url: 'https://inject.test/v1' }],
  'x-mcp': { vendor: 'Inject', package: 'inject', title: HOSTILE, envPrefix: 'INJECT', auth: { scheme: 'bearerAuth', env: 'INJECT_TOKEN' }, headers: { 'X-Note': HOSTILE } },
  components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
  paths: {
    '/things/{id}': {
      put: {
        summary: HOSTILE,
        'x-mcp': { resource: 'thing', method: 'update', description: HOSTILE, tags: [HOSTILE] },
        parameters: [{ name: 'id', in: 'path', required: true, description: HOSTILE, schema: { type: 'string', pattern: '^[a-z*/`$]+$' } }],
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'object', properties: { [KEY]: { type: 'string', enum: [HOSTILE, '*/'], default: HOSTILE, description: HOSTILE } } },
            },
          },
        },
        responses: { 200: { description: HOSTILE } },
      },
    },
  },
};

describe('text from documents never becomes code', () => {
  const dir = path.join(REPO_ROOT, '.cache', `injection-${process.pid}`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles, and carries every hostile string as data', async () => {
    const { diagnostics, load } = compiledPackage({ text: JSON.stringify(doc), file: 'inject.json', dir });
    expect(diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    const { tools } = (await load('tools/index.js')) as { tools: { description: string; title: string; tags: string[]; inputSchema: { properties: Record<string, { properties?: Record<string, { enum?: unknown[] }> }> }; input: () => { safeParse: (v: unknown) => { success: boolean } } }[] };
    const { vendor } = (await load('vendor.js')) as { vendor: { title: string; headers: Record<string, string> } };
    const [tool] = tools;
    expect(tool!.description).toBe(HOSTILE);
    expect(tool!.title).toBe('Update a inject thing by id');
    expect(tool!.tags).toStrictEqual([HOSTILE]);
    expect(Object.keys(tool!.inputSchema.properties)).toStrictEqual(['id', 'we_ird_key', 'dry_run']);
    expect(vendor.title).toBe(HOSTILE);
    expect(vendor.headers['X-Note']).toBe(HOSTILE);
    expect(tool!.input().safeParse({ id: 'ab*/', we_ird_key: HOSTILE }).success).toBe(true);
    expect(tool!.input().safeParse({ id: 'ab*/', we_ird_key: 'other' }).success).toBe(false);
  });
});

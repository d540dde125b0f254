import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage } from '../../scripts/shared/build-generated.ts';
import { startStack, wire, type McpStack } from '../../scripts/shared/mcp-stack.ts';
import { REPO_ROOT, vendorsIn } from '../../scripts/shared/repo-root.ts';
import { startSimulator } from '../../scripts/simulator/index.ts';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { acmeProfile } from './acme-profile.ts';

// docs/adding-a-vendor.md, proved: a fourth vendor made of a vendor folder and a simulator profile
// generates, builds, serves and answers through the simulator, with no other list edited. The root
// sits under .cache/ so the built package resolves the repository's node_modules.
const root = mkdtempSync(path.join(REPO_ROOT, '.cache', 'fourth-vendor-'));
const docPath = path.join(root, 'vendor-docs', 'acme', 'openapi.yaml');
const packageDir = path.join(root, 'generated', 'acme');

describe('a fourth, test-only vendor: the vendor folder plus one registered profile', () => {
  let stack: McpStack;
  beforeAll(async () => {
    mkdirSync(path.dirname(docPath), { recursive: true });
    writeFileSync(docPath, MINIMAL_VENDOR_DOC);
    const generated = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'generator', 'cli.ts'), '--spec', docPath, '--vendor', 'acme', '--out', packageDir], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (generated.status !== 0) throw new Error(`generate failed:\n${generated.stderr}`);
    buildPackage(packageDir);
    stack = await startStack('acme', { packageDir, simulator: { profile: acmeProfile, docPath } });
  }, 240_000);
  afterAll(async () => {
    await stack?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('its folder alone puts it in the harness vendor list', () => {
    expect(vendorsIn(root)).toStrictEqual(['acme']);
  });

  it('generates a package whose tools come from its doc', () => {
    const tools = (JSON.parse(readFileSync(path.join(packageDir, 'tools.json'), 'utf8')) as { tools: { name: string }[] }).tools.map((tool) => tool.name);
    expect(tools).toStrictEqual(['create_a_acme_widget', 'list_all_acme_widgets']);
  });

  it('the built server lists through the simulator with the credential its server.json names', async () => {
    const { result, requests } = await stack.call('list_all_acme_widgets', {});
    expect([result.isError, result.structuredContent?.['items']]).toStrictEqual([undefined, [{ id: 'w-1', name: 'Sprocket' }]]);
    expect(requests.map(wire)).toStrictEqual([{ method: 'GET', path: '/widgets', query: {}, body: undefined, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
  });

  it('a write reaches the simulator once, validated against the doc, and the store keeps it', async () => {
    const created = await stack.call('create_a_acme_widget', { name: 'Flange' });
    expect([created.result.isError, created.result.structuredContent]).toStrictEqual([undefined, { id: 'w-2', name: 'Flange' }]);
    expect(created.requests.map(wire)).toStrictEqual([{ method: 'POST', path: '/widgets', query: {}, body: { name: 'Flange' }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    const listed = await stack.call('list_all_acme_widgets', {});
    expect(listed.result.structuredContent?.['items']).toStrictEqual([{ id: 'w-1', name: 'Sprocket' }, { id: 'w-2', name: 'Flange' }]);
  });

  it('the vendor error envelope comes from its profile', async () => {
    const { result } = await stack.call('create_a_acme_widget', { name: '' });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('a widget needs a name');
  });

  it('without its profile registered, the simulator refuses the vendor and says where to register it', async () => {
    await expect(startSimulator({ vendor: 'acme', docPath })).rejects.toThrow('no simulator is registered for vendor "acme" (registered: roserocket, malomo, edesk); register its profile in scripts/simulator/vendor-registry.ts');
  });
});

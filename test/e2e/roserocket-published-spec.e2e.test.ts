import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../scripts/simulator/index.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { packageBin } from '../../scripts/shared/package-bin.ts';

/**
 * A spec shaped like Rose Rocket's published Platform Model OpenAPI (3.0, servers, no security
 * scheme at all), written in our own words. Generated as it is, the server would send no
 * credentials: the generator must say so and name the fix, and --auth-file must give a server that
 * authenticates without the spec being edited.
 */
const PUBLISHED_SHAPE = {
  openapi: '3.0.0',
  info: { title: 'Rose Rocket Platform Model API', version: '1.0.0', description: '' },
  servers: [{ url: 'https://example-org.roserocket.com/api/v2/platformModel', description: 'The organization host.' }],
  paths: {
    '/userGroups': {
      get: {
        tags: ['User Groups'],
        summary: 'List user groups',
        description: 'Every user group of the organization.',
        operationId: 'listUserGroups',
        responses: { '200': { description: 'The groups.', content: { 'application/json': { schema: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } } } } } },
      },
    },
  },
};

const work = path.join(REPO_ROOT, '.cache', `published-spec-${process.pid}`);
const spec = path.join(work, 'platform-model.json');
const authFile = path.join(REPO_ROOT, 'vendor-docs', 'roserocket', 'published-spec-auth.yaml');

function generate(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'generator', 'cli.ts'), '--spec', spec, '--vendor', 'roserocket', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

describe('--spec on a document without a security scheme', () => {
  mkdirSync(work, { recursive: true });
  writeFileSync(spec, JSON.stringify(PUBLISHED_SHAPE, null, 2));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('warns that the server would send no credentials and names --auth-file as the fix', () => {
    const out = path.join(work, 'bare');
    const result = generate('--out', out);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('warning VMCP_PLAIN_SPEC_NO_AUTH: the document declares no security scheme, so the generated server sends no credentials');
    expect(result.stderr).toContain('fix: Declare the vendor\'s auth without editing the spec: pass --auth-file <file.yaml>');
    expect(readFileSync(path.join(out, 'src', 'vendor.ts'), 'utf8')).toContain('"kind": "none"');
  });

  it('with --auth-file the server fetches a token by the client-credentials grant and sends it, the spec unchanged', async () => {
    const before = readFileSync(spec, 'utf8');
    const out = path.join(work, 'authed');
    const result = generate('--out', out, '--auth-file', authFile);
    expect([result.status, result.stderr.includes('VMCP_PLAIN_SPEC_NO_AUTH')]).toStrictEqual([0, false]);
    expect(readFileSync(spec, 'utf8')).toBe(before);
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(out, 'tsconfig.json')], { stdio: 'pipe' });
    const sim = await startSimulator({ vendor: 'roserocket', token: 'granted-token', clientSecret: 'published-secret' });
    const client = new Client({ name: 'published-spec', version: '1.0.0' });
    try {
      const env = { ROSEROCKET_CLIENT_ID: 'c1', ROSEROCKET_CLIENT_SECRET: 'published-secret', ROSEROCKET_ORG_ID: 'o1', ROSEROCKET_USER_ID: 'u1', ROSEROCKET_AUTH_URL: `${sim.origin}/oauth/token`, ROSEROCKET_BASE_URL: sim.baseUrl };
      await client.connect(new StdioClientTransport({ command: process.execPath, args: [packageBin(out)], env: { ...getDefaultEnvironment(), ...env }, stderr: 'pipe' }));
      const { tools } = await client.listTools();
      const list = tools.find((tool) => tool.description?.includes('user group'))!;
      const called = await client.callTool({ name: list.name, arguments: {} });
      expect(called.isError).toBeUndefined();
      expect(sim.requests.map((r) => [r.method, r.path, r.headers['authorization'] ?? null])).toStrictEqual([
        ['POST', '/oauth/token', null],
        ['GET', '/userGroups', 'Bearer granted-token'],
      ]);
    } finally {
      await client.close();
      await sim.close();
    }
  }, 120_000);
});

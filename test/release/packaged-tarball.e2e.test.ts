import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, VENDORS } from '../../scripts/shared/repo-root.ts';

/**
 * What `server.json` must satisfy for the official MCP Registry (schema 2025-12-11), written from
 * the registry's published rules for an npm package over stdio (the schema file is not on npm).
 */
const SERVER_JSON_RULES = {
  type: 'object',
  required: ['$schema', 'name', 'description', 'version', 'packages'],
  properties: {
    $schema: { const: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json' },
    name: { type: 'string', pattern: '^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$', minLength: 3, maxLength: 200 },
    description: { type: 'string', minLength: 1, maxLength: 100 },
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
    title: { type: 'string' },
    _meta: { type: 'object', propertyNames: { const: 'io.modelcontextprotocol.registry/publisher-provided' } },
    packages: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['registryType', 'identifier', 'version', 'transport'],
        properties: {
          registryType: { const: 'npm' },
          registryBaseUrl: { const: 'https://registry.npmjs.org' },
          identifier: { type: 'string', minLength: 1 },
          version: { type: 'string', not: { const: 'latest' } },
          runtimeHint: { const: 'npx' },
          transport: { type: 'object', required: ['type'], properties: { type: { const: 'stdio' } } },
          environmentVariables: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name'],
              additionalProperties: false,
              properties: { name: { type: 'string' }, description: { type: 'string' }, isRequired: { type: 'boolean' }, isSecret: { type: 'boolean' }, format: { enum: ['string', 'number', 'boolean', 'filepath'] } },
            },
          },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

type Packed = { readonly vendor: string; readonly tarball: string };

/** Outside /work, so nothing resolves through the monorepo's node_modules. */
const work = mkdtempSync(path.join(os.tmpdir(), 'vendor-mcp-tarball-'));
const project = path.join(work, 'project');
const packed: Packed[] = [];
let releaseOutput = '';

function installed(vendor: string, file: string): string {
  return path.join(project, 'node_modules', '@vendor-mcp', vendor, file);
}

describe('packed tarballs install and run on their own (npm registry only)', () => {
  beforeAll(() => {
    // The release command's dry run packs exactly what `npm publish` would upload.
    releaseOutput = execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'release', 'release.ts'), '--dry-run', '--all', '--out', path.join(work, 'tarballs')], { cwd: REPO_ROOT, encoding: 'utf8' });
    for (const match of releaseOutput.matchAll(/^ {2}tarball (.+vendor-mcp-(\w+)-[\d.]+\.tgz)$/gm)) packed.push({ vendor: match[2]!, tarball: match[1]! });
    mkdirSync(project, { recursive: true });
    writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'tarball-check', private: true, version: '1.0.0' })}\n`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packed.map((p) => p.tarball)], { cwd: project, stdio: 'inherit' });
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the release dry run packs every package with its registry and bundle manifests', () => {
    expect(packed.map((p) => p.vendor).sort()).toStrictEqual([...VENDORS]);
    for (const vendor of VENDORS) {
      expect(releaseOutput).toMatch(new RegExp(`^would publish @vendor-mcp/${vendor}@\\d+\\.\\d+\\.\\d+ \\(\\d+ files`, 'm'));
    }
    for (const file of ['CHANGELOG.md', 'README.md', 'manifest.json', 'package.json', 'server.json', 'tools.json', 'dist/ (']) expect(releaseOutput.split(file).length - 1).toBe(3);
    expect(releaseOutput).not.toContain('src/');
  });

  it('dependencies came from the npm registry, our packages from the tarballs, all inside the temp project', () => {
    // This machine's npm omits registry `resolved` URLs from lockfiles; integrity hashes remain.
    const lock = JSON.parse(readFileSync(path.join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string; integrity?: string; link?: boolean }> };
    const entries = Object.entries(lock.packages).filter(([key]) => key !== '');
    for (const [key, entry] of entries) {
      expect(entry.link, key).toBeUndefined();
      expect(entry.integrity, key).toMatch(/^sha512-/);
      if (key.startsWith('node_modules/@vendor-mcp/')) expect(entry.resolved, key).toMatch(/^file:/);
      else expect(entry.resolved ?? 'https://registry.npmjs.org/', key).toMatch(/^https:\/\/registry\.npmjs\.org\//);
      expect(realpathSync(path.join(project, key)).startsWith(realpathSync(project)), key).toBe(true);
    }
    expect(entries.map(([key]) => key)).toEqual(expect.arrayContaining(['node_modules/@modelcontextprotocol/server', 'node_modules/zod']));
  });

  it.each(VENDORS)('%s: the installed bin answers tools/list over stdio with the packaged tools.json', async (vendor) => {
    const bin = path.join(project, 'node_modules', '.bin', `${vendor}-mcp`);
    const server = JSON.parse(readFileSync(installed(vendor, 'server.json'), 'utf8')) as { packages: { environmentVariables: { name: string; isSecret: boolean }[] }[] };
    const secrets = Object.fromEntries(server.packages[0]!.environmentVariables.filter((env) => env.isSecret).map((env) => [env.name, 'tarball-test']));
    const client = new Client({ name: 'tarball-check', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: bin, env: { ...getDefaultEnvironment(), ...secrets }, cwd: project, stderr: 'pipe' }));
    try {
      const { tools } = await client.listTools();
      const snapshot = JSON.parse(readFileSync(installed(vendor, 'tools.json'), 'utf8')) as { tools: unknown[] };
      // The display title is listed once, as annotations.title (generator/shared/tool-surface.ts): a top-level title would be a regression.
      expect(tools.map(({ name, title, description, inputSchema, outputSchema, annotations, _meta }) => ({ name, ...(title !== undefined ? { title } : {}), description, inputSchema, outputSchema, annotations, _meta }))).toStrictEqual(snapshot.tools);
    } finally {
      await client.close();
    }
  });

  it.each(VENDORS)('%s: the installed package ships its V8 code cache, and a `node` of the version that packed it takes it', (vendor) => {
    const script = `import { loadBundle } from ${JSON.stringify(installed(vendor, 'dist/runtime/code-cache.js'))}; process.stdout.write(String(loadBundle(${JSON.stringify(installed(vendor, 'dist/server.cjs'))}).cacheAccepted));`;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' })).toBe('true');
  });

  it.each(VENDORS)('%s: server.json meets the MCP Registry rules and agrees with package.json', (vendor) => {
    const server = JSON.parse(readFileSync(installed(vendor, 'server.json'), 'utf8')) as Record<string, any>;
    const manifest = JSON.parse(readFileSync(installed(vendor, 'package.json'), 'utf8')) as Record<string, any>;
    const validate = new Ajv({ strict: false }).compile(SERVER_JSON_RULES);
    expect(validate(server), JSON.stringify(validate.errors)).toBe(true);
    expect(server['name']).toBe(manifest['mcpName']);
    expect([server['version'], server['packages'][0].version, server['packages'][0].identifier]).toStrictEqual([manifest['version'], manifest['version'], manifest['name']]);
    const secret = (server['packages'][0].environmentVariables as { name: string; isSecret: boolean }[]).filter((env) => env.isSecret).map((env) => env.name);
    expect(secret).toStrictEqual(
      { edesk: ['EDESK_API_TOKEN'], malomo: ['MALOMO_API_KEY'], roserocket: ['ROSEROCKET_ACCESS_TOKEN', 'ROSEROCKET_CLIENT_SECRET'] }[vendor],
    );
  });

  it.each(VENDORS)('%s: manifest.json passes `mcpb validate` and points at the shipped bin', (vendor) => {
    const out = execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'mcpb'), ['validate', installed(vendor, 'manifest.json')], { encoding: 'utf8' });
    expect(out).toContain('Manifest schema validation passes!');
    const bundle = JSON.parse(readFileSync(installed(vendor, 'manifest.json'), 'utf8')) as { server: { entry_point: string }; version: string };
    expect(readFileSync(installed(vendor, bundle.server.entry_point), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_OUTPUT_SCHEMA_BUDGET } from '../../generator/ir/from-openapi/output-budget.ts';
import { readAssets } from '../../generator/load/read-assets.ts';
import { readSpecFile } from '../../generator/load/read-inputs.ts';
import { generatePackage } from '../../generator/pipeline.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { modelVisibleTokens } from '../../generator/shared/model-tokens.ts';
import { packageBin } from '../../scripts/shared/package-bin.ts';
import { tokenCountMismatches, toolTexts } from '../../scripts/shared/token-oracle.ts';

/** GitHub's REST description ships in an npm package, so nothing large is committed here. */
const GITHUB_SPEC = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');

function walk(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) value.forEach((item) => walk(item, visit));
  else if (typeof value === 'object' && value !== null) {
    visit(value as Record<string, unknown>);
    Object.values(value).forEach((item) => walk(item, visit));
  }
}

describe('a large real public spec nobody here wrote (GitHub REST, ~1,100 operations, 13 MB)', () => {
  const out = path.join(REPO_ROOT, '.cache', `github-${process.pid}`);
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const loaded = readSpecFile(GITHUB_SPEC);
  if ('diagnostics' in loaded) throw new Error('the GitHub spec did not load');
  const result = generatePackage({ document: loaded.document, assets: readAssets(REPO_ROOT), regenerate: 'test', plain: { slug: 'github' } });
  const tools = result.api?.tools ?? [];

  it('generates with no errors, leaving out only what it cannot send, with reasons', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    expect(tools.length).toBeGreaterThan(1100);
    expect(result.api?.omitted.map((o) => o.reason)).toStrictEqual([
      'request body media type text/plain, text/x-markdown is not supported',
      'request body media type application/octet-stream is not supported',
    ]);
  });

  it('emits client-safe tool surfaces: valid unique names, object roots, no $ref, no allOf, arrays with items', () => {
    const names = tools.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(tool.inputSchema['type']).toBe('object');
      expect(tool.description.length).toBeGreaterThan(0);
      walk(tool.inputSchema, (node) => {
        expect(node['$ref']).toBeUndefined();
        expect(node['allOf']).toBeUndefined();
        if (node['type'] === 'array') expect(node['items']).toBeDefined();
      });
      walk(tool.outputSchema, (node) => {
        if (node['type'] === 'array') expect(node['items']).toBeDefined();
      });
    }
  });

  it('keeps every output schema within the default budget, and says how many it coarsened', () => {
    const oversized = tools.filter((tool) => JSON.stringify(tool.outputSchema).length > DEFAULT_OUTPUT_SCHEMA_BUDGET).map((tool) => tool.name);
    expect(oversized).toStrictEqual([]);
    const notes = result.diagnostics.filter((d) => d.code === 'VMCP_OUTPUT_SCHEMA_COLLAPSED');
    expect(notes.map((d) => d.severity)).toStrictEqual(['info']);
    expect(notes[0]!.message).toMatch(/^\d{2,} of \d+ tools had an output schema over 4096 characters \(the default budget\)/);
  });

  it('counts every tool text it records in tools.json as gpt-tokenizer counts it (o200k_base)', () => {
    const snapshot = result.files?.find((file) => file.path === 'tools.json');
    const texts = toolTexts(snapshot!.contents);
    expect(texts.length).toBe(tools.length);
    expect(tokenCountMismatches(texts)).toStrictEqual([]);
  });

  // Written and compiled once, by whichever test needs it first, so each test also passes alone.
  let build: Promise<void> | undefined;
  const built = () => {
    build ??= (async () => {
      for (const file of result.files ?? []) {
        mkdirSync(path.dirname(path.join(out, file.path)), { recursive: true });
        writeFileSync(path.join(out, file.path), file.contents);
      }
      execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(out, 'tsconfig.json')], { stdio: 'pipe' });
    })();
    return build;
  };

  it('type-checks, builds, starts on stdio and lists every tool with --tools-mode all', async () => {
    await built();
    const transport = new StdioClientTransport({ command: process.execPath, args: [packageBin(out), '--tools-mode', 'all'], env: { ...getDefaultEnvironment(), GITHUB_TOKEN: 'x' }, stderr: 'pipe' });
    const client = new Client({ name: 'large-spec', version: '1.0.0' });
    await client.connect(transport);
    const listed = await client.listTools();
    await client.close();
    expect(listed.tools.map((t) => t.name)).toStrictEqual(tools.map((t) => t.name));
  }, 180_000);

  it('by default (auto, over 200 tools) the same build serves discovery mode: three meta-tools under 1,500 model-visible tokens, and search finds by words', async () => {
    await built();
    const transport = new StdioClientTransport({ command: process.execPath, args: [packageBin(out)], env: { ...getDefaultEnvironment(), GITHUB_TOKEN: 'x' }, stderr: 'pipe' });
    const client = new Client({ name: 'large-spec-discovery', version: '1.0.0' });
    await client.connect(transport);
    const listed = await client.listTools();
    const found = await client.callTool({ name: 'search_tools', arguments: { query: 'list pull requests', limit: 5 } });
    await client.close();
    expect(listed.tools.map((t) => t.name)).toStrictEqual(['search_tools', 'get_tool_schemas', 'call_tool']);
    expect(listed.tools.reduce((sum, tool) => sum + modelVisibleTokens(tool), 0)).toBeLessThan(1_500);
    expect((found.structuredContent as { tools: { name: string }[] }).tools.map((t) => t.name).some((name) => /pull/.test(name))).toBe(true);
  }, 180_000);
});

import { execFileSync, execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../scripts/simulator/index.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { createToken, freePort, MALOMO_BIN, startHttpServer, type HttpServer } from './http-stack.ts';
import { startAuthorizationServer } from './oauth-provider.ts';
import { packageBin } from '../../scripts/shared/package-bin.ts';

const run = promisify(execFile);
const README = readFileSync(path.join(REPO_ROOT, 'generated', 'malomo', 'README.md'), 'utf8');
const PACKAGE_CALL = 'npx -y @vendor-mcp/malomo ';
const VENDOR_KEY = 'readme-vendor-key-4b1d';
const TOOLS = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', 'malomo', 'tools.json'), 'utf8')) as { tools: { name: string; annotations: { readOnlyHint: boolean } }[] }).tools;

/** The fenced blocks under one `## heading` of the generated README. */
function blocks(heading: string): string[] {
  const section = README.split(/^## /m).find((s) => s.startsWith(heading)) ?? '';
  return [...section.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** The arguments of the README line that runs the package and contains `marker`: exactly as shown. */
function packageArgs(marker: string): string[] {
  const line = blocks('Serve over HTTP')[0]!.split('\n').find((l) => l.startsWith(PACKAGE_CALL) && l.includes(marker))!;
  return line.slice(PACKAGE_CALL.length).split(' ');
}

let sim: Simulator;
let server: HttpServer;
let token: string;
let secret: string;

beforeAll(async () => {
  sim = await startSimulator({ vendor: 'malomo', token: VENDOR_KEY });
  // The README's own way of making a secret.
  const exported = blocks('Serve over HTTP')[0]!.split('\n')[0]!;
  expect(exported).toBe('export MCP_TOKEN_SECRET="$(openssl rand -hex 32)"');
  secret = execFileSync('bash', ['-c', `${exported} && printf %s "$MCP_TOKEN_SECRET"`]).toString();
  token = await createToken({ args: packageArgs('token create'), secret, exactArgs: true });
  // The README serves on port 3000; the test takes any free port, and nothing else differs.
  const serveArgs = packageArgs('--transport http');
  expect(serveArgs).toStrictEqual(['--transport', 'http', '--port', '3000']);
  server = await startHttpServer({ args: [...serveArgs.slice(0, -1), '0'], exactArgs: true, env: { MCP_TOKEN_SECRET: secret, MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl } });
});
afterAll(async () => {
  await server?.stop();
  await sim?.close();
});

const readTools = () => TOOLS.filter((t) => t.annotations.readOnlyHint).map((t) => t.name).sort();
const withPort = (url: string) => url.replace('127.0.0.1:3000', `127.0.0.1:${server.port}`);

async function listWith(input: { readonly url: string; readonly headers: Record<string, string>; readonly port?: number }): Promise<string[]> {
  const client = new Client({ name: 'readme-config', version: '1.0.0' });
  const url = input.url.replace('127.0.0.1:3000', `127.0.0.1:${input.port ?? server.port}`);
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: input.headers } }));
  const names = (await client.listTools()).tools.map((t) => t.name).sort();
  await client.close();
  return names;
}

describe('the generated README, pasted', () => {
  it('token create + --transport http: the read token sees exactly the read tools through the Cursor config', async () => {
    const cursor = JSON.parse(blocks('Connect a client').find((b) => b.includes('"mcpServers"'))!) as { mcpServers: Record<string, { url: string; headers: Record<string, string> }> };
    const entry = cursor.mcpServers['malomo']!;
    expect(await listWith({ url: entry.url, headers: { Authorization: entry.headers['Authorization']!.replace('<token>', token) } })).toStrictEqual(readTools());
  });

  it('the VS Code config, with its input filled in', async () => {
    const vscode = JSON.parse(blocks('Connect a client').find((b) => b.includes('"inputs"'))!) as { inputs: { id: string }[]; servers: Record<string, { type: string; url: string; headers: Record<string, string> }> };
    const entry = vscode.servers['malomo']!;
    expect(entry.type).toBe('http');
    const header = entry.headers['Authorization']!.replace(`\${input:${vscode.inputs[0]!.id}}`, token);
    expect(await listWith({ url: entry.url, headers: { Authorization: header } })).toStrictEqual(readTools());
  });

  it('the Inspector command', async () => {
    const line = blocks('Connect a client').find((b) => b.startsWith('npx @modelcontextprotocol/inspector'))!.trim();
    const args = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).slice(2).map((a) => withPort(a.replace('<token>', token)));
    const { stdout } = await run(path.join(REPO_ROOT, 'node_modules', '.bin', 'inspector'), [...args, '--format', 'json'], { timeout: 60_000 });
    expect((JSON.parse(stdout) as { result: { tools: { name: string }[] } }).result.tools.map((t) => t.name).sort()).toStrictEqual(readTools());
  });

  it('the URL-token block (ChatGPT, Claude connectors): a client given only the printed URL lists the read tools', async () => {
    const [serveLine, tokenLine] = blocks('Connect a client')[0]!.trim().split('\n') as [string, string];
    const serveArgs = serveLine.slice(PACKAGE_CALL.length).split(' ');
    expect(serveArgs).toStrictEqual(['--transport', 'http', '--port', '3000', '--token-in-url', '--public-url', 'https://mcp.example.com']);
    const urlServer = await startHttpServer({ args: serveArgs.map((a) => (a === '3000' ? '0' : a)), exactArgs: true, env: { MCP_TOKEN_SECRET: secret, MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl } });
    try {
      const printed = await createToken({ args: tokenLine.slice(PACKAGE_CALL.length).split(' '), secret, exactArgs: true });
      expect(printed).toMatch(/^https:\/\/mcp\.example\.com\/mcp\/eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
      // The proxy's job, done here by hand: https://mcp.example.com is this socket.
      const client = new Client({ name: 'readme-url-only', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(printed.replace('https://mcp.example.com', urlServer.origin))));
      expect((await client.listTools()).tools.map((t) => t.name).sort()).toStrictEqual(readTools());
      await client.close();
      expect(urlServer.stderr()).not.toContain(printed.split('/').pop()!.split('.')[2]);
    } finally {
      await urlServer.stop();
    }
  });

  it('the OAuth block: served as written (issuer and public URL swapped for local ones), it points clients at its metadata and accepts that issuer\'s tokens', async () => {
    const line = blocks('Connect a client')[1]!.trim();
    const args = line.slice(PACKAGE_CALL.length).split(' ');
    expect(args).toStrictEqual(['--transport', 'http', '--port', '3000', '--auth', 'oauth', '--authorization-server', 'https://auth.example.com', '--public-url', 'https://mcp.example.com']);
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const as = await startAuthorizationServer({ resource: `${publicUrl}/mcp`, scopes: ['malomo:read'] });
    const local = args.map((a) => ({ '3000': String(port), 'https://auth.example.com': as.issuer, 'https://mcp.example.com': publicUrl })[a] ?? a);
    const oauthServer = await startHttpServer({ args: local, exactArgs: true, env: { MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl } });
    try {
      const challenge = await fetch(`${publicUrl}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
      expect(challenge.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${publicUrl}/.well-known/oauth-protected-resource/mcp", scope="malomo:read malomo:write"`);
      const now = Math.floor(Date.now() / 1000);
      const token = await as.sign({ iss: as.issuer, aud: `${publicUrl}/mcp`, sub: 'user-1', scope: 'malomo:read', iat: now, exp: now + 300 });
      expect(await listWith({ url: `${publicUrl}/mcp`.replace(String(port), '3000'), headers: { Authorization: `Bearer ${token}` }, port })).toStrictEqual(readTools());
    } finally {
      await oauthServer.stop();
      await as.close();
    }
  });

  it('the stdio scope example lists read tools tagged with the example tag', async () => {
    const line = blocks('Choose the tools').find((b) => b.startsWith(PACKAGE_CALL))!.trim();
    const args = line.slice(PACKAGE_CALL.length).split(' ');
    expect(args).toStrictEqual(['--methods', 'read', '--tags', 'orders']);
    const client = new Client({ name: 'readme-stdio', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [MALOMO_BIN, ...args], env: { MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl } }));
    const names = (await client.listTools()).tools.map((t) => t.name).sort();
    await client.close();
    expect(names).toStrictEqual(['get_single_malomo_order_by_id', 'get_single_malomo_orders_by_alternate_id_by_id', 'get_single_malomo_orders_by_number_by_id', 'get_single_malomo_orders_by_tracking_code_by_id', 'list_all_malomo_order_events', 'list_all_malomo_orders']);
  });
});

describe('docs/operations.md, pasted', () => {
  const REPO_README = readFileSync(path.join(REPO_ROOT, 'docs', 'operations.md'), 'utf8');
  const block = (REPO_README.split(/^## /m).find((s) => s.startsWith('Serving over HTTP, tokens and scoping'))!.match(/```sh\n([\s\S]*?)```/)![1]!).trim().split('\n');

  it('secret, token create, serve, Inspector: exactly the 14 read tools', async () => {
    expect(block[0]).toBe('export MCP_TOKEN_SECRET="$(openssl rand -hex 32)"');
    const tokenLine = /^TOKEN="\$\(node generated\/malomo\/dist\/bin\.cjs (.*)\)"$/.exec(block[1]!)!;
    const serveLine = /^MALOMO_BASE_URL=http:\/\/127\.0\.0\.1:4010 MALOMO_API_KEY=test-token node generated\/malomo\/dist\/bin\.cjs (.*) &$/.exec(block[2]!)!;
    const inspectorLine = block[3]!;
    expect(inspectorLine).toBe('npx @modelcontextprotocol/inspector --cli http://127.0.0.1:3000/mcp --method tools/list --header "Authorization: Bearer $TOKEN"');
    const repoSecret = execFileSync('bash', ['-c', `${block[0]} && printf %s "$MCP_TOKEN_SECRET"`]).toString();
    const repoToken = await createToken({ args: tokenLine[1]!.split(' '), secret: repoSecret, exactArgs: true });
    // The simulator's default token is the README's `test-token`; only the ports differ.
    const repoSim = await startSimulator({ vendor: 'malomo' });
    const serveArgs = serveLine[1]!.split(' ');
    expect(serveArgs.slice(-2)).toStrictEqual(['--port', '3000']);
    const repoServer = await startHttpServer({ args: [...serveArgs.slice(0, -1), '0'], exactArgs: true, env: { MCP_TOKEN_SECRET: repoSecret, MALOMO_API_KEY: 'test-token', MALOMO_BASE_URL: repoSim.baseUrl } });
    try {
      const { stdout } = await run(path.join(REPO_ROOT, 'node_modules', '.bin', 'inspector'), ['--cli', repoServer.url, '--method', 'tools/list', '--header', `Authorization: Bearer ${repoToken}`, '--format', 'json'], { timeout: 60_000 });
      const names = (JSON.parse(stdout) as { result: { tools: { name: string }[] } }).result.tools.map((t) => t.name).sort();
      expect(names).toStrictEqual(readTools());
      expect(names).toHaveLength(14);
    } finally {
      await repoServer.stop();
      await repoSim.close();
    }
  });
});

describe('every generated README: the stdio scope example starts and keeps some tools', () => {
  it.each<{ readonly vendor: string; readonly env: Record<string, string> }>([
    { vendor: 'edesk', env: { EDESK_API_TOKEN: 'x' } },
    { vendor: 'roserocket', env: { ROSEROCKET_ACCESS_TOKEN: 'x' } },
  ])('$vendor', async ({ vendor, env }) => {
    const readme = readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'README.md'), 'utf8');
    const call = `npx -y @vendor-mcp/${vendor} `;
    const line = readme.split('\n').find((l) => l.startsWith(`${call}--methods`))!;
    const client = new Client({ name: 'readme-stdio', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [packageBin(path.join(REPO_ROOT, 'generated', vendor)), ...line.slice(call.length).split(' ')], env }));
    const names = (await client.listTools()).tools.map((t) => t.name);
    await client.close();
    const all = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'tools.json'), 'utf8')) as { tools: { name: string }[] }).tools.map((t) => t.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.length).toBeLessThan(all.length);
    expect(all).toEqual(expect.arrayContaining(names));
  });
});

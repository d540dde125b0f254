import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { packageBin } from '../../scripts/shared/package-bin.ts';

const run = promisify(execFile);
export const MALOMO_BIN = packageBin(path.join(REPO_ROOT, 'generated', 'malomo'));
export const SECRET = 'e2e-secret-7d1c2b9a0f3e4d5c6b7a8f9e0d1c2b3a';

export type HttpServer = { readonly url: string; readonly origin: string; readonly port: number; stderr(): string; stop(): Promise<void>; kill(): Promise<void> };

/**
 * The built Malomo server as a child process on `--transport http --port 0`; the bound URL is read
 * from its `started` log line. Only the given environment is passed, as a deployment would.
 */
export async function startHttpServer(input: { readonly args: readonly string[]; readonly env: Readonly<Record<string, string>>; readonly exactArgs?: boolean }): Promise<HttpServer> {
  const args = input.exactArgs ? input.args : ['--transport', 'http', '--port', '0', ...input.args];
  const child: ChildProcess = spawn(process.execPath, [MALOMO_BIN, ...args], { env: { PATH: process.env['PATH'] ?? '', ...input.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /"url":"([^"]+)"/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
    /** SIGKILL: the replica dies at once, mid-request, as a crashed or evicted pod would. */
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** `malomo-mcp token create …` exactly as the README shows it; the token is the only stdout line. */
export async function createToken(input: { readonly args: readonly string[]; readonly secret?: string; readonly exactArgs?: boolean }): Promise<string> {
  const args = input.exactArgs ? input.args : ['token', 'create', ...input.args];
  const { stdout } = await run(process.execPath, [MALOMO_BIN, ...args], { env: { PATH: process.env['PATH'] ?? '', MCP_TOKEN_SECRET: input.secret ?? SECRET } });
  return stdout.trim();
}

/** An SDK client over Streamable HTTP; `era: 'modern'` negotiates 2026-07-28, the default stays on 2025-11-25. */
export async function httpClient(input: { readonly url: string; readonly token?: string; readonly era?: 'legacy' | 'modern' }): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(input.url), input.token ? { requestInit: { headers: { Authorization: `Bearer ${input.token}` } } } : {});
  const client = new Client({ name: 'vendor-mcp-http-e2e', version: '1.0.0' }, input.era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {});
  await client.connect(transport);
  return client;
}

export type RawResponse = { readonly status: number; readonly headers: Record<string, string | string[] | undefined>; readonly body: string };

/** node:http, not fetch: it lets a probe send any Host header, as a DNS-rebinding page would. */
export function rawPost(input: { readonly port: number; readonly path?: string; readonly method?: string; readonly headers: Record<string, string>; readonly body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: input.port, path: input.path ?? '/mcp', method: input.method ?? 'POST', headers: input.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (input.body !== undefined) req.write(input.body);
    req.end();
  });
}

export const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' } as const;

/** A 2025-era JSON-RPC request body, as a stateless client sends it. */
export function rpc(input: { readonly method: string; readonly params?: Record<string, unknown> }): string {
  return JSON.stringify({ jsonrpc: '2.0', id: 1, method: input.method, params: input.params ?? {} });
}

/** The JSON-RPC message of an answer that is either JSON or one SSE `data:` frame. */
export function rpcBody(response: RawResponse): { result?: Record<string, unknown>; error?: { code: number; message: string } } {
  const data = response.body.startsWith('{') ? response.body : (/^data: (.*)$/m.exec(response.body)?.[1] ?? '{}');
  return JSON.parse(data) as { result?: Record<string, unknown>; error?: { code: number; message: string } };
}

/** A port free right now, for servers that must know their own URL before they start (OAuth resource). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

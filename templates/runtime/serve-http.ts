import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createMcpHandler, type McpServer } from '@modelcontextprotocol/server';
import { authenticate, type AuthSettings, type Principal } from './bearer-auth.ts';
import { checkHost, checkOrigin, hostPolicy } from './http-guards.ts';
import type { Logger } from './logger.ts';
import type { HttpOptions } from './server-options.ts';

export const MCP_PATH = '/mcp';
export const HEALTH_PATH = '/healthz';

type JsonRpcErrorBody = { readonly jsonrpc: '2.0'; readonly error: { readonly code: number; readonly message: string }; readonly id: null };

const rpcError = (input: { readonly code: number; readonly message: string }): JsonRpcErrorBody => ({ jsonrpc: '2.0', error: input, id: null });

function sendJson(input: { readonly res: ServerResponse; readonly status: number; readonly body: unknown; readonly headers?: Readonly<Record<string, string>> }): void {
  const text = JSON.stringify(input.body);
  input.res.writeHead(input.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...input.headers });
  input.res.end(text);
}

class BodyTooLarge extends Error {}

/** Reads at most `limit` bytes; a declared or actual length above it is refused before parsing. */
async function readBody(input: { readonly req: IncomingMessage; readonly limit: number }): Promise<Buffer> {
  const declared = Number(input.req.headers['content-length']);
  if (Number.isFinite(declared) && declared > input.limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > input.limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The web `Request` the SDK handler reads: the client's bearer token is left behind on purpose. */
function webRequest(input: { readonly req: IncomingMessage; readonly body: Buffer | undefined }): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(input.req.headers)) {
    if (value === undefined || name === 'authorization' || name === 'cookie') continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const url = `http://${input.req.headers.host ?? 'localhost'}${input.req.url ?? '/'}`;
  return new Request(url, { method: input.req.method ?? 'GET', headers, ...(input.body !== undefined && input.body.length > 0 ? { body: new Uint8Array(input.body) } : {}) });
}

async function writeWebResponse(input: { readonly res: ServerResponse; readonly response: Response }): Promise<void> {
  const { res, response } = input;
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.on('close', () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

export type HttpServing = { readonly server: Server; readonly url: string; close(): Promise<void> };

/**
 * Stateless Streamable HTTP on `MCP_PATH`, both protocol eras through the SDK's own handler (one
 * fresh server per request, so any replica can answer anything). In front of it, in order:
 * Host and Origin (403), bearer token (401), token scope (403), body size (413), JSON (-32700).
 */
export async function serveHttp(input: {
  readonly options: HttpOptions;
  readonly auth: AuthSettings;
  /** Whether the caller's scope leaves any tool of this server. */
  readonly grants: (principal: Principal) => boolean;
  /** A fresh server for one request, narrowed to the caller's scope. */
  readonly serverFor: (principal: Principal) => McpServer;
  readonly health: Readonly<Record<string, unknown>>;
  readonly log: Logger;
  readonly now?: () => number;
}): Promise<HttpServing> {
  const { options, log } = input;
  const now = input.now ?? Date.now;
  const policy = hostPolicy({ bindHost: options.host, allowedHosts: options.allowedHosts, allowedOrigins: options.allowedOrigins });
  const handler = createMcpHandler(
    (ctx) => {
      const principal = ctx.authInfo?.extra?.['principal'] as Principal;
      return input.serverFor(principal);
    },
    { onerror: (error) => log('transport_error', { message: error.message }), maxRequestBodySize: options.maxBodyBytes },
  );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) return sendJson({ res, status: 200, body: { status: 'ok', ...input.health } });
    for (const verdict of [checkHost({ policy, host: req.headers.host }), checkOrigin({ policy, origin: req.headers.origin })]) {
      if (!verdict.allowed) return sendJson({ res, status: 403, body: rpcError({ code: -32000, message: verdict.message }) });
    }
    if (path !== MCP_PATH) return sendJson({ res, status: 404, body: rpcError({ code: -32000, message: `Not found: the MCP endpoint is ${MCP_PATH}.` }) });
    const auth = authenticate({ settings: input.auth, authorization: req.headers.authorization, now: now() });
    if ('reason' in auth) {
      log('unauthorized', { reason: auth.reason });
      // RFC 6750 §3: a request without credentials gets a bare challenge; a bad token gets the error.
      const challenge = req.headers.authorization ? `Bearer error="invalid_token", error_description=${JSON.stringify(auth.reason.replace(/"/g, "'"))}` : 'Bearer';
      return sendJson({ res, status: 401, body: rpcError({ code: -32001, message: `Unauthorized: ${auth.reason}` }), headers: { 'www-authenticate': challenge } });
    }
    if (!input.grants(auth.principal)) {
      return sendJson({ res, status: 403, body: rpcError({ code: -32003, message: `Forbidden: the token ${JSON.stringify(auth.principal.name)} grants no tool that this server offers.` }) });
    }
    let body: Buffer | undefined;
    let parsedBody: unknown;
    if (req.method === 'POST') {
      try {
        body = await readBody({ req, limit: options.maxBodyBytes });
      } catch (error) {
        if (error instanceof BodyTooLarge) return sendJson({ res, status: 413, body: rpcError({ code: -32000, message: `Payload too large: the limit is ${options.maxBodyBytes} bytes.` }), headers: { connection: 'close' } });
        throw error;
      }
      try {
        parsedBody = JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson({ res, status: 400, body: rpcError({ code: -32700, message: 'Parse error: the request body is not valid JSON.' }) });
      }
    }
    const authInfo = { token: '', clientId: auth.principal.id, scopes: [], extra: { principal: auth.principal } };
    const response = await handler.fetch(webRequest({ req, body }), { authInfo, ...(req.method === 'POST' ? { parsedBody } : {}) });
    await writeWebResponse({ res, response });
  }

  const server = createHttpServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log('http_error', { message: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJson({ res, status: 500, body: rpcError({ code: -32603, message: 'Internal error.' }) });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const hostForUrl = options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host;
  return {
    server,
    url: `http://${hostForUrl}:${port}${MCP_PATH}`,
    close: async () => {
      await handler.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

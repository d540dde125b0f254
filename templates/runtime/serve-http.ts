import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createMcpHandler, type McpServer } from '@modelcontextprotocol/server';
import { challenge } from './auth-challenge.ts';
import { authenticate, type AuthRefusal, type AuthSettings, type Principal } from './bearer-auth.ts';
import { checkHost, checkOrigin, corsHeaders, hostPolicy } from './http-guards.ts';
import type { Logger } from './logger.ts';
import { resourceMetadataUrl } from './oauth-resource.ts';
import { publicBase } from './public-origin.ts';
import { redactValue } from './redaction.ts';
import type { HttpOptions } from './server-options.ts';

export const MCP_PATH = '/mcp';
export const HEALTH_PATH = '/healthz';
const PRM_PATH = '/.well-known/oauth-protected-resource';

/** What the path asks for: the MCP endpoint (maybe with a URL token), a public document, or nothing we serve. */
type Route = { readonly kind: 'mcp'; readonly pathToken?: string } | { readonly kind: 'health' } | { readonly kind: 'metadata' } | { readonly kind: 'none' };

function routeOf(input: { readonly path: string; readonly metadataPaths: readonly string[] }): Route {
  if (input.path === MCP_PATH) return { kind: 'mcp' };
  if (input.path === HEALTH_PATH) return { kind: 'health' };
  if (input.metadataPaths.includes(input.path)) return { kind: 'metadata' };
  const token = /^\/mcp\/([A-Za-z0-9._~-]+)$/.exec(input.path)?.[1];
  return token === undefined ? { kind: 'none' } : { kind: 'mcp', pathToken: token };
}

/**
 * RFC 9728 metadata: the configured resource (the audience tokens must name), or none when it comes
 * from the trusted proxy per request; and the document for a resource.
 */
export type ProtectedResource = {
  readonly resource?: string;
  readonly document: (resource: string) => Readonly<Record<string, unknown>>;
  /** The scopes this server offers (its document's scopes_supported): what a 401 asks a client to request. */
  readonly scopes: readonly string[];
};

/**
 * A 401 in OAuth mode names the scopes to ask for (MCP 2025-11-25, "Protected Resource Metadata
 * Discovery Requirements": servers SHOULD include `scope`): every scope this server offers, not
 * read alone, because tools are listed by the token's scope, so a read-only first token would hide
 * the write tools a client could later step up to. Clients took the same set from scopes_supported.
 */
function withOfferedScopes(input: { readonly refusal: AuthRefusal; readonly protectedResource: ProtectedResource | undefined }): AuthRefusal {
  const { refusal, protectedResource } = input;
  if (refusal.status !== 401 || refusal.scope !== undefined || protectedResource === undefined || protectedResource.scopes.length === 0) return refusal;
  return { ...refusal, scope: protectedResource.scopes.join(' ') };
}

/** The tool a `tools/call` body names, if it is one. */
function calledTool(body: unknown): string | undefined {
  const message = body as { method?: unknown; params?: { name?: unknown } } | null;
  return typeof message === 'object' && message !== null && message.method === 'tools/call' && typeof message.params?.name === 'string' ? message.params.name : undefined;
}

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

type JsonRefusal = { readonly refusal: { readonly status: 400 | 413; readonly error: { readonly code: number; readonly message: string }; readonly headers?: Readonly<Record<string, string>> } };

/** The POST body, bounded and parsed: 413 past the limit (closing the connection), -32700 when it is not JSON. */
async function readJson(input: { readonly req: IncomingMessage; readonly limit: number }): Promise<{ readonly body: Buffer; readonly parsed: unknown } | JsonRefusal> {
  let body: Buffer;
  try {
    body = await readBody(input);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    return { refusal: { status: 413, error: { code: -32000, message: `Payload too large: the limit is ${input.limit} bytes.` }, headers: { connection: 'close' } } };
  }
  try {
    return { body, parsed: JSON.parse(body.toString('utf8')) };
  } catch {
    return { refusal: { status: 400, error: { code: -32700, message: 'Parse error: the request body is not valid JSON.' } } };
  }
}

/** The web `Request` the SDK handler reads: the client's bearer token is left behind on purpose. */
function webRequest(input: { readonly req: IncomingMessage; readonly body: Buffer | undefined }): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(input.req.headers)) {
    if (value === undefined || name === 'authorization' || name === 'cookie') continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  // Always the bare endpoint: a token in the path goes no further than the check in front.
  const url = `http://${input.req.headers.host ?? 'localhost'}${MCP_PATH}`;
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

/** A 503 blames no token, so it carries no challenge; it may say when to come back instead (RFC 9110 §10.2.3). */
function refusalHeaders(input: { readonly refusal: AuthRefusal; readonly hadCredentials: boolean; readonly resource: string | undefined }): Record<string, string> {
  const { refusal } = input;
  if (refusal.status === 503) return refusal.retryAfterSeconds === undefined ? {} : { 'retry-after': String(refusal.retryAfterSeconds) };
  return { 'www-authenticate': challenge({ refusal, hadCredentials: input.hadCredentials, ...(input.resource === undefined ? {} : { resourceMetadata: resourceMetadataUrl(input.resource) }) }) };
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
  /** OAuth mode: the scope a principal lacks for a tool the server offers, or with no tool named for any tool at all (403 insufficient_scope, step-up). */
  readonly missingScope?: (input: { readonly principal: Principal; readonly tool?: string }) => string | undefined;
  readonly protectedResource?: ProtectedResource;
  readonly health: Readonly<Record<string, unknown>>;
  readonly log: Logger;
  readonly now?: () => number;
}): Promise<HttpServing> {
  const { options, log } = input;
  const now = input.now ?? Date.now;
  // The public URL's host is what a proxy forwards in `Host`: allowing it needs no second flag.
  const publicHosts = [options.publicUrl, input.protectedResource?.resource].flatMap((u) => (u === undefined ? [] : [new URL(u).host]));
  const policy = hostPolicy({ bindHost: options.host, allowedHosts: [...options.allowedHosts, ...publicHosts], allowedOrigins: options.allowedOrigins });
  const handler = createMcpHandler(
    (ctx) => {
      const principal = ctx.authInfo?.extra?.['principal'] as Principal;
      return input.serverFor(principal);
    },
    { onerror: (error) => log('transport_error', { message: error.message }), maxRequestBodySize: options.maxBodyBytes },
  );

  const fixedResource = input.protectedResource?.resource;
  // Behind a trusted proxy the resource is `<public base>/mcp`; a prefix the proxy strips is not seen here.
  const metadataPaths = input.protectedResource === undefined ? [] : [...new Set([PRM_PATH, new URL(resourceMetadataUrl(fixedResource ?? `http://localhost${MCP_PATH}`)).pathname])];

  function refuse(answer: { readonly res: ServerResponse; readonly refusal: AuthRefusal; readonly hadCredentials: boolean; readonly cors: Readonly<Record<string, string>>; readonly resource: string | undefined }): void {
    const { refusal } = answer;
    const code = refusal.status === 401 ? -32001 : refusal.status === 403 ? -32003 : -32000;
    const label = refusal.status === 401 ? 'Unauthorized' : refusal.status === 403 ? 'Forbidden' : 'Unavailable';
    sendJson({ res: answer.res, status: refusal.status, body: rpcError({ code, message: `${label}: ${refusal.reason}` }), headers: { ...answer.cors, ...refusalHeaders(answer) } });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = routeOf({ path, metadataPaths });
    // Nothing below may log or echo the path: with --token-in-url it holds a credential.
    const requestLog: Logger = route.kind === 'mcp' && route.pathToken ? (event, fields) => log(event, redactValue({ value: fields ?? {}, secrets: [route.pathToken!] }) as Record<string, unknown>) : log;
    if (route.kind === 'health' && (req.method === 'GET' || req.method === 'HEAD')) return sendJson({ res, status: 200, body: { status: 'ok', ...input.health } });
    for (const verdict of [checkHost({ policy, host: req.headers.host }), checkOrigin({ policy, origin: req.headers.origin })]) {
      if (!verdict.allowed) return sendJson({ res, status: 403, body: rpcError({ code: -32000, message: verdict.message }) });
    }
    const origin = req.headers.origin;
    if (req.method === 'OPTIONS' && route.kind !== 'none') {
      res.writeHead(204, corsHeaders({ origin, preflight: { requestHeaders: req.headers['access-control-request-headers'] } }));
      return void res.end();
    }
    const cors = corsHeaders({ origin });
    const reached = publicBase({ ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }), trustProxy: options.trustProxy === true, headers: req.headers, policy });
    if ('refusal' in reached) return sendJson({ res, status: 403, body: rpcError({ code: -32000, message: reached.refusal }), headers: cors });
    const resource = input.protectedResource === undefined ? undefined : (fixedResource ?? `${reached.base}${MCP_PATH}`);
    if (route.kind === 'metadata' && input.protectedResource && resource && (req.method === 'GET' || req.method === 'HEAD')) return sendJson({ res, status: 200, body: input.protectedResource.document(resource), headers: cors });
    if (route.kind !== 'mcp') return sendJson({ res, status: 404, body: rpcError({ code: -32000, message: `Not found: the MCP endpoint is ${reached.base}${MCP_PATH}.` }), headers: cors });
    const auth = await authenticate({ settings: input.auth, authorization: req.headers.authorization, ...(route.pathToken ? { pathToken: route.pathToken } : {}), ...(resource === undefined ? {} : { resource }), now: now() });
    if ('reason' in auth) {
      requestLog('unauthorized', { status: auth.status, reason: auth.reason });
      return refuse({ res, refusal: withOfferedScopes({ refusal: auth, protectedResource: input.protectedResource }), hadCredentials: req.headers.authorization !== undefined || route.pathToken !== undefined, cors, resource });
    }
    if (!input.grants(auth.principal)) {
      // A challenge like a single tool's, so that an OAuth client can step up to a scope that grants tools.
      const scope = input.missingScope?.({ principal: auth.principal });
      const reason = `The token ${JSON.stringify(auth.principal.name)} grants no tool that this server offers.`;
      return refuse({ res, refusal: { status: 403, reason, ...(scope === undefined ? {} : { scope }) }, hadCredentials: true, cors, resource });
    }
    const read = req.method === 'POST' ? await readJson({ req, limit: options.maxBodyBytes }) : { body: undefined, parsed: undefined };
    if ('refusal' in read) return sendJson({ res, status: read.refusal.status, body: rpcError(read.refusal.error), headers: { ...cors, ...read.refusal.headers } });
    const { body, parsed: parsedBody } = read;
    const tool = calledTool(parsedBody);
    const missing = tool === undefined ? undefined : input.missingScope?.({ principal: auth.principal, tool });
    if (missing !== undefined) return refuse({ res, refusal: { status: 403, scope: missing, reason: `The tool ${tool} needs the scope ${missing}.` }, hadCredentials: true, cors, resource });
    const authInfo = { token: '', clientId: auth.principal.id, scopes: [], extra: { principal: auth.principal } };
    const response = await handler.fetch(webRequest({ req, body }), { authInfo, ...(req.method === 'POST' ? { parsedBody } : {}) });
    for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
    await writeWebResponse({ res, response });
  }

  const server = createHttpServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A URL token must not reach the log even through an error message that quotes a URL.
      log('http_error', { message: (error instanceof Error ? error.message : String(error)).replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[redacted]') });
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

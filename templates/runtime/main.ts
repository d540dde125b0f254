import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { RuntimeConfig } from './call-tool.ts';
import { ANONYMOUS, authSettingsFrom, type AuthSettings, type Principal } from './bearer-auth.ts';
import { oauthScopes, protectedResourceMetadata } from './oauth-resource.ts';
import { createServer } from './create-server.ts';
import type { EarlyHandover } from './early-answer.ts';
import { ListingStdioTransport, useListingTexts } from './listing-text.ts';
import { createLogger, type Logger } from './logger.ts';
import { runtimeConfigFrom } from './runtime-config.ts';
import type { ProtectedResource } from './serve-http.ts';
import { invocationLimiterFor, limitSettingsFrom, type LimitSettings } from './shared-invocation-limit.ts';
import { parseServerOptions, resolveToolsMode, USAGE, type ServeOptions } from './server-options.ts';
import { runTokenCommand } from './token-command.ts';
import type { ToolDefinition } from './tool-definition.ts';
import { emptyScopeReason, toolsInScope, unknownScopeNames } from './tool-scope.ts';
import type { Env } from './env.ts';
import type { VendorDefinition } from './vendor-definition.ts';

/** What the bin hands a start (code-cache.ts): the build's listing entries, and the connection when it answered the opening exchange itself. */
export type StartInput = { readonly listing?: ReadonlyMap<string, Buffer>; readonly early?: EarlyStart };

/** The connection as the bin hands it over, and whether the replies it wrote were made for this very bundle (its digest). */
export type EarlyStart = EarlyHandover & { readonly sameBundle: boolean };

type MainInput = { readonly vendor: VendorDefinition; readonly tools: readonly ToolDefinition[]; readonly argv: readonly string[]; readonly env: Env; readonly start?: StartInput | undefined };

function cannotStart(input: { readonly vendor: VendorDefinition; readonly errors: readonly string[] }): number {
  process.stderr.write(`${input.vendor.binName}: cannot start.\n${input.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  return 1;
}

/** The server's own flags narrow the package; a scope naming unknown things or leaving nothing is refused. */
function serverTools(input: { readonly tools: readonly ToolDefinition[]; readonly options: ServeOptions }): readonly ToolDefinition[] | { readonly errors: readonly string[] } {
  const unknown = unknownScopeNames({ tools: input.tools, scope: input.options.scope });
  if (unknown.length > 0) return { errors: unknown.map((u) => `Scope flags: ${u}.`) };
  const tools = toolsInScope({ tools: input.tools, scopes: [input.options.scope] });
  if (tools.length === 0) return { errors: [emptyScopeReason({ tools: input.tools, scopes: [{ scope: input.options.scope, label: '--' }] })] };
  return tools;
}

/**
 * The stdio transport; on a connection whose opening exchange the bin answered (early-answer.ts),
 * fed from the first byte, with this server's replies to it checked against those written. A
 * difference means the client holds a reply this server does not stand behind, so it stops.
 */
function stdioTransport(input: { readonly early: EarlyStart | undefined; readonly log: Logger }): ListingStdioTransport {
  const { early, log } = input;
  if (early === undefined) return new ListingStdioTransport();
  const differs = (detail: { readonly id: string } | { readonly madeFor: 'another bundle' }) => {
    log('early_reply_differs', { ...detail, message: 'A reply written before the server was loaded is not one this server stands behind; stopping. Rebuild the package (npm run build).' });
    process.exit(1);
  };
  if (!early.sameBundle) differs({ madeFor: 'another bundle' });
  return new ListingStdioTransport({ stdin: early.stdin, early: { answered: early.answered, differs: (id) => differs({ id }) } });
}

function serve(input: { readonly vendor: VendorDefinition; readonly tools: readonly ToolDefinition[]; readonly options: ServeOptions; readonly config: RuntimeConfig; readonly auth: AuthSettings; readonly limit: LimitSettings; readonly log: Logger; readonly early?: EarlyStart }): void {
  const { options, config, log } = input;
  const limiter = invocationLimiterFor({ settings: input.limit, perMinute: options.callsPerMinute, keyPrefix: `mcp-invocations:${input.vendor.packageName}`, log });
  const toolsFor = (principal: Principal) => toolsInScope({ tools: input.tools, scopes: [principal.scope] });
  const admit = (principal: Principal) => async (call: { readonly readOnly: boolean }) => {
    const admission = await limiter.admit({ key: principal.id, now: Date.now(), readOnly: call.readOnly });
    if (!admission.allowed) log('invocation_limited', { token: principal.name, retryAfterSeconds: admission.retryAfterSeconds });
    return admission;
  };
  const serverFor = (principal: Principal) => {
    const tools = toolsFor(principal);
    return createServer({ tools, config, toolsMode: resolveToolsMode({ asked: options.toolsMode, tools: tools.length }), admit: admit(principal), confirm: options.confirm });
  };
  const started = { server: input.vendor.packageName, version: input.vendor.version, tools: input.tools.length, toolsMode: resolveToolsMode({ asked: options.toolsMode, tools: input.tools.length }), baseUrl: config.baseUrl };
  if (options.http === undefined) {
    serveStdio(() => serverFor(ANONYMOUS), { transport: stdioTransport({ early: input.early, log }), onerror: (error) => log('transport_error', { message: error.message }) });
    log('started', { ...started, transport: 'stdio' });
    return;
  }
  if (input.auth.mode === 'none') log('serving_without_auth', { message: 'Serving HTTP WITHOUT authentication (--no-auth): anyone who can reach this port can call every tool in scope.' });
  const oauth = oauthParts({ auth: input.auth, tools: input.tools, toolsFor });
  const publicUrl = options.http.publicUrl === undefined ? {} : { publicUrl: `${options.http.publicUrl}/mcp` };
  const trustProxy = options.http.trustProxy === true ? { trustProxy: true } : {};
  const http = options.http;
  // Loaded for HTTP only: node:http and the HTTP stack are no part of a start over stdio (docs/testing.md, "Server start").
  import('./serve-http.ts').then(({ serveHttp }) => serveHttp({ options: http, auth: input.auth, grants: (p) => toolsFor(p).length > 0, serverFor, ...oauth, health: { server: input.vendor.packageName, version: input.vendor.version }, log })).then(
    (serving) => log('started', { ...started, transport: 'http', url: serving.url, ...publicUrl, auth: input.auth.mode, ...(input.auth.mode === 'bearer' && input.auth.tokenInUrl ? { tokenInUrl: true } : {}), ...trustProxy }),
    (error: Error) => {
      log('cannot_listen', { message: error.message });
      process.exitCode = 1;
    },
  );
}

/**
 * OAuth mode: the RFC 9728 document (scopes only for method classes this server offers) and the
 * step-up rule, a tool the server offers but the token's scopes do not reach names its scope; a
 * token that reaches no tool at all is named the first scope offered (read before write before
 * custom), each of which grants at least one tool.
 */
function oauthParts(input: { readonly auth: AuthSettings; readonly tools: readonly ToolDefinition[]; readonly toolsFor: (p: Principal) => readonly ToolDefinition[] }): {
  readonly protectedResource?: ProtectedResource;
  readonly missingScope?: (i: { readonly principal: Principal; readonly tool?: string }) => string | undefined;
} {
  if (input.auth.mode !== 'oauth') return {};
  const { config } = input.auth;
  const offered = new Set(input.tools.map((t) => `${config.vendorSlug}:${t.methodClass}`));
  const scopes = oauthScopes(config.vendorSlug).filter((s) => offered.has(s));
  const byName = new Map(input.tools.map((t) => [t.name, t]));
  return {
    protectedResource: { ...(config.resource === undefined ? {} : { resource: config.resource }), document: (resource) => protectedResourceMetadata({ config, resource, scopes }), scopes },
    missingScope: ({ principal, tool }) => {
      if (tool === undefined) return scopes[0];
      const wanted = byName.get(tool);
      if (wanted === undefined || input.toolsFor(principal).includes(wanted)) return undefined;
      return `${config.vendorSlug}:${wanted.methodClass}`;
    },
  };
}

/** Entry point of every generated package's `bin`. Returns the process exit code for early exits. */
export function main(input: MainInput): number | undefined {
  // Anything printed to stdout would corrupt the stdio protocol stream.
  console.log = console.error;
  if (input.start?.listing !== undefined) useListingTexts(input.start.listing);
  if (input.argv[0] === 'token') {
    void runTokenCommand({ ...input, argv: input.argv.slice(1), now: Date.now() }).then((outcome) => {
      process.stdout.write(outcome.stdout);
      process.stderr.write(outcome.stderr);
      process.exitCode = outcome.code;
    });
    return undefined;
  }
  const usage = USAGE.replaceAll('<bin>', input.vendor.binName);
  const options = parseServerOptions(input.argv);
  if ('help' in options) {
    process.stderr.write(`${usage}\n`);
    return 0;
  }
  if ('version' in options) {
    process.stderr.write(`${input.vendor.packageName} ${input.vendor.version}\n`);
    return 0;
  }
  if ('error' in options) {
    process.stderr.write(`${options.error}\n\n${usage}\n`);
    return 2;
  }
  const config = runtimeConfigFrom({ vendor: input.vendor, env: input.env });
  const tools = serverTools({ tools: input.tools, options });
  const auth: AuthSettings | { readonly errors: readonly string[] } =
    options.http === undefined ? { mode: 'none' } : authSettingsFrom({ env: input.env, flags: options.http.auth, trustProxy: options.http.trustProxy === true, audience: input.vendor.packageName, vendorSlug: input.vendor.binName.replace(/-mcp$/, '') });
  const limit = limitSettingsFrom(input.env);
  const errors = [config, tools, auth, limit].flatMap((part) => ('errors' in part ? part.errors : []));
  if ('errors' in config || 'errors' in tools || 'errors' in auth || 'errors' in limit) return cannotStart({ vendor: input.vendor, errors });
  const log = createLogger({ secrets: [...config.credentials.secrets, ...(auth.mode === 'bearer' ? [...auth.staticTokens, ...(auth.secrets ? [auth.secrets.current, auth.secrets.previous ?? ''] : [])] : [])] });
  serve({ vendor: input.vendor, tools, options, config, auth, limit, log, ...(input.start?.early === undefined ? {} : { early: input.start.early }) });
  return undefined;
}

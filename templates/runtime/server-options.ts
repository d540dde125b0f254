import { integerFlag, listFlag, parseFlags, type FlagKind, type ParsedFlags } from './command-line.ts';
import type { ToolsMode } from './create-server.ts';
import { DEFAULT_CALLS_PER_MINUTE } from './invocation-limit.ts';
import { CONFIRM_POLICIES, DEFAULT_CONFIRM_POLICY, type ConfirmPolicy } from './confirm-policy.ts';
import type { ToolScope } from './tool-scope.ts';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 3000;
/** 1 MiB: far above any tool call, far below what would tie up the process. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/** How HTTP callers prove who they are; checked against the environment in `authSettingsFrom`. */
export type AuthFlags = {
  readonly mode: 'token' | 'oauth';
  readonly noAuth: boolean;
  readonly tokenInUrl: boolean;
  readonly requireApiTokenAuth: boolean;
  /** `--auth oauth`: the issuer URL, and this endpoint's public URL (the audience tokens must name). */
  readonly issuer?: string;
  readonly resource?: string;
};

export type HttpOptions = {
  readonly host: string;
  readonly port: number;
  readonly auth: AuthFlags;
  /** The URL clients reach this server at (behind a proxy it differs from the socket). */
  readonly publicUrl?: string;
  /** Honour X-Forwarded-Proto/Host (never without this flag); `publicUrl` still wins. */
  readonly trustProxy?: boolean;

  /** Extra `Host` names (besides loopback names and `--host`) and `Origin`s a browser may send. */
  readonly allowedHosts: readonly string[];
  readonly allowedOrigins: readonly string[];
  readonly maxBodyBytes: number;
};

export type ServeOptions = {
  readonly transport: 'stdio' | 'http';
  readonly scope: ToolScope;
  /** `auto` (the default) lists every tool up to DISCOVERY_ABOVE tools in scope, and the discovery meta-tools above it. */
  readonly toolsMode: ToolsMode | 'auto';
  readonly callsPerMinute: number;
  readonly confirm: ConfirmPolicy;
  readonly http?: HttpOptions;
};

export type ServerOptions = ServeOptions | { readonly help: true } | { readonly version: true } | { readonly error: string };

export const SCOPE_FLAGS: Readonly<Record<string, FlagKind>> = { '--methods': 'value', '--tags': 'value', '--tools': 'value', '--read-only': 'switch' };

const HTTP_FLAGS: Readonly<Record<string, FlagKind>> = {
  '--host': 'value',
  '--port': 'value',
  '--no-auth': 'switch',
  '--auth': 'value',
  '--authorization-server': 'value',
  '--resource': 'value',
  '--token-in-url': 'switch',
  '--require-api-token-auth': 'switch',
  '--public-url': 'value',
  '--trust-proxy': 'switch',
  '--allowed-hosts': 'value',
  '--allowed-origins': 'value',
  '--max-body-bytes': 'value',
};

const FLAGS: Readonly<Record<string, FlagKind>> = {
  '--transport': 'value',
  '--tools-mode': 'value',
  '--max-calls-per-minute': 'value',
  '--confirm': 'value',
  ...SCOPE_FLAGS,
  ...HTTP_FLAGS,
  '--help': 'switch',
  '-h': 'switch',
  '--version': 'switch',
};

export const USAGE = `Usage: <bin> [--transport stdio|http] [scope] [--tools-mode auto|all|discovery] [--max-calls-per-minute N] [--confirm elicit|argument]
       <bin> token create (--expires-in 30d | --expires-at <ISO time>) [--name NAME] [--url <public base URL>] [scope]

Scope (the same on stdio and http; every given filter must match):
  --methods read,write,custom   method classes, or exact methods such as list,get,create
  --tags a,b                    tools carrying at least one of these tags
  --tools name,...              an allow-list of tool names
  --read-only                   only tools annotated readOnlyHint
HTTP (--transport http):
  --host ${DEFAULT_HOST}  --port ${DEFAULT_PORT}  --allowed-hosts h,...  --allowed-origins o,...
  --max-body-bytes ${DEFAULT_MAX_BODY_BYTES}  --public-url https://mcp.example.com (the URL clients reach, behind a proxy)
  --trust-proxy                 behind a TLS-terminating proxy that sets X-Forwarded-Proto/Host: name that public URL
                                (in metadata, challenges and messages); --public-url wins; never without this flag
  --no-auth (serve without bearer tokens; not for shared hosts)
  --token-in-url                accept POST /mcp/<token> (a token from \`token create\`), for clients that take only a URL
  --require-api-token-auth      with --token-in-url: also require Authorization: Bearer <key from MCP_AUTH_TOKENS>
  --auth oauth --authorization-server <issuer URL> --resource <public URL of /mcp>
                                an OAuth 2.1 resource server: JWT access tokens from that issuer, scopes <vendor>:read|write|custom
Confirmation of removals and destructive calls:
  --confirm elicit              ask the person (elicitation) where the client supports it, else the
                                confirm_removed_* argument (default)
  --confirm argument            the confirm_removed_* argument only; never ask the person
Tokens: MCP_TOKEN_SECRET signs and checks tokens from \`token create\` (MCP_TOKEN_SECRET_PREVIOUS still checks during a
rotation; MCP_TOKEN_MAX_LIFETIME_DAYS, default 90, bounds them); MCP_AUTH_TOKENS lists static tokens.

Configuration of the vendor API comes from the environment (see README.md).`;

/** The scope flags, shared by the server and `token create`. */
export function scopeFromFlags(flags: ParsedFlags): ToolScope | { readonly error: string } {
  const scope: { methods?: readonly string[]; tags?: readonly string[]; tools?: readonly string[]; readOnly?: boolean } = {};
  for (const [flag, key] of [['--methods', 'methods'], ['--tags', 'tags'], ['--tools', 'tools']] as const) {
    const list = listFlag({ flags, flag });
    if (list !== undefined && 'error' in list) return list;
    if (list !== undefined) scope[key] = list;
  }
  if (flags.switches.has('--read-only')) scope.readOnly = true;
  return scope;
}

function httpOptions(flags: ParsedFlags): HttpOptions | { readonly error: string } {
  const port = integerFlag({ flags, flag: '--port', min: 0, max: 65_535, fallback: DEFAULT_PORT });
  if (typeof port !== 'number') return port;
  const maxBodyBytes = integerFlag({ flags, flag: '--max-body-bytes', min: 1_024, max: 104_857_600, fallback: DEFAULT_MAX_BODY_BYTES });
  if (typeof maxBodyBytes !== 'number') return maxBodyBytes;
  const allowedHosts = listFlag({ flags, flag: '--allowed-hosts' }) ?? [];
  if ('error' in allowedHosts) return allowedHosts;
  const allowedOrigins = listFlag({ flags, flag: '--allowed-origins' }) ?? [];
  if ('error' in allowedOrigins) return allowedOrigins;
  const host = flags.values.get('--host') ?? DEFAULT_HOST;
  if (host === '') return { error: '--host needs a value.' };
  const auth = authFlags(flags);
  if ('error' in auth) return auth;
  const publicUrl = flags.values.get('--public-url')?.replace(/\/+$/, '');
  return { host, port, auth, ...(publicUrl === undefined ? {} : { publicUrl }), ...(flags.switches.has('--trust-proxy') ? { trustProxy: true } : {}), allowedHosts, allowedOrigins, maxBodyBytes };
}

function authFlags(flags: ParsedFlags): AuthFlags | { readonly error: string } {
  const mode = flags.values.get('--auth') ?? 'token';
  if (mode !== 'token' && mode !== 'oauth') return { error: `Unsupported --auth ${JSON.stringify(mode)}; use token or oauth.` };
  const issuer = flags.values.get('--authorization-server');
  const publicUrl = flags.values.get('--public-url')?.replace(/\/+$/, '');
  // The resource defaults to the public URL's MCP endpoint: the audience must never come from a request header.
  const resource = flags.values.get('--resource') ?? (mode === 'oauth' && publicUrl !== undefined ? `${publicUrl}/mcp` : undefined);
  if (mode === 'token' && (issuer !== undefined || flags.values.has('--resource'))) return { error: '--authorization-server and --resource apply to --auth oauth only.' };
  return {
    mode,
    noAuth: flags.switches.has('--no-auth'),
    tokenInUrl: flags.switches.has('--token-in-url'),
    requireApiTokenAuth: flags.switches.has('--require-api-token-auth'),
    ...(issuer === undefined ? {} : { issuer }),
    ...(resource === undefined ? {} : { resource }),
  };
}

/**
 * Above this many tools in scope, `auto` serves discovery mode: listing every tool would cost a
 * model hundreds of thousands of tokens a turn (Microsoft Graph: 11,320 tools, about 11 M tokens),
 * and clients cap or truncate long lists. Our vendors (at most a few dozen tools) list everything.
 */
export const DISCOVERY_ABOVE = 200;

export function resolveToolsMode(input: { readonly asked: ToolsMode | 'auto'; readonly tools: number }): ToolsMode {
  if (input.asked !== 'auto') return input.asked;
  return input.tools > DISCOVERY_ABOVE ? 'discovery' : 'all';
}

/** Parses the server's command line; unknown flags are errors, because a typo must not silently widen access. */
export function parseServerOptions(argv: readonly string[]): ServerOptions {
  const flags = parseFlags({ argv, flags: FLAGS });
  if ('error' in flags) return flags;
  if (flags.switches.has('--help') || flags.switches.has('-h')) return { help: true };
  if (flags.switches.has('--version')) return { version: true };
  const transport = flags.values.get('--transport') ?? 'stdio';
  if (transport !== 'stdio' && transport !== 'http') return { error: `Unsupported transport ${JSON.stringify(transport)}; use stdio or http.` };
  const toolsMode = flags.values.get('--tools-mode') ?? 'auto';
  if (toolsMode !== 'auto' && toolsMode !== 'all' && toolsMode !== 'discovery') return { error: `Unsupported tools mode ${JSON.stringify(toolsMode)}; use auto, all or discovery.` };
  const scope = scopeFromFlags(flags);
  if ('error' in scope) return scope;
  const callsPerMinute = integerFlag({ flags, flag: '--max-calls-per-minute', min: 0, max: 1_000_000, fallback: DEFAULT_CALLS_PER_MINUTE });
  if (typeof callsPerMinute !== 'number') return callsPerMinute;
  const confirm = flags.values.get('--confirm') ?? DEFAULT_CONFIRM_POLICY;
  if (!(CONFIRM_POLICIES as readonly string[]).includes(confirm)) return { error: `Unsupported confirmation policy ${JSON.stringify(confirm)}; use ${CONFIRM_POLICIES.join(' or ')}.` };
  const base = { transport, scope, toolsMode, callsPerMinute, confirm: confirm as ConfirmPolicy } as const;
  if (transport === 'stdio') {
    const stray = Object.keys(HTTP_FLAGS).find((flag) => flags.values.has(flag) || flags.switches.has(flag));
    return stray === undefined ? base : { error: `${stray} applies to --transport http only.` };
  }
  const http = httpOptions(flags);
  return 'error' in http ? http : { ...base, http };
}

/**
 * DNS-rebinding defence in front of the SDK's handler, which validates neither header itself: a
 * page on any site can make a browser send requests to 127.0.0.1, but it cannot forge `Host` or `Origin`.
 */
export type HostPolicy = { readonly hostnames: ReadonlySet<string>; readonly origins: ReadonlySet<string>; readonly loopbackOrigins: boolean };

export type GuardVerdict = { readonly allowed: true } | { readonly allowed: false; readonly message: string };

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

/** `example.com:8080` → `example.com`; `[::1]:3000` → `[::1]`; anything else (userinfo, paths) → undefined. */
export function hostnameOf(host: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.exec(host);
  return match === null ? undefined : match[1]!.toLowerCase();
}

function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export function hostPolicy(input: { readonly bindHost: string; readonly allowedHosts: readonly string[]; readonly allowedOrigins: readonly string[] }): HostPolicy {
  const bind = input.bindHost.includes(':') && !input.bindHost.startsWith('[') ? `[${input.bindHost}]` : input.bindHost;
  const loopbackBind = LOOPBACK.includes(bind.toLowerCase()) || bind.startsWith('127.');
  const hostnames = new Set([...LOOPBACK, ...(WILDCARD.has(bind) ? [] : [bind]), ...input.allowedHosts].map((h) => hostnameOf(h) ?? h.toLowerCase()));
  const origins = new Set(input.allowedOrigins.map((o) => originOf(o) ?? o));
  return { hostnames, origins, loopbackOrigins: loopbackBind };
}

export function checkHost(input: { readonly policy: HostPolicy; readonly host: string | undefined }): GuardVerdict {
  const hostname = input.host === undefined ? undefined : hostnameOf(input.host);
  if (hostname !== undefined && input.policy.hostnames.has(hostname)) return { allowed: true };
  return { allowed: false, message: `Forbidden: Host ${JSON.stringify(input.host ?? '')} is not allowed (allow it with --allowed-hosts).` };
}

/** No `Origin` means no browser is involved; a present one must be listed (or loopback, when bound to loopback). */
export function checkOrigin(input: { readonly policy: HostPolicy; readonly origin: string | undefined }): GuardVerdict {
  if (input.origin === undefined) return { allowed: true };
  const origin = originOf(input.origin);
  if (origin !== undefined && input.policy.origins.has(origin)) return { allowed: true };
  if (origin !== undefined && input.policy.loopbackOrigins && LOOPBACK.includes(new URL(origin).hostname)) return { allowed: true };
  return { allowed: false, message: `Forbidden: Origin ${JSON.stringify(input.origin)} is not allowed (allow it with --allowed-origins).` };
}

/** Response headers a browser client must be able to read (MCP transports spec; RFC 9728 challenges). */
const EXPOSED_HEADERS = 'mcp-session-id, mcp-protocol-version, www-authenticate';
const ALLOWED_REQUEST_HEADERS = new Set(['authorization', 'content-type', 'accept', 'last-event-id', 'mcp-session-id', 'mcp-protocol-version', 'mcp-method', 'mcp-name']);

/**
 * CORS for an Origin that `checkOrigin` already allowed (none is added for any other): browser-based
 * clients can read the answer and its MCP headers; a preflight may ask only for headers MCP uses.
 */
export function corsHeaders(input: { readonly origin: string | undefined; readonly preflight?: { readonly requestHeaders: string | undefined } }): Readonly<Record<string, string>> {
  if (input.origin === undefined) return {};
  const base = { 'access-control-allow-origin': input.origin, vary: 'Origin', 'access-control-expose-headers': EXPOSED_HEADERS };
  if (input.preflight === undefined) return base;
  const asked = (input.preflight.requestHeaders ?? '').split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== '');
  // 2026-07-28 mirrors parameters into Mcp-Param-* headers, so any mcp-* name is one of ours.
  const allowed = asked.filter((h) => ALLOWED_REQUEST_HEADERS.has(h) || h.startsWith('mcp-'));
  return { ...base, 'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS', 'access-control-allow-headers': [...new Set([...ALLOWED_REQUEST_HEADERS, ...allowed])].join(', '), 'access-control-max-age': '600' };
}

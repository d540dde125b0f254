import type { IncomingHttpHeaders } from 'node:http';
import { checkHost, type HostPolicy } from './http-guards.ts';

/** Where clients reach this server, for the URLs it names: the base (scheme, host, any path prefix) without a trailing slash. */
export type PublicBase = { readonly base: string } | { readonly refusal: string };

/**
 * One value or none. A proxy that appends (`a, b`) leaves the client's own value in front, and
 * nothing here can tell which hop wrote which: a list is refused rather than guessed at.
 */
function single(input: { readonly name: string; readonly value: string | string[] | undefined }): { readonly value?: string } | { readonly refusal: string } {
  if (input.value === undefined) return {};
  const value = Array.isArray(input.value) ? input.value.join(',') : input.value;
  if (value.includes(',')) return { refusal: `Forbidden: ${input.name} carries more than one value; the proxy must set it, not append to it.` };
  return { value: value.trim() };
}

/**
 * `--public-url` wins; otherwise, only with `--trust-proxy`, the TLS-terminating proxy's
 * `X-Forwarded-Proto` and `X-Forwarded-Host`; otherwise the socket (`http` and `Host`). Without
 * the flag those headers are never read: any client could send them. A forwarded host must pass
 * the same Host allow-list as `Host` itself, so a forged one cannot name another site.
 */
export function publicBase(input: { readonly publicUrl?: string; readonly trustProxy: boolean; readonly headers: IncomingHttpHeaders; readonly policy: HostPolicy }): PublicBase {
  if (input.publicUrl !== undefined) return { base: input.publicUrl };
  const socketHost = input.headers.host ?? 'localhost';
  if (!input.trustProxy) return { base: `http://${socketHost}` };
  const proto = single({ name: 'X-Forwarded-Proto', value: input.headers['x-forwarded-proto'] });
  if ('refusal' in proto) return proto;
  const scheme = (proto.value ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return { refusal: `Forbidden: X-Forwarded-Proto ${JSON.stringify(proto.value)} is neither http nor https.` };
  const host = single({ name: 'X-Forwarded-Host', value: input.headers['x-forwarded-host'] });
  if ('refusal' in host) return host;
  if (host.value === undefined) return { base: `${scheme}://${socketHost}` };
  const verdict = checkHost({ policy: input.policy, host: host.value });
  return verdict.allowed ? { base: `${scheme}://${host.value.toLowerCase()}` } : { refusal: verdict.message.replace('Host', 'X-Forwarded-Host') };
}

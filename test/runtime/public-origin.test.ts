import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hostPolicy } from '../../templates/runtime/http-guards.ts';
import { publicBase } from '../../templates/runtime/public-origin.ts';

const policy = hostPolicy({ bindHost: '0.0.0.0', allowedHosts: ['mcp.example.com'], allowedOrigins: [] });
const base = (input: { readonly headers: IncomingHttpHeaders; readonly trustProxy?: boolean; readonly publicUrl?: string }) =>
  publicBase({ headers: input.headers, trustProxy: input.trustProxy ?? true, policy, ...(input.publicUrl === undefined ? {} : { publicUrl: input.publicUrl }) });

describe('publicBase', () => {
  it.each<{ readonly name: string; readonly headers: IncomingHttpHeaders; readonly trustProxy?: boolean; readonly publicUrl?: string; readonly want: unknown }>([
    { name: '--public-url wins over everything', headers: { host: 'a.test', 'x-forwarded-proto': 'ftp' }, publicUrl: 'https://mcp.example.com/base', want: { base: 'https://mcp.example.com/base' } },
    { name: 'untrusted: forwarded headers are never read', headers: { host: 'localhost:3000', 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'evil.test' }, trustProxy: false, want: { base: 'http://localhost:3000' } },
    { name: 'untrusted, no Host: localhost', headers: {}, trustProxy: false, want: { base: 'http://localhost' } },
    { name: 'trusted, no forwarded headers: the socket', headers: { host: 'localhost:3000' }, want: { base: 'http://localhost:3000' } },
    { name: 'trusted, no headers at all', headers: {}, want: { base: 'http://localhost' } },
    { name: 'the scheme in any case, trimmed', headers: { host: 'localhost:3000', 'x-forwarded-proto': ' HTTPS ' }, want: { base: 'https://localhost:3000' } },
    { name: 'one value given as a list of one', headers: { host: 'localhost:3000', 'x-forwarded-proto': ['https'] as unknown as string }, want: { base: 'https://localhost:3000' } },
    { name: 'an allowed forwarded host, lower-cased', headers: { host: 'localhost:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'MCP.example.com' }, want: { base: 'https://mcp.example.com' } },
    { name: 'a forwarded host with its port', headers: { host: 'localhost:3000', 'x-forwarded-host': 'mcp.example.com:8443' }, want: { base: 'http://mcp.example.com:8443' } },
    {
      name: 'an appended scheme',
      headers: { host: 'localhost:3000', 'x-forwarded-proto': 'https, http' },
      want: { refusal: 'Forbidden: X-Forwarded-Proto carries more than one value; the proxy must set it, not append to it.' },
    },
    {
      name: 'a scheme sent twice',
      headers: { host: 'localhost:3000', 'x-forwarded-proto': ['https', 'http'] as unknown as string },
      want: { refusal: 'Forbidden: X-Forwarded-Proto carries more than one value; the proxy must set it, not append to it.' },
    },
    { name: 'a scheme that is not http(s)', headers: { host: 'localhost:3000', 'x-forwarded-proto': 'ftp' }, want: { refusal: 'Forbidden: X-Forwarded-Proto "ftp" is neither http nor https.' } },
    {
      name: 'an appended host',
      headers: { host: 'localhost:3000', 'x-forwarded-host': 'mcp.example.com, evil.test' },
      want: { refusal: 'Forbidden: X-Forwarded-Host carries more than one value; the proxy must set it, not append to it.' },
    },
    {
      name: 'a forwarded host off the allow-list',
      headers: { host: 'localhost:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.test' },
      want: { refusal: 'Forbidden: X-Forwarded-Host "evil.test" is not allowed (allow it with --allowed-hosts).' },
    },
  ])('$name', ({ headers, trustProxy, publicUrl, want }) => expect(base({ headers, ...(trustProxy === undefined ? {} : { trustProxy }), ...(publicUrl === undefined ? {} : { publicUrl }) })).toStrictEqual(want));
});

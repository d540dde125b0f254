import { describe, expect, it } from 'vitest';
import { checkHost, checkOrigin, corsHeaders, hostnameOf, hostPolicy } from '../../templates/runtime/http-guards.ts';

const LOCAL = hostPolicy({ bindHost: '127.0.0.1', allowedHosts: [], allowedOrigins: [] });
const PUBLIC = hostPolicy({ bindHost: '0.0.0.0', allowedHosts: ['mcp.example.com'], allowedOrigins: ['https://app.example.com'] });
const NAMED = hostPolicy({ bindHost: 'mcp.internal', allowedHosts: [], allowedOrigins: [] });

describe('hostnameOf', () => {
  it.each([
    { given: 'localhost:3000', want: 'localhost' },
    { given: 'LOCALHOST', want: 'localhost' },
    { given: '[::1]:3000', want: '[::1]' },
    { given: '127.0.0.1', want: '127.0.0.1' },
    { given: 'localhost@evil.com', want: undefined },
    { given: 'evil.com/localhost', want: undefined },
    { given: 'localhost:3000:1', want: undefined },
    { given: '', want: undefined },
  ])('$given', ({ given, want }) => expect(hostnameOf(given)).toStrictEqual(want));
});

describe('checkHost', () => {
  it.each([
    { name: 'loopback name with port', policy: LOCAL, host: 'localhost:3000', allowed: true },
    { name: 'loopback IP', policy: LOCAL, host: '127.0.0.1:3000', allowed: true },
    { name: 'IPv6 loopback', policy: LOCAL, host: '[::1]:3000', allowed: true },
    { name: 'rebinding name', policy: LOCAL, host: 'attacker.example:3000', allowed: false },
    { name: 'no Host', policy: LOCAL, host: undefined, allowed: false },
    { name: 'userinfo trick', policy: LOCAL, host: 'localhost@attacker.example', allowed: false },
    { name: 'allowed public name', policy: PUBLIC, host: 'mcp.example.com', allowed: true },
    { name: 'allowed public name, any case and port', policy: PUBLIC, host: 'MCP.example.com:443', allowed: true },
    { name: 'the wildcard bind is no name', policy: PUBLIC, host: '0.0.0.0:3000', allowed: false },
    { name: 'unlisted name on a public bind', policy: PUBLIC, host: 'other.example.com', allowed: false },
    { name: 'the bind name itself', policy: NAMED, host: 'mcp.internal:3000', allowed: true },
  ])('$name', ({ policy, host, allowed }) => expect(checkHost({ policy, host }).allowed).toStrictEqual(allowed));

  it('explains how to allow a name', () =>
    expect(checkHost({ policy: LOCAL, host: 'evil.test' })).toStrictEqual({ allowed: false, message: 'Forbidden: Host "evil.test" is not allowed (allow it with --allowed-hosts).' }));
});

describe('checkOrigin', () => {
  it.each([
    { name: 'no Origin (not a browser)', policy: LOCAL, origin: undefined, allowed: true },
    { name: 'loopback origin on a loopback bind', policy: LOCAL, origin: 'http://localhost:5173', allowed: true },
    { name: 'a foreign site', policy: LOCAL, origin: 'https://attacker.example', allowed: false },
    { name: 'opaque origin', policy: LOCAL, origin: 'null', allowed: false },
    { name: 'non-http scheme', policy: LOCAL, origin: 'file://localhost', allowed: false },
    { name: 'listed origin', policy: PUBLIC, origin: 'https://app.example.com', allowed: true },
    { name: 'listed host, other scheme', policy: PUBLIC, origin: 'http://app.example.com', allowed: false },
    { name: 'loopback origin on a public bind', policy: PUBLIC, origin: 'http://localhost:5173', allowed: false },
    // Origins compare whole: one that only starts like a listed one is another site.
    { name: 'a listed origin as the prefix of another host', policy: PUBLIC, origin: 'https://app.example.com.attacker.example', allowed: false },
    { name: 'a listed origin with another port', policy: PUBLIC, origin: 'https://app.example.com:8443', allowed: false },
  ])('$name', ({ policy, origin, allowed }) => expect(checkOrigin({ policy, origin }).allowed).toStrictEqual(allowed));
});

describe('refusal texts', () => {
  it('a request with no Host at all is named as the empty Host', () =>
    expect(checkHost({ policy: LOCAL, host: undefined })).toStrictEqual({ allowed: false, message: 'Forbidden: Host "" is not allowed (allow it with --allowed-hosts).' }));

  it('a foreign Origin is quoted as sent, with the flag that allows it', () =>
    expect(checkOrigin({ policy: LOCAL, origin: 'https://attacker.example' })).toStrictEqual({ allowed: false, message: 'Forbidden: Origin "https://attacker.example" is not allowed (allow it with --allowed-origins).' }));
});

describe('an IPv6 bind address', () => {
  // A bare IPv6 address is bracketed the way it appears in a Host header; a bracketed one is kept.
  it.each(['fd00::7', '[fd00::7]'])('%s allows its own Host, not another address', (bindHost) => {
    const policy = hostPolicy({ bindHost, allowedHosts: [], allowedOrigins: [] });
    expect(checkHost({ policy, host: '[fd00::7]:3000' }).allowed).toBe(true);
    expect(checkHost({ policy, host: '[fd00::8]:3000' }).allowed).toBe(false);
    expect([...policy.hostnames]).toStrictEqual(['localhost', '127.0.0.1', '[::1]', '[fd00::7]']);
    expect(policy.loopbackOrigins).toBe(false);
  });

  it('the IPv6 loopback is a loopback bind: loopback origins are allowed', () => {
    expect(hostPolicy({ bindHost: '::1', allowedHosts: [], allowedOrigins: [] }).loopbackOrigins).toBe(true);
  });
});

describe('the bind address decides the names and the loopback origins', () => {
  it.each([
    { bindHost: '0.0.0.0', names: ['localhost', '127.0.0.1', '[::1]'], loopback: false },
    // A bare IPv6 wildcard is bracketed first, so the bracketed form is the one that is no name.
    { bindHost: '::', names: ['localhost', '127.0.0.1', '[::1]'], loopback: false },
    { bindHost: '[::]', names: ['localhost', '127.0.0.1', '[::1]'], loopback: false },
    { bindHost: 'LOCALHOST', names: ['localhost', '127.0.0.1', '[::1]'], loopback: true },
    { bindHost: '127.0.0.2', names: ['localhost', '127.0.0.1', '[::1]', '127.0.0.2'], loopback: true },
    { bindHost: '10.0.0.127', names: ['localhost', '127.0.0.1', '[::1]', '10.0.0.127'], loopback: false },
  ])('$bindHost', ({ bindHost, names, loopback }) => {
    const policy = hostPolicy({ bindHost, allowedHosts: [], allowedOrigins: [] });
    expect({ names: [...policy.hostnames], loopback: policy.loopbackOrigins }).toStrictEqual({ names, loopback });
  });

  it('a wildcard bind does not make its own address a Host name', () => {
    expect(checkHost({ policy: hostPolicy({ bindHost: '::', allowedHosts: [], allowedOrigins: [] }), host: '[::]:3000' }).allowed).toBe(false);
  });
});

describe('corsHeaders', () => {
  const BASE = { 'access-control-allow-origin': 'https://app.example.com', vary: 'Origin', 'access-control-expose-headers': 'mcp-session-id, mcp-protocol-version, www-authenticate' };
  const MCP_HEADERS = 'authorization, content-type, accept, last-event-id, mcp-session-id, mcp-protocol-version, mcp-method, mcp-name';

  it('none without an Origin', () => expect(corsHeaders({ origin: undefined })).toStrictEqual({}));

  it('an answer: the origin, Vary and the headers a browser client may read', () => expect(corsHeaders({ origin: 'https://app.example.com' })).toStrictEqual(BASE));

  it.each([
    { name: 'nothing asked', requestHeaders: undefined, allowed: MCP_HEADERS },
    { name: 'MCP headers in any case and spacing, empty items skipped', requestHeaders: ' Authorization ,,CONTENT-TYPE', allowed: MCP_HEADERS },
    { name: 'a parameter header is one of ours; another header is not', requestHeaders: 'Mcp-Param-Order-Id, X-Evil, cookie', allowed: `${MCP_HEADERS}, mcp-param-order-id` },
  ])('a preflight: $name', ({ requestHeaders, allowed }) => {
    expect(corsHeaders({ origin: 'https://app.example.com', preflight: { requestHeaders } })).toStrictEqual({
      ...BASE,
      'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
      'access-control-allow-headers': allowed,
      'access-control-max-age': '600',
    });
  });
});

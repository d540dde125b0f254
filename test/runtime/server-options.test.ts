import { describe, expect, it } from 'vitest';
import { DISCOVERY_ABOVE, parseServerOptions, resolveToolsMode, USAGE, type ServerOptions } from '../../templates/runtime/server-options.ts';

const STDIO = { transport: 'stdio', scope: {}, toolsMode: 'auto', callsPerMinute: 120, confirm: 'elicit' } as const;
const AUTH = { mode: 'token', noAuth: false, tokenInUrl: false, requireApiTokenAuth: false } as const;
const HTTP = { host: '127.0.0.1', port: 3000, auth: AUTH, allowedHosts: [], allowedOrigins: [], maxBodyBytes: 1_048_576 } as const;

describe('parseServerOptions', () => {
  it.each<{ readonly given: readonly string[]; readonly want: ServerOptions }>([
    { given: [], want: STDIO },
    { given: ['--transport', 'stdio'], want: STDIO },
    { given: ['--transport=stdio'], want: STDIO },
    { given: ['--transport', 'http'], want: { ...STDIO, transport: 'http', http: HTTP } },
    { given: ['--transport=http', '--host', '0.0.0.0', '--port=8080'], want: { ...STDIO, transport: 'http', http: { ...HTTP, host: '0.0.0.0', port: 8080 } } },
    { given: ['--transport', 'http', '--port', '0'], want: { ...STDIO, transport: 'http', http: { ...HTTP, port: 0 } } },
    {
      given: ['--transport', 'http', '--no-auth', '--allowed-hosts', 'mcp.example.com', '--allowed-origins', 'https://app.example.com,https://b.example.com', '--max-body-bytes', '2048'],
      want: { ...STDIO, transport: 'http', http: { ...HTTP, auth: { ...AUTH, noAuth: true }, allowedHosts: ['mcp.example.com'], allowedOrigins: ['https://app.example.com', 'https://b.example.com'], maxBodyBytes: 2048 } },
    },
    { given: ['--transport', 'http', '--token-in-url', '--require-api-token-auth'], want: { ...STDIO, transport: 'http', http: { ...HTTP, auth: { ...AUTH, tokenInUrl: true, requireApiTokenAuth: true } } } },
    {
      given: ['--transport', 'http', '--auth', 'oauth', '--authorization-server', 'https://as.example', '--resource', 'https://mcp.example/mcp'],
      want: { ...STDIO, transport: 'http', http: { ...HTTP, auth: { ...AUTH, mode: 'oauth', issuer: 'https://as.example', resource: 'https://mcp.example/mcp' } } },
    },
    {
      given: ['--transport', 'http', '--auth', 'oauth', '--authorization-server', 'https://as.example', '--public-url', 'https://mcp.example/acme/'],
      want: { ...STDIO, transport: 'http', http: { ...HTTP, publicUrl: 'https://mcp.example/acme', auth: { ...AUTH, mode: 'oauth', issuer: 'https://as.example', resource: 'https://mcp.example/acme/mcp' } } },
    },
    { given: ['--transport', 'http', '--public-url', 'https://mcp.example'], want: { ...STDIO, transport: 'http', http: { ...HTTP, publicUrl: 'https://mcp.example' } } },
    // Every trailing slash goes, from the public URL and from the resource built on it.
    {
      given: ['--transport', 'http', '--auth', 'oauth', '--authorization-server', 'https://as.example', '--public-url', 'https://mcp.example/acme//'],
      want: { ...STDIO, transport: 'http', http: { ...HTTP, publicUrl: 'https://mcp.example/acme', auth: { ...AUTH, mode: 'oauth', issuer: 'https://as.example', resource: 'https://mcp.example/acme/mcp' } } },
    },
    // OAuth with neither --resource nor --public-url: no resource of its own (the trusted proxy may name it), never "undefined/mcp".
    { given: ['--transport', 'http', '--auth', 'oauth', '--authorization-server', 'https://as.example'], want: { ...STDIO, transport: 'http', http: { ...HTTP, auth: { ...AUTH, mode: 'oauth', issuer: 'https://as.example' } } } },
    { given: ['--transport', 'http', '--trust-proxy'], want: { ...STDIO, transport: 'http', http: { ...HTTP, trustProxy: true } } },
    { given: ['--transport', 'http', '--authorization-server', 'https://as.example'], want: { error: '--authorization-server and --resource apply to --auth oauth only.' } },
    { given: ['--transport', 'http', '--auth', 'saml'], want: { error: 'Unsupported --auth "saml"; use token or oauth.' } },
    { given: ['--transport', 'http', '--resource', 'https://mcp.example/mcp'], want: { error: '--authorization-server and --resource apply to --auth oauth only.' } },
    { given: ['--token-in-url'], want: { error: '--token-in-url applies to --transport http only.' } },
    { given: ['--methods', 'read,custom', '--tags=orders', '--tools', 'a, b', '--read-only'], want: { ...STDIO, scope: { methods: ['read', 'custom'], tags: ['orders'], tools: ['a', 'b'], readOnly: true } } },
    { given: ['--methods', 'list,get'], want: { ...STDIO, scope: { methods: ['list', 'get'] } } },
    { given: ['--tools-mode', 'discovery'], want: { ...STDIO, toolsMode: 'discovery' } },
    { given: ['--tools-mode', 'all'], want: { ...STDIO, toolsMode: 'all' } },
    { given: ['--max-calls-per-minute', '0'], want: { ...STDIO, callsPerMinute: 0 } },
    { given: ['--confirm', 'argument'], want: { ...STDIO, confirm: 'argument' } },
    { given: ['--confirm=elicit'], want: STDIO },
    { given: ['--confirm', 'ask'], want: { error: 'Unsupported confirmation policy "ask"; use elicit or argument.' } },
    { given: ['--max-calls-per-minute', '-1'], want: { error: '--max-calls-per-minute must be a whole number from 0 to 1000000 (got "-1").' } },
    { given: ['--max-calls-per-minute', '1.5'], want: { error: '--max-calls-per-minute must be a whole number from 0 to 1000000 (got "1.5").' } },
    { given: ['--tools-mode', 'dynamic'], want: { error: 'Unsupported tools mode "dynamic"; use auto, all or discovery.' } },
    { given: ['--transport', 'sse'], want: { error: 'Unsupported transport "sse"; use stdio or http.' } },
    { given: ['--transport'], want: { error: '--transport needs a value.' } },
    { given: ['--transport='], want: { error: 'Unsupported transport ""; use stdio or http.' } },
    { given: ['--transport', 'STDIO'], want: { error: 'Unsupported transport "STDIO"; use stdio or http.' } },
    { given: ['--transport', '--help'], want: { error: '--transport needs a value.' } },
    { given: ['--port', '3000'], want: { error: '--port applies to --transport http only.' } },
    { given: ['--no-auth'], want: { error: '--no-auth applies to --transport http only.' } },
    { given: ['--transport', 'http', '--port', '70000'], want: { error: '--port must be a whole number from 0 to 65535 (got "70000").' } },
    { given: ['--transport', 'http', '--max-body-bytes', '10'], want: { error: '--max-body-bytes must be a whole number from 1024 to 104857600 (got "10").' } },
    { given: ['--transport', 'http', '--host', ''], want: { error: '--host needs a value.' } },
    { given: ['--tags', ','], want: { error: '--tags needs a comma-separated list without empty entries (got ",").' } },
    { given: ['--methods', 'read', '--methods', 'write'], want: { error: '--methods is given twice.' } },
    { given: ['--read-only=true'], want: { error: '--read-only takes no value.' } },
    { given: ['--help'], want: { help: true } },
    { given: ['-h'], want: { help: true } },
    { given: ['--transport', 'stdio', '--help'], want: { help: true } },
    { given: ['--version'], want: { version: true } },
    { given: ['--verbose'], want: { error: 'Unknown argument "--verbose".' } },
    { given: ['stdio'], want: { error: 'Unknown argument "stdio".' } },
    { given: ['--bogus', '--help'], want: { error: 'Unknown argument "--bogus".' } },
  ])('$given', ({ given, want }) => expect(parseServerOptions(given)).toStrictEqual(want));
});

describe('USAGE', () => {
  it('names both commands, the scope flags and the HTTP flags', () => {
    for (const flag of ['--transport stdio|http', 'token create (--expires-in 30d', '--token-in-url', '--require-api-token-auth', '--auth oauth --authorization-server', '--public-url', 'MCP_TOKEN_SECRET_PREVIOUS', 'MCP_TOKEN_MAX_LIFETIME_DAYS', '--methods', '--tags', '--tools', '--read-only', '--tools-mode auto|all|discovery', '--max-calls-per-minute', '--host', '--port', '--no-auth', 'MCP_TOKEN_SECRET', 'MCP_AUTH_TOKENS']) {
      expect(USAGE).toContain(flag);
    }
  });
});

/** A 10,000-tool server must stay usable: auto lists everything up to the threshold, discovery past it. */
describe('auto tools mode', () => {
  it.each([
    { asked: 'auto', tools: 0, want: 'all' },
    { asked: 'auto', tools: DISCOVERY_ABOVE, want: 'all' },
    { asked: 'auto', tools: DISCOVERY_ABOVE + 1, want: 'discovery' },
    { asked: 'auto', tools: 11_320, want: 'discovery' },
    { asked: 'all', tools: 11_320, want: 'all' },
    { asked: 'discovery', tools: 1, want: 'discovery' },
  ] as const)('$asked with $tools tools → $want', ({ asked, tools, want }) => {
    expect(resolveToolsMode({ asked, tools })).toBe(want);
  });
});

import { describe, expect, it } from 'vitest';
import { verifyToken } from '../../templates/runtime/access-token.ts';
import { runTokenCommand } from '../../templates/runtime/token-command.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { ACME, tool } from './support.ts';

const USAGE_LINE = '--expires-in <N>m|h|d | --expires-at <ISO time> [--name NAME] [--url <public base URL>] [--methods …] [--tags …] [--tools …] [--read-only]';
const SECRET = 'cli-secret-0123456789abcdef-0123456789';
const NOW = Date.parse('2026-12-01T12:00:00Z');
function defined(input: { readonly name: string; readonly method: string; readonly methodClass: ToolDefinition['methodClass'] }): ToolDefinition {
  const base = tool({ name: input.name, http: { method: 'GET', path: '/x', args: {} } });
  return { ...base, methodClass: input.methodClass, method: input.method, tags: ['orders'], annotations: { ...base.annotations, readOnlyHint: input.methodClass === 'read' } };
}
const TOOLS = [defined({ name: 'list_orders', method: 'list', methodClass: 'read' }), defined({ name: 'get_order', method: 'get', methodClass: 'read' }), defined({ name: 'delete_order', method: 'delete', methodClass: 'write' })];

const run = async (argv: readonly string[], env: Record<string, string> = { MCP_TOKEN_SECRET: SECRET }) => runTokenCommand({ vendor: ACME, tools: TOOLS, argv, env, now: NOW });

describe('token create', () => {
  it('prints one token on stdout, carrying the scope and expiry, and what it grants on stderr', async () => {
    const outcome = await run(['create', '--expires-at', '2026-12-31T00:00:00Z', '--methods', 'read', '--tags', 'orders', '--name', 'ci-bot']);
    expect({ code: outcome.code, stderr: outcome.stderr, lines: outcome.stdout.split('\n').length }).toStrictEqual({
      code: 0,
      stderr: 'Token "ci-bot" for @vendor-mcp/acme, expires 2026-12-31T00:00:00.000Z, grants 2 of 3 tools (further narrowed by the server\'s own flags).\n',
      lines: 2,
    });
    const verified = await verifyToken({ token: outcome.stdout.trim(), secrets: { current: SECRET }, audience: '@vendor-mcp/acme', now: NOW });
    expect('claims' in verified && { ...verified.claims, jti: 'x' }).toStrictEqual({ aud: '@vendor-mcp/acme', name: 'ci-bot', iat: NOW / 1000, exp: Date.parse('2026-12-31T00:00:00Z') / 1000, scope: { methods: ['read'], tags: ['orders'] }, jti: 'x' });
  });

  it.each([
    { name: 'exact methods, read-only, offset zone, default name', argv: ['create', '--expires-at=2026-12-01T13:05:00+01:00', '--methods', 'delete,get', '--read-only'], code: 0, stderr: /"unnamed".*expires 2026-12-01T12:05:00\.000Z.*grants 1 of 3/ },
    { name: 'expires in 90 minutes', argv: ['create', '--expires-in', '90m'], code: 0, stderr: /expires 2026-12-01T13:30:00\.000Z/ },
    { name: 'expires in 12 hours', argv: ['create', '--expires-in', '12h'], code: 0, stderr: /expires 2026-12-02T00:00:00\.000Z/ },
    { name: 'expires in exactly the 90-day maximum', argv: ['create', '--expires-in', '90d'], code: 0, stderr: /expires 2027-03-01T12:00:00\.000Z/ },
    { name: 'a name with spaces and @', argv: ['create', '--expires-in', '1d', '--name', 'ChatGPT @ ops'], code: 0, stderr: /^Token "ChatGPT @ ops"/ },
  ])('$name', async ({ argv, code, stderr }) => {
    const outcome = await run(argv);
    expect(outcome.code).toStrictEqual(code);
    expect(outcome.stderr).toMatch(stderr);
  });

  it.each<{ readonly name: string; readonly argv: readonly string[]; readonly env?: Record<string, string>; readonly want: string }>([
    { name: 'no verb', argv: [], want: `Unknown token command ""; use: acme-mcp token create ${USAGE_LINE}` },
    { name: 'another verb', argv: ['revoke'], want: `Unknown token command "revoke"; use: acme-mcp token create ${USAGE_LINE}` },
    { name: 'no secret', argv: ['create', '--expires-at', '2026-12-31T00:00:00Z'], env: {}, want: 'MCP_TOKEN_SECRET is not set. The server that accepts the token needs the same secret.' },
    { name: 'weak secret', argv: ['create', '--expires-at', '2026-12-31T00:00:00Z'], env: { MCP_TOKEN_SECRET: 'short' }, want: 'MCP_TOKEN_SECRET must be at least 32 characters (generate one with: openssl rand -hex 32). The server that accepts the token needs the same secret.' },
    { name: 'no expiry', argv: ['create'], want: '--expires-in (e.g. 30d) or --expires-at is required: every token expires.' },
    { name: 'both expiries', argv: ['create', '--expires-in', '1d', '--expires-at', '2026-12-31T00:00:00Z'], want: 'Give --expires-at or --expires-in, not both.' },
    { name: 'expires in weeks', argv: ['create', '--expires-in', '2w'], want: '--expires-in must be a whole number of minutes, hours or days, e.g. 90m, 12h or 30d (got "2w").' },
    { name: 'a duration with a prefix', argv: ['create', '--expires-in', 'x1d'], want: '--expires-in must be a whole number of minutes, hours or days, e.g. 90m, 12h or 30d (got "x1d").' },
    { name: 'a duration with a suffix', argv: ['create', '--expires-in', '1dx'], want: '--expires-in must be a whole number of minutes, hours or days, e.g. 90m, 12h or 30d (got "1dx").' },
    { name: 'one day past the maximum', argv: ['create', '--expires-in', '91d'], want: 'The token may live at most 90 days (MCP_TOKEN_MAX_LIFETIME_DAYS); it would expire 2027-03-02T12:00:00.000Z.' },
    { name: 'past a lowered maximum', argv: ['create', '--expires-in', '8d'], env: { MCP_TOKEN_SECRET: SECRET, MCP_TOKEN_MAX_LIFETIME_DAYS: '7' }, want: 'The token may live at most 7 days (MCP_TOKEN_MAX_LIFETIME_DAYS); it would expire 2026-12-09T12:00:00.000Z.' },
    // Issue 20 §5: a name beyond Latin-1 once made every refusal of the token a 500 (an invalid WWW-Authenticate header).
    { name: 'a name beyond Latin-1', argv: ['create', '--expires-in', '1d', '--name', 'bot-☃'], want: '--name must be 1 to 64 characters of A-Z a-z 0-9 space . _ @ : + - (got "bot-☃").' },
    { name: 'a name with a quote', argv: ['create', '--expires-in', '1d', '--name', 'a"b'], want: '--name must be 1 to 64 characters of A-Z a-z 0-9 space . _ @ : + - (got "a\\"b").' },
    { name: 'a 65-character name', argv: ['create', '--expires-in', '1d', '--name', 'n'.repeat(65)], want: `--name must be 1 to 64 characters of A-Z a-z 0-9 space . _ @ : + - (got "${'n'.repeat(65)}").` },
    { name: 'a plain-http public URL', argv: ['create', '--expires-in', '1d', '--url', 'http://mcp.example.com'], want: '--url must be an https URL (http only on a loopback host; got "http://mcp.example.com").' },
    { name: 'no zone', argv: ['create', '--expires-at', '2026-12-31T00:00:00'], want: '--expires-at must be an ISO 8601 time with a zone, e.g. 2030-01-31T00:00:00Z (got "2026-12-31T00:00:00").' },
    { name: 'not a date', argv: ['create', '--expires-at', 'tomorrow'], want: '--expires-at must be an ISO 8601 time with a zone, e.g. 2030-01-31T00:00:00Z (got "tomorrow").' },
    { name: 'impossible date', argv: ['create', '--expires-at', '2026-13-45T00:00:00Z'], want: '--expires-at must be an ISO 8601 time with a zone, e.g. 2030-01-31T00:00:00Z (got "2026-13-45T00:00:00Z").' },
    { name: '59 s ahead', argv: ['create', '--expires-at', '2026-12-01T12:00:59Z'], want: 'The token must live at least 60 s (it would expire 2026-12-01T12:00:59.000Z).' },
    { name: 'in the past', argv: ['create', '--expires-at', '2020-01-01T00:00:00Z'], want: 'The token must live at least 60 s (it would expire 2020-01-01T00:00:00.000Z).' },
    { name: 'unknown flag', argv: ['create', '--expires-at', '2026-12-31T00:00:00Z', '--scope', 'all'], want: 'Unknown argument "--scope".' },
    { name: 'unknown tool', argv: ['create', '--expires-at', '2026-12-31T00:00:00Z', '--tools', 'list_order'], want: 'The token scope names things this package does not have: unknown tool "list_order".' },
    {
      name: 'two unknown names',
      argv: ['create', '--expires-at', '2026-12-31T00:00:00Z', '--tools', 'list_order', '--tags', 'nope'],
      want: 'The token scope names things this package does not have: unknown tag "nope" (known: orders); unknown tool "list_order".',
    },
    { name: 'empty scope', argv: ['create', '--expires-at', '2026-12-31T00:00:00Z', '--methods', 'write', '--read-only'], want: 'No tool is in scope: --methods write matches 1; --read-only matches 2 of 3 tools, and together they match none.' },
  ])('refuses: $name', async ({ argv, env, want }) => expect(await run(argv, env)).toStrictEqual({ code: 2, stdout: '', stderr: `${want}\n` }));

  it('60 s ahead is accepted', async () => expect((await run(['create', '--expires-at', '2026-12-01T12:01:00Z'])).code).toStrictEqual(0));

  it.each([
    { base: 'https://mcp.example.com', prefix: 'https://mcp.example.com/mcp/' },
    { base: 'https://mcp.example.com/', prefix: 'https://mcp.example.com/mcp/' },
    { base: 'https://mcp.example.com//', prefix: 'https://mcp.example.com/mcp/' },
    { base: 'https://mcp.example.com/mcp', prefix: 'https://mcp.example.com/mcp/' },
    { base: 'https://proxy.example.com/acme', prefix: 'https://proxy.example.com/acme/mcp/' },
  ])('--url $base prints the URL to paste, with the JWT as its last segment', async ({ base, prefix }) => {
    const outcome = await run(['create', '--expires-in', '1d', '--url', base, '--name', 'chatgpt']);
    expect(outcome.stdout.startsWith(prefix)).toStrictEqual(true);
    const token = outcome.stdout.trim().slice(prefix.length);
    expect(await verifyToken({ token, secrets: { current: SECRET }, audience: '@vendor-mcp/acme', now: NOW })).toMatchObject({ claims: { name: 'chatgpt' } });
    expect(outcome.stderr).toContain('Paste this URL as the server URL; it is the credential (the server needs --token-in-url). Keep it secret.');
  });
});

import { describe, expect, it } from 'vitest';
import { verifyToken } from '../../templates/runtime/access-token.ts';
import { runTokenCommand } from '../../templates/runtime/token-command.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { ACME, tool } from './support.ts';

const SECRET = 'cli-secret-0123456789abcdef-0123456789';
const NOW = Date.parse('2026-12-01T12:00:00Z');
function defined(input: { readonly name: string; readonly method: string; readonly methodClass: ToolDefinition['methodClass'] }): ToolDefinition {
  const base = tool({ name: input.name, http: { method: 'GET', path: '/x', args: {} } });
  return { ...base, methodClass: input.methodClass, method: input.method, tags: ['orders'], annotations: { ...base.annotations, readOnlyHint: input.methodClass === 'read' } };
}
const TOOLS = [defined({ name: 'list_orders', method: 'list', methodClass: 'read' }), defined({ name: 'get_order', method: 'get', methodClass: 'read' }), defined({ name: 'delete_order', method: 'delete', methodClass: 'write' })];

const run = (argv: readonly string[], env: Record<string, string> = { MCP_TOKEN_SECRET: SECRET }) => runTokenCommand({ vendor: ACME, tools: TOOLS, argv, env, now: NOW });

describe('token create', () => {
  it('prints one token on stdout, carrying the scope and expiry, and what it grants on stderr', () => {
    const outcome = run(['create', '--expires-at', '2026-12-31T00:00:00Z', '--methods', 'read', '--tags', 'orders', '--name', 'ci-bot']);
    expect({ code: outcome.code, stderr: outcome.stderr, lines: outcome.stdout.split('\n').length }).toStrictEqual({
      code: 0,
      stderr: 'Token "ci-bot" for @vendor-mcp/acme, expires 2026-12-31T00:00:00.000Z, grants 2 of 3 tools (further narrowed by the server\'s own flags).\n',
      lines: 2,
    });
    const verified = verifyToken({ token: outcome.stdout.trim(), secret: SECRET, audience: '@vendor-mcp/acme', now: NOW });
    expect('claims' in verified && { ...verified.claims, jti: 'x' }).toStrictEqual({ aud: '@vendor-mcp/acme', name: 'ci-bot', iat: NOW / 1000, exp: Date.parse('2026-12-31T00:00:00Z') / 1000, scope: { methods: ['read'], tags: ['orders'] }, jti: 'x' });
  });

  it.each([
    { name: 'exact methods, read-only, offset zone, default name', argv: ['create', '--expires-at=2026-12-01T13:05:00+01:00', '--methods', 'delete,get', '--read-only'], code: 0, stderr: /"unnamed".*expires 2026-12-01T12:05:00\.000Z.*grants 1 of 3/ },
  ])('$name', ({ argv, code, stderr }) => {
    const outcome = run(argv);
    expect(outcome.code).toStrictEqual(code);
    expect(outcome.stderr).toMatch(stderr);
  });

  it.each<{ readonly name: string; readonly argv: readonly string[]; readonly env?: Record<string, string>; readonly want: string }>([
    { name: 'no verb', argv: [], want: 'Unknown token command ""; use: acme-mcp token create --expires-at <ISO time> [--name NAME] [--methods …] [--tags …] [--tools …] [--read-only]' },
    { name: 'another verb', argv: ['revoke'], want: 'Unknown token command "revoke"; use: acme-mcp token create --expires-at <ISO time> [--name NAME] [--methods …] [--tags …] [--tools …] [--read-only]' },
    { name: 'no secret', argv: ['create', '--expires-at', '2026-12-31T00:00:00Z'], env: {}, want: 'MCP_TOKEN_SECRET is not set. The server that accepts the token needs the same secret.' },
    { name: 'weak secret', argv: ['create', '--expires-at', '2026-12-31T00:00:00Z'], env: { MCP_TOKEN_SECRET: 'short' }, want: 'MCP_TOKEN_SECRET must be at least 32 characters (generate one with: openssl rand -hex 32). The server that accepts the token needs the same secret.' },
    { name: 'no expiry', argv: ['create'], want: '--expires-at is required: every token expires (e.g. --expires-at 2030-01-31T00:00:00Z).' },
    { name: 'no zone', argv: ['create', '--expires-at', '2026-12-31T00:00:00'], want: '--expires-at must be an ISO 8601 time with a zone, e.g. 2030-01-31T00:00:00Z (got "2026-12-31T00:00:00").' },
    { name: 'not a date', argv: ['create', '--expires-at', 'tomorrow'], want: '--expires-at must be an ISO 8601 time with a zone, e.g. 2030-01-31T00:00:00Z (got "tomorrow").' },
    { name: 'impossible date', argv: ['create', '--expires-at', '2026-13-45T00:00:00Z'], want: '--expires-at must be an ISO 8601 time with a zone, e.g. 2030-01-31T00:00:00Z (got "2026-13-45T00:00:00Z").' },
    { name: '59 s ahead', argv: ['create', '--expires-at', '2026-12-01T12:00:59Z'], want: '--expires-at must be at least 60 s in the future (got 2026-12-01T12:00:59.000Z).' },
    { name: 'in the past', argv: ['create', '--expires-at', '2020-01-01T00:00:00Z'], want: '--expires-at must be at least 60 s in the future (got 2020-01-01T00:00:00.000Z).' },
    { name: 'unknown flag', argv: ['create', '--expires-at', '2026-12-31T00:00:00Z', '--scope', 'all'], want: 'Unknown argument "--scope".' },
    { name: 'unknown tool', argv: ['create', '--expires-at', '2026-12-31T00:00:00Z', '--tools', 'list_order'], want: 'The token scope names things this package does not have: unknown tool "list_order".' },
    { name: 'empty scope', argv: ['create', '--expires-at', '2026-12-31T00:00:00Z', '--methods', 'write', '--read-only'], want: 'No tool is in scope: --methods write matches 1; --read-only matches 2 of 3 tools, and together they match none.' },
  ])('refuses: $name', ({ argv, env, want }) => expect(run(argv, env)).toStrictEqual({ code: 2, stdout: '', stderr: `${want}\n` }));

  it('60 s ahead is accepted', () => expect(run(['create', '--expires-at', '2026-12-01T12:01:00Z']).code).toStrictEqual(0));
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../templates/runtime/main.ts';
import { USAGE as RUNTIME_USAGE } from '../../templates/runtime/server-options.ts';
import type { Env } from '../../templates/runtime/env.ts';
import { ACME, tool } from './support.ts';

const readTool = tool({ name: 'list_orders', http: { method: 'GET', path: '/orders', args: {} } });
const TOOLS = [
  { ...readTool, methodClass: 'read' as const, annotations: { ...readTool.annotations, readOnlyHint: true } },
  { ...tool({ name: 'delete_order', http: { method: 'DELETE', path: '/orders/1', args: {} } }), methodClass: 'write' as const },
];

const originalLog = console.log;
afterEach(() => {
  console.log = originalLog;
  vi.restoreAllMocks();
});

const USAGE = `${RUNTIME_USAGE.replaceAll('<bin>', 'acme-mcp')}\n`;

/** Only the early exits: anything that gets past them would take over this process's stdio. */
describe('main: early exits', () => {
  it.each<{ readonly name: string; readonly argv: readonly string[]; readonly env: Env; readonly want: { readonly code: number; readonly stderr: readonly string[] } }>([
    { name: '--help', argv: ['--help'], env: {}, want: { code: 0, stderr: [USAGE] } },
    { name: '--version', argv: ['--version'], env: {}, want: { code: 0, stderr: ['@vendor-mcp/acme 1.2.3\n'] } },
    { name: 'unknown flag', argv: ['--http'], env: {}, want: { code: 2, stderr: [`Unknown argument "--http".\n\n${USAGE}`] } },
    { name: 'unsupported transport', argv: ['--transport', 'sse'], env: {}, want: { code: 2, stderr: [`Unsupported transport "sse"; use stdio or http.\n\n${USAGE}`] } },
    {
      name: 'http without any token check',
      argv: ['--transport', 'http'],
      env: { ACME_TOKEN: 'x' },
      want: { code: 1, stderr: ['acme-mcp: cannot start.\n  - HTTP serving needs a bearer token check: set MCP_TOKEN_SECRET (for tokens made with `token create`) and/or MCP_AUTH_TOKENS, or pass --no-auth to serve without one.\n'] },
    },
    {
      name: 'a scope naming an unknown tool',
      argv: ['--tools', 'list_orderz'],
      env: { ACME_TOKEN: 'x' },
      want: { code: 1, stderr: ['acme-mcp: cannot start.\n  - Scope flags: unknown tool "list_orderz".\n'] },
    },
    {
      name: 'a scope that leaves no tool',
      argv: ['--methods', 'write', '--read-only'],
      env: { ACME_TOKEN: 'x' },
      want: { code: 1, stderr: ['acme-mcp: cannot start.\n  - No tool is in scope: --methods write matches 1; --read-only matches 1 of 2 tools, and together they match none.\n'] },
    },
    {
      // The limit settings alone are wrong (HTTP on port 0, so a start past this check would not collide).
      name: 'a shared-limit store URL that is not Redis',
      argv: ['--transport', 'http', '--no-auth', '--port', '0'],
      env: { ACME_TOKEN: 'x', MCP_RATE_LIMIT_REDIS_URL: 'http://127.0.0.1:1' },
      want: { code: 1, stderr: ['acme-mcp: cannot start.\n  - MCP_RATE_LIMIT_REDIS_URL must be a redis:// or rediss:// URL.\n'] },
    },
    {
      // Only a trusted proxy can say which resource a request reached; without one, --resource is required.
      name: 'OAuth with neither --resource nor --trust-proxy',
      argv: ['--transport', 'http', '--port', '0', '--auth', 'oauth', '--authorization-server', 'https://as.example'],
      env: { ACME_TOKEN: 'x' },
      want: {
        code: 1,
        stderr: ['acme-mcp: cannot start.\n  - --auth oauth needs --resource <public URL of the MCP endpoint> (or --public-url, or --trust-proxy behind a proxy that sets X-Forwarded-Proto/Host).\n'],
      },
    },
    {
      name: 'missing credentials and a bad base URL',
      argv: [],
      env: { ACME_BASE_URL: 'nope' },
      want: {
        code: 1,
        stderr: ['acme-mcp: cannot start.\n  - ACME_BASE_URL must be an absolute http(s) URL without a query or fragment (got "nope").\n  - Missing vendor credentials: set ACME_TOKEN.\n'],
      },
    },
  ])('$name', ({ argv, env, want }) => {
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    const code = main({ vendor: ACME, tools: TOOLS, argv, env });
    expect({ code, stderr }).toStrictEqual(want);
  });

  it('token create signs asynchronously: the refusal is written and the exit code set once it is done', async () => {
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(main({ vendor: ACME, tools: TOOLS, argv: ['token', 'create', '--expires-in', '1d'], env: {} })).toBeUndefined();
    await vi.waitFor(() => expect(stderr).toStrictEqual(['MCP_TOKEN_SECRET is not set. The server that accepts the token needs the same secret.\n']));
    expect(process.exitCode).toStrictEqual(2);
    process.exitCode = undefined;
  });

  it('token create prints the signed token on stdout and what it grants on stderr, and exits 0', async () => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    const env = { MCP_TOKEN_SECRET: 'main-token-create-0123456789abcdef01234' };
    expect(main({ vendor: ACME, tools: TOOLS, argv: ['token', 'create', '--expires-in', '1d', '--name', 'ci', '--read-only'], env })).toBeUndefined();
    await vi.waitFor(() => expect(stdout).toHaveLength(1));
    expect(stdout[0]).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(stderr).toStrictEqual([expect.stringMatching(/^Token "ci" for @vendor-mcp\/acme, expires .*, grants 1 of 2 tools/)]);
    expect(process.exitCode).toStrictEqual(0);
    process.exitCode = undefined;
  });

  it('sends console.log to stderr, because stdout belongs to the protocol', () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    main({ vendor: ACME, tools: [], argv: ['--version'], env: {} });
    expect(console.log === console.error).toStrictEqual(true);
  });
});

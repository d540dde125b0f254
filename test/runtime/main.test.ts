import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../templates/runtime/main.ts';
import type { Env } from '../../templates/runtime/vendor-credentials.ts';
import { ACME } from './support.ts';

const originalLog = console.log;
afterEach(() => {
  console.log = originalLog;
  vi.restoreAllMocks();
});

const USAGE = 'Usage: acme-mcp [--transport stdio] [--help] [--version]\n\nStarts the MCP server on stdio. Configuration comes from the environment (see README.md).\n';

/** Only the early exits: anything that gets past them would take over this process's stdio. */
describe('main: early exits', () => {
  it.each<{ readonly name: string; readonly argv: readonly string[]; readonly env: Env; readonly want: { readonly code: number; readonly stderr: readonly string[] } }>([
    { name: '--help', argv: ['--help'], env: {}, want: { code: 0, stderr: [USAGE] } },
    { name: '--version', argv: ['--version'], env: {}, want: { code: 0, stderr: ['@vendor-mcp/acme 1.2.3\n'] } },
    { name: 'unknown flag', argv: ['--http'], env: {}, want: { code: 2, stderr: [`Unknown argument "--http".\n\n${USAGE}`] } },
    { name: 'unsupported transport', argv: ['--transport', 'http'], env: {}, want: { code: 2, stderr: [`Unsupported transport "http"; use stdio.\n\n${USAGE}`] } },
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
    const code = main({ vendor: ACME, tools: [], argv, env });
    expect({ code, stderr }).toStrictEqual(want);
  });

  it('sends console.log to stderr, because stdout belongs to the protocol', () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    main({ vendor: ACME, tools: [], argv: ['--version'], env: {} });
    expect(console.log === console.error).toStrictEqual(true);
  });
});

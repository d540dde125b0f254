import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { BIN_FILE } from '../../generator/ir/naming.ts';

/**
 * The image is configured by environment only, so each variable must become exactly its flag. The
 * generated entrypoint runs under /bin/sh with a stand-in `node` first on PATH that prints the
 * arguments it was given: what the real server would receive.
 */
const ENTRYPOINT = path.join(REPO_ROOT, 'generated', 'malomo', 'docker-entrypoint.sh');
const BIN = `./node_modules/@vendor-mcp/malomo/${BIN_FILE}`;
let stand: string;

beforeAll(() => {
  stand = mkdtempSync(path.join(tmpdir(), 'vmcp-entrypoint-'));
  writeFileSync(path.join(stand, 'node'), '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n');
  chmodSync(path.join(stand, 'node'), 0o755);
});
afterAll(() => rmSync(stand, { recursive: true, force: true }));

function start(env: Record<string, string>): { readonly status: number | null; readonly args: readonly string[]; readonly stderr: string } {
  const run = spawnSync('/bin/sh', [ENTRYPOINT], { env: { PATH: `${stand}:/usr/bin:/bin`, ...env }, encoding: 'utf8' });
  return { status: run.status, args: run.stdout.split('\n').filter((line) => line !== ''), stderr: run.stderr };
}

const HTTP_DEFAULTS = [BIN, '--transport', 'http', '--host', '0.0.0.0', '--port', '3000'];

describe('the image entrypoint turns environment into flags', () => {
  it('with nothing set, serves HTTP on 0.0.0.0:3000 with token auth and no other flag', () => {
    expect(start({})).toStrictEqual({ status: 0, args: HTTP_DEFAULTS, stderr: '' });
  });

  it('maps the remote-client settings: OAuth resource server behind a proxy', () => {
    const run = start({
      MCP_AUTH: 'oauth',
      MCP_AUTHORIZATION_SERVER: 'https://id.example.com',
      MCP_RESOURCE: 'https://mcp.example.com/mcp',
      MCP_PUBLIC_URL: 'https://mcp.example.com',
      MCP_TRUST_PROXY: 'true',
    });
    expect(run).toStrictEqual({
      status: 0,
      args: [...HTTP_DEFAULTS, '--public-url', 'https://mcp.example.com', '--trust-proxy', '--auth', 'oauth', '--authorization-server', 'https://id.example.com', '--resource', 'https://mcp.example.com/mcp'],
      stderr: '',
    });
  });

  it('maps the pasteable-URL mode with its second credential, and the confirmation policy', () => {
    expect(start({ MCP_TOKEN_IN_URL: 'true', MCP_REQUIRE_API_TOKEN_AUTH: 'true', MCP_CONFIRM: 'argument' })).toStrictEqual({
      status: 0,
      args: [...HTTP_DEFAULTS, '--token-in-url', '--require-api-token-auth', '--confirm', 'argument'],
      stderr: '',
    });
  });

  it('leaves a switch off when it is false', () => {
    expect(start({ MCP_TRUST_PROXY: 'false', MCP_TOKEN_IN_URL: 'false', MCP_REQUIRE_API_TOKEN_AUTH: 'false', MCP_READ_ONLY: 'false' }).args).toStrictEqual(HTTP_DEFAULTS);
  });

  it.each(['MCP_TRUST_PROXY', 'MCP_TOKEN_IN_URL', 'MCP_REQUIRE_API_TOKEN_AUTH', 'MCP_READ_ONLY'])('refuses %s set to anything but true or false, and starts nothing', (name) => {
    expect(start({ [name]: 'yes' })).toStrictEqual({ status: 2, args: [], stderr: `${name} must be true or false (got "yes").\n` });
  });

  it('in stdio mode passes no HTTP or auth flag, even when they are set', () => {
    expect(start({ MCP_TRANSPORT: 'stdio', MCP_AUTH: 'oauth', MCP_TOKEN_IN_URL: 'true', MCP_READ_ONLY: 'true' }).args).toStrictEqual([BIN, '--transport', 'stdio', '--read-only']);
  });
});

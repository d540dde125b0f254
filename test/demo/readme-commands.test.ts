import { spawn, execFile } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

// The README links here for the simulator's commands; the test runs them from where they live.
const SECTION = readFileSync(path.join(REPO_ROOT, 'docs', 'simulator.md'), 'utf8');
const run = promisify(execFile);

/** Every fenced block of one language in the section, joined. */
function block(language: string): string {
  const blocks = [...SECTION.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1] ?? '');
  if (blocks.length === 0) throw new Error(`docs/simulator.md has no ${language} block`);
  return blocks.join('');
}

type RunningSimulator = { readonly baseUrl: string; readonly port: string; stop(): Promise<void> };

/** `npm run simulate -- <vendor> --port N` as the README writes it, on a free port instead of N. */
async function simulate(command: string): Promise<RunningSimulator> {
  const args = command.replace(/^npm run simulate -- /, '').split(' ').map((arg, index, all) => (all[index - 1] === '--port' ? '0' : arg));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/simulator/cli.ts', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  while (!stdout.includes('\n')) await once(child.stdout, 'data');
  const baseUrl = /listening at (\S+) \(token: test-token\)/.exec(stdout)?.[1] ?? `(unexpected: ${stdout})`;
  return {
    baseUrl,
    port: new URL(baseUrl).port,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** The README's address for the simulator, with its example port swapped for the real one. */
function withPort(input: { text: string; port: string }): string {
  return input.text.replace(/127\.0\.0\.1:\d+/g, `127.0.0.1:${input.port}`);
}

describe('docs/simulator.md: pointing a generated server at the standalone simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulate(/npm run simulate -- malomo --port \d+/.exec(block('sh'))![0]);
  });
  afterAll(async () => sim?.stop());

  it('the Claude Desktop JSON starts a server that reaches the simulator', async () => {
    const config = JSON.parse(withPort({ text: block('json'), port: sim.port }).replace('/absolute/path/to/vendor-mcp', REPO_ROOT)) as {
      mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }>;
    };
    const server = Object.values(config.mcpServers)[0]!;
    const client = new Client({ name: 'readme-check', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: server.command, args: server.args, env: { ...getDefaultEnvironment(), ...server.env }, stderr: 'ignore' }));
    try {
      const result = (await client.callTool({ name: 'get_single_malomo_orders_by_tracking_code_by_id', arguments: { tracking_code: '1Z999AA10123456784' } })) as { isError?: boolean; structuredContent?: Record<string, unknown> };
      expect([result.isError, result.structuredContent?.['number']]).toStrictEqual([undefined, '1001']);
    } finally {
      await client.close();
    }
  });

  it('the Inspector command, word for word, gets the order', async () => {
    const line = block('sh').split('\n').find((candidate) => candidate.startsWith('npx @modelcontextprotocol/inspector'))!;
    const [command, ...args] = withPort({ text: line, port: sim.port }).split(' ');
    const { stdout } = await run(command!, args, { cwd: REPO_ROOT, timeout: 60_000 });
    const result = JSON.parse(stdout) as { isError?: boolean; structuredContent?: Record<string, unknown> };
    expect([result.isError, result.structuredContent?.['number']]).toStrictEqual([undefined, '1001']);
  });

  it.each(['roserocket', 'malomo', 'edesk'])('%s: the table row names the base URL the simulator prints', async (vendor) => {
    const row = SECTION.split('\n').find((candidate) => candidate.startsWith('|') && candidate.includes(`npm run simulate -- ${vendor} `))!;
    const [, command, baseUrl] = /`(npm run simulate -- [^`]+)` \| `[A-Z]+_BASE_URL=([^`]+)`/.exec(row) ?? [];
    const started = await simulate(command!);
    try {
      expect(started.baseUrl).toBe(withPort({ text: baseUrl!, port: started.port }));
    } finally {
      await started.stop();
    }
  });
});

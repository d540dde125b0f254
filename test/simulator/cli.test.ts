import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('cli', () => {
  it('prints the base URL and token, logs each request to stderr, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/simulator/cli.ts', 'edesk', '--port', '0', '--token', 'cli-token'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      while (!stdout.includes('\n')) await once(child.stdout, 'data');
      const line = stdout.trim();
      expect(line).toMatch(/^edesk simulator listening at http:\/\/127\.0\.0\.1:\d+\/v1 \(token: cli-token\)$/);
      const baseUrl = /at (\S+)/.exec(line)?.[1] ?? '';
      const response = await fetch(`${baseUrl}/whoami?x=1`, { headers: { authorization: 'Bearer cli-token' } });
      expect(response.status).toBe(400);
      while (!stderr.includes('\n')) await once(child.stderr, 'data');
      expect(stderr.trim()).toBe('GET /v1/whoami?x=1 -> 400 invalid: query parameter x is not allowed');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }, 20000);

  it('rejects an unknown vendor with usage', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/simulator/cli.ts', 'acme'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('unknown vendor acme');
  }, 20000);
});

import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageEnv } from '../../scripts/shared/package-env.ts';
import { REPO_ROOT, VENDORS } from '../../scripts/shared/repo-root.ts';
import { packageBin } from '../../scripts/shared/package-bin.ts';

/** Raw stdio, no SDK in between: every byte on stdout must be a JSON-RPC message. */
function converse(vendor: string): Promise<{ stdout: string; stderr: string }> {
  const packageDir = path.join(REPO_ROOT, 'generated', vendor);
  const child = spawn(process.execPath, [packageBin(packageDir)], {
    env: { PATH: process.env['PATH'] ?? '', [packageEnv(packageDir).credential]: 'raw-secret-value' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = [
    { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'no_such_tool', arguments: {} } },
  ];
  child.stdin.write(lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.stdin.end(), 1500);
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ stdout, stderr });
    });
  });
}

describe('stdout carries nothing but protocol', () => {
  it.each(VENDORS)('%s', async (vendor) => {
    const { stdout, stderr } = await converse(vendor);
    const messages = stdout.trim().split('\n').map((line) => JSON.parse(line) as { jsonrpc: string; id: number; error?: { code: number } });
    expect(messages.map((m) => [m.jsonrpc, m.id])).toStrictEqual([['2.0', 1], ['2.0', 2], ['2.0', 3]]);
    expect(messages[2]!.error?.code).toBe(-32602);
    expect(stderr).toContain('"event":"started"');
    expect(stdout + stderr).not.toContain('raw-secret-value');
  });
});

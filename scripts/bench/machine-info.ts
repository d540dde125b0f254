import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type MachineInfo = {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly node: string;
  readonly npm: string;
  readonly loadAverage: readonly number[];
  readonly versions: Readonly<Record<string, string>>;
};

function installedVersion(input: { readonly root: string; readonly name: string }): string {
  try {
    return (JSON.parse(readFileSync(path.join(input.root, 'node_modules', input.name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function machineInfo(root: string): MachineInfo {
  const names = ['ts-morph', 'typescript', 'esbuild', 'tsx', 'zod', '@modelcontextprotocol/server', '@modelcontextprotocol/client'];
  const generator = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    npm: execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim(),
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
    versions: { 'vendor-mcp': generator, ...Object.fromEntries(names.map((name) => [name, installedVersion({ root, name })])) },
  };
}

import { spawn } from 'node:child_process';
import { stopChild } from './child-service.ts';

export type Replica = { readonly pid: number; readonly port: number; stderr(): string; stop(): Promise<void> };

/** A built server's bin on `--transport http --port 0`; the bound port comes from its `started` log line. */
export async function startReplica(input: { readonly bin: string; readonly args: readonly string[]; readonly env: Readonly<Record<string, string>> }): Promise<Replica> {
  const child = spawn(process.execPath, [input.bin, '--transport', 'http', '--port', '0', ...input.args], { env: { PATH: process.env['PATH'] ?? '', ...input.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /"url":"http:\/\/[^"]*:(\d+)\//.exec(stderr);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}: ${stderr}`)));
  });
  return {
    pid: child.pid!,
    port,
    stderr: () => stderr,
    stop: () => stopChild(child),
  };
}

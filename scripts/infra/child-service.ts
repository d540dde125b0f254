import { spawn, type ChildProcess } from 'node:child_process';

export type ChildService = { readonly pid: number; output(): string; stop(): Promise<void> };

/** A foreground service as our own child, so it is stopped by its pid and never outlives the run. */
export function startChild(input: { readonly command: string; readonly args: readonly string[] }): ChildService {
  const child: ChildProcess = spawn(input.command, [...input.args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return {
    pid: child.pid ?? -1,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';

/** SIGTERM, then wait for the exit; a child that already exited (or was killed) is left alone. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

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
    stop: () => stopChild(child),
  };
}

import { fork } from 'node:child_process';
import path from 'node:path';

export type SimulatorProcess = {
  readonly baseUrl: string;
  /** Requests recorded since the last drain, and how many of them failed doc validation. */
  drain(): Promise<{ readonly recorded: number; readonly invalid: number }>;
  close(): Promise<void>;
};

type ChildMessage = { readonly type: 'ready'; readonly baseUrl: string } | { readonly type: 'drained'; readonly recorded: number; readonly invalid: number };

/** Starts scripts/bench/simulator-child.ts and waits for its address. */
export function startSimulatorProcess(input: { readonly vendor: string; readonly token: string; readonly timeoutMs: number }): Promise<SimulatorProcess> {
  const child = fork(path.join(import.meta.dirname, 'simulator-child.ts'), [input.vendor, input.token], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 8192) stderr += chunk.toString('utf8');
  });
  const next = <T extends ChildMessage['type']>(type: T) =>
    new Promise<Extract<ChildMessage, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`simulator process: no ${type} within ${input.timeoutMs} ms: ${stderr.trim()}`)), input.timeoutMs);
      const onExit = (code: number | null) => reject(new Error(`simulator process exited (${code}): ${stderr.trim()}`));
      const onMessage = (message: ChildMessage) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage).off('exit', onExit);
        resolve(message as Extract<ChildMessage, { type: T }>);
      };
      child.on('message', onMessage).once('exit', onExit);
    });
  return next('ready').then(
    ({ baseUrl }) => ({
      baseUrl,
      drain: () => {
        const drained = next('drained');
        child.send({ type: 'drain' });
        return drained.then(({ recorded, invalid }) => ({ recorded, invalid }));
      },
      close: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.disconnect();
          setTimeout(() => child.kill('SIGKILL'), 3000).unref();
        }),
    }),
    (error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    },
  );
}

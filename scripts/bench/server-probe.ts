import { readFileSync, readdirSync } from 'node:fs';
import { initialize, spawnStdioRpc } from './stdio-rpc.ts';

export type ServerCommand = { readonly command: string; readonly args: readonly string[]; readonly cwd: string; readonly env: NodeJS.ProcessEnv };

export type ProbeResult =
  | {
      readonly ok: true;
      /** Spawn to the first `tools/list` answer. */
      readonly startMs: number;
      /** The server's CPU (every thread) up to that answer: steadier than wall time on a shared machine. */
      readonly cpuMs: number | undefined;
      /**
       * Spawn to the answer to a `ping` sent after the listing: when the server can take a tool call.
       * Ours answers the opening exchange before it loads (early-answer.ts); this is when it has.
       */
      readonly readyMs: number | undefined;
      readonly rssKb: number | undefined;
      readonly tools: readonly Record<string, unknown>[];
      /** Bytes of the `result` objects of every `tools/list` page, as JSON. */
      readonly listBytes: number;
    }
  | { readonly ok: false; readonly error: string };

/** Starts a server, lists every tool (following cursors), reads its RSS, and stops it. */
export async function probeServer(input: { readonly server: ServerCommand; readonly timeoutMs?: number }): Promise<ProbeResult> {
  const started = performance.now();
  const rpc = spawnStdioRpc(input.server);
  const timeout = new Promise<ProbeResult>((resolve) => setTimeout(() => resolve({ ok: false, error: `no tools/list answer within ${input.timeoutMs ?? 60_000} ms` }), input.timeoutMs ?? 60_000).unref());
  const probe = (async (): Promise<ProbeResult> => {
    const init = await initialize(rpc);
    if (!init.result) return { ok: false, error: `initialize: ${init.error?.message ?? 'no result'}` };
    const tools: Record<string, unknown>[] = [];
    let listBytes = 0;
    let startMs: number | undefined;
    let cpuMs: number | undefined;
    let cursor: string | undefined;
    do {
      const page = await rpc.request({ method: 'tools/list', ...(cursor ? { params: { cursor } } : {}) });
      if (startMs === undefined) {
        startMs = performance.now() - started;
        cpuMs = threadCpuMs(rpc.pid);
      }
      if (!page.result) return { ok: false, error: `tools/list: ${page.error?.message ?? 'no result'}` };
      listBytes += Buffer.byteLength(JSON.stringify(page.result));
      tools.push(...((page.result['tools'] ?? []) as Record<string, unknown>[]));
      cursor = page.result['nextCursor'] as string | undefined;
    } while (cursor !== undefined);
    const ping = await rpc.request({ method: 'ping' });
    const readyMs = ping.result === undefined ? undefined : performance.now() - started;
    return { ok: true, startMs: startMs!, cpuMs, readyMs, rssKb: rpc.rssKb(), tools, listBytes };
  })();
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    await rpc.close();
  }
}

/** Sum of every `/proc/<pid>/task/<tid>/schedstat` run time (ns): user and system time of every thread, finer than `/proc/<pid>/stat`'s ticks. */
function threadCpuMs(pid: number): number | undefined {
  try {
    return readdirSync(`/proc/${pid}/task`).reduce((sum, task) => sum + Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]) / 1e6, 0);
  } catch {
    return undefined;
  }
}

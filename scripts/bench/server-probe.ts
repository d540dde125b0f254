import { initialize, spawnStdioRpc } from './stdio-rpc.ts';

export type ServerCommand = { readonly command: string; readonly args: readonly string[]; readonly cwd: string; readonly env: NodeJS.ProcessEnv };

export type ProbeResult =
  | {
      readonly ok: true;
      /** Spawn to the first `tools/list` answer. */
      readonly startMs: number;
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
    let cursor: string | undefined;
    do {
      const page = await rpc.request({ method: 'tools/list', ...(cursor ? { params: { cursor } } : {}) });
      startMs ??= performance.now() - started;
      if (!page.result) return { ok: false, error: `tools/list: ${page.error?.message ?? 'no result'}` };
      listBytes += Buffer.byteLength(JSON.stringify(page.result));
      tools.push(...((page.result['tools'] ?? []) as Record<string, unknown>[]));
      cursor = page.result['nextCursor'] as string | undefined;
    } while (cursor !== undefined);
    return { ok: true, startMs: startMs!, rssKb: rpc.rssKb(), tools, listBytes };
  })();
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    await rpc.close();
  }
}

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * A bare JSON-RPC client over a server's stdio: no SDK, so the client adds no validation time to
 * what is measured, and replies larger than an SDK client accepts (10 MB) can still be measured.
 */
export type RpcReply = { readonly result?: Record<string, unknown>; readonly error?: { readonly message: string }; readonly bytes: number };

export type StdioRpc = {
  readonly pid: number;
  request(input: { readonly method: string; readonly params?: Record<string, unknown> }): Promise<RpcReply>;
  notify(input: { readonly method: string; readonly params?: Record<string, unknown> }): void;
  /** Resident set size of the server process now, from /proc. */
  rssKb(): number | undefined;
  stderr(): string;
  /** `graceful`: end stdin and let the server exit by itself (so `--cpu-prof` can write its profile). */
  close(input?: { readonly graceful?: boolean }): Promise<void>;
};

const MAX_LINE = 96 * 1024 * 1024;

export const PROTOCOL_VERSION = '2025-06-18';

export function spawnStdioRpc(input: { readonly command: string; readonly args: readonly string[]; readonly cwd: string; readonly env: NodeJS.ProcessEnv }): StdioRpc {
  const child: ChildProcessWithoutNullStreams = spawn(input.command, input.args, { cwd: input.cwd, env: input.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const pending = new Map<number, (reply: RpcReply) => void>();
  let nextId = 1;
  let chunks: Buffer[] = [];
  let buffered = 0;
  let stderr = '';
  let exited: string | undefined;
  const failAll = (message: string) => {
    for (const [id, resolve] of pending) {
      pending.delete(id);
      resolve({ error: { message }, bytes: 0 });
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let newline = chunk.indexOf(10); newline >= 0; newline = chunk.indexOf(10, start)) {
      chunks.push(chunk.subarray(start, newline));
      const line = Buffer.concat(chunks);
      chunks = [];
      buffered = 0;
      start = newline + 1;
      if (line.length === 0) continue;
      let message: { id?: number; result?: Record<string, unknown>; error?: { message: string } };
      try {
        message = JSON.parse(line.toString('utf8')) as typeof message;
      } catch {
        continue;
      }
      const resolve = message.id === undefined ? undefined : pending.get(message.id);
      if (resolve === undefined) continue;
      pending.delete(message.id!);
      resolve({ ...(message.result ? { result: message.result } : {}), ...(message.error ? { error: message.error } : {}), bytes: line.length });
    }
    if (start < chunk.length) {
      chunks.push(chunk.subarray(start));
      buffered += chunk.length - start;
      if (buffered > MAX_LINE) {
        failAll(`reply over ${MAX_LINE / 1024 / 1024} MB`);
        child.kill('SIGKILL');
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 32 * 1024) stderr += chunk.toString('utf8');
  });
  child.on('exit', (code, signal) => {
    exited = `server exited (${signal ?? code})`;
    failAll(`${exited}: ${stderr.trim().split('\n').slice(-3).join(' | ').slice(-400)}`);
  });
  child.stdin.on('error', () => undefined);
  const send = (message: Record<string, unknown>) => {
    if (exited === undefined) child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  };
  return {
    pid: child.pid!,
    request({ method, params }) {
      const id = nextId++;
      return new Promise((resolve) => {
        if (exited !== undefined) return resolve({ error: { message: exited }, bytes: 0 });
        pending.set(id, resolve);
        send({ id, method, ...(params ? { params } : {}) });
      });
    },
    notify({ method, params }) {
      send({ method, ...(params ? { params } : {}) });
    },
    rssKb() {
      try {
        return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
      } catch {
        return undefined;
      }
    },
    stderr: () => stderr,
    close(options) {
      if (exited !== undefined) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
        if (options?.graceful) setTimeout(() => child.kill('SIGTERM'), 5000).unref();
        else child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), options?.graceful ? 7000 : 2000).unref();
      });
    },
  };
}

export async function initialize(rpc: StdioRpc): Promise<RpcReply> {
  const reply = await rpc.request({ method: 'initialize', params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'vendor-mcp-bench', version: '1.0.0' } } });
  if (reply.result) rpc.notify({ method: 'notifications/initialized' });
  return reply;
}

import { spawn, type ChildProcess } from 'node:child_process';

export type RawReply = { readonly kind: 'message'; readonly message: Record<string, unknown> } | { readonly kind: 'timeout' } | { readonly kind: 'closed'; readonly detail: string };

/**
 * A bare newline-delimited JSON-RPC connection to a stdio server. The SDK client refuses to send
 * what a schema forbids (`arguments: 5`); a careless or hostile client does not, so neither do we.
 */
export type RawRpc = {
  request(input: { readonly method: string; readonly params: unknown; readonly timeoutMs: number }): Promise<RawReply>;
  alive(): boolean;
  close(): void;
};

export async function openRawRpc(launch: { readonly command: string; readonly args: readonly string[]; readonly env: Readonly<Record<string, string>> }): Promise<RawRpc> {
  const child: ChildProcess = spawn(launch.command, [...launch.args], { env: { ...launch.env }, stdio: ['pipe', 'pipe', 'ignore'] });
  const waiting = new Map<number, (reply: RawReply) => void>();
  let exited: string | undefined;
  let buffer = '';
  let nextId = 1;
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(line) as Record<string, unknown>;
      } catch {
        message = { unparsable: line };
      }
      const settle = typeof message['id'] === 'number' ? waiting.get(message['id']) : undefined;
      settle?.({ kind: 'message', message });
    }
  });
  child.on('exit', (code, signal) => {
    exited = `exit code ${code} signal ${signal}`;
    for (const settle of waiting.values()) settle({ kind: 'closed', detail: exited });
  });
  const request: RawRpc['request'] = ({ method, params, timeoutMs }) =>
    new Promise<RawReply>((resolve) => {
      if (exited !== undefined) return resolve({ kind: 'closed', detail: exited });
      const id = nextId++;
      const timer = setTimeout(() => settle({ kind: 'timeout' }), timeoutMs);
      const settle = (reply: RawReply) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(reply);
      };
      waiting.set(id, settle);
      child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  const init = await request({ method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'vendor-mcp-fuzz-raw', version: '1.0.0' } }, timeoutMs: 15_000 });
  if (init.kind !== 'message' || init.message['result'] === undefined) throw new Error(`raw connection did not initialize: ${JSON.stringify(init)}`);
  child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  return { request, alive: () => exited === undefined, close: () => void child.kill() };
}

import { connect, createServer } from 'node:net';

/** A port the kernel just handed out on 127.0.0.1, for programs (nginx, redis) that cannot take port 0. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once something accepts TCP connections on the port; rejects after `timeoutMs`. */
export async function waitForPort(input: { readonly port: number; readonly timeoutMs?: number }): Promise<void> {
  const deadline = Date.now() + (input.timeoutMs ?? 10_000);
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(input.port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${input.port} after ${input.timeoutMs ?? 10_000} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { readOnlyToolsOf, startNginx, type NginxProxy } from '../../scripts/infra/nginx-proxy.ts';
export { fetchTrusting, httpsClient } from '../../scripts/infra/https-client.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { startHttpServer, type HttpServer } from './http-stack.ts';

export type VendorRequest = { readonly replica: number; readonly method: string; readonly path: string };

/**
 * Between the replicas and the vendor simulator: replica N is given `<gate>/rN` as its vendor base
 * URL, so every vendor request says which replica sent it. `holdNext` keeps the next matching request
 * unanswered (as a slow vendor would) and reports which replica is waiting on it.
 */
export type VendorGate = {
  readonly requests: VendorRequest[];
  baseUrlFor(replica: number): string;
  holdNext(match: (request: VendorRequest) => boolean): Promise<VendorRequest>;
  close(): Promise<void>;
};

export async function startVendorGate(input: { readonly simBaseUrl: string }): Promise<VendorGate> {
  const requests: VendorRequest[] = [];
  let hold: { readonly match: (request: VendorRequest) => boolean; readonly held: (request: VendorRequest) => void } | undefined;
  const held: ServerResponse[] = [];
  const forward = async (req: IncomingMessage, res: ServerResponse, rest: string) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name, value]) => typeof value === 'string' && name !== 'host' && name !== 'connection')) as Record<string, string>;
    const method = req.method ?? 'GET';
    const answer = await fetch(`${input.simBaseUrl}${rest}`, { method, headers, ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}) });
    res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => name !== 'content-encoding' && name !== 'transfer-encoding')));
    res.end(Buffer.from(await answer.arrayBuffer()));
  };
  const server: Server = createServer((req, res) => {
    const match = /^\/r(\d+)(\/.*)$/.exec(req.url ?? '');
    if (match === null) return void res.writeHead(404).end();
    const request = { replica: Number(match[1]), method: req.method ?? 'GET', path: match[2]!.split('?')[0]! };
    requests.push(request);
    if (hold !== undefined && hold.match(request)) {
      const { held: report } = hold;
      hold = undefined;
      held.push(res);
      return report(request);
    }
    forward(req, res, match[2]!).catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    requests,
    baseUrlFor: (replica) => `http://127.0.0.1:${port}/r${replica}`,
    holdNext: (match) => new Promise((resolve) => (hold = { match, held: resolve })),
    close: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type RemoteStack = { readonly replicas: HttpServer[]; readonly nginx: NginxProxy; close(): Promise<void> };

/** `count` replicas of the Malomo server (same secret, own vendor path each) behind one nginx. */
export async function startRemoteStack(input: { readonly count: number; readonly gate: VendorGate; readonly env: Readonly<Record<string, string>>; readonly args?: readonly string[]; readonly nginxPort?: number }): Promise<RemoteStack> {
  const replicas = await Promise.all(
    Array.from({ length: input.count }, (_, index) => startHttpServer({ args: input.args ?? [], env: { ...input.env, MALOMO_BASE_URL: input.gate.baseUrlFor(index + 1) } })),
  );
  const nginx = await startNginx({ replicas: replicas.map((replica) => `127.0.0.1:${replica.port}`), readTools: readOnlyToolsOf(path.join(REPO_ROOT, 'generated', 'malomo')), ...(input.nginxPort === undefined ? {} : { port: input.nginxPort }) });
  return {
    replicas,
    nginx,
    close: async () => {
      await nginx.close();
      await Promise.all(replicas.map((replica) => replica.stop()));
    },
  };
}

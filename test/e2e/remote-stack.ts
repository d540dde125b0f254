import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Agent, fetch as undiciFetch } from 'undici';
import { startNginx, type NginxProxy } from '../../scripts/infra/nginx-proxy.ts';
import { REPO_ROOT } from '../support/repo-root.ts';
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

/** The tools of the built Malomo package that are annotated read-only: the calls nginx may retry. */
export function readOnlyTools(vendor = 'malomo'): string[] {
  const snapshot = JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'tools.json'), 'utf8')) as { tools: { name: string; annotations?: { readOnlyHint?: boolean } }[] };
  return snapshot.tools.filter((tool) => tool.annotations?.readOnlyHint === true).map((tool) => tool.name);
}

export type RemoteStack = { readonly replicas: HttpServer[]; readonly nginx: NginxProxy; close(): Promise<void> };

/** `count` replicas of the Malomo server (same secret, own vendor path each) behind one nginx. */
export async function startRemoteStack(input: { readonly count: number; readonly gate: VendorGate; readonly env: Readonly<Record<string, string>>; readonly args?: readonly string[] }): Promise<RemoteStack> {
  const replicas = await Promise.all(
    Array.from({ length: input.count }, (_, index) => startHttpServer({ args: input.args ?? [], env: { ...input.env, MALOMO_BASE_URL: input.gate.baseUrlFor(index + 1) } })),
  );
  const nginx = await startNginx({ replicas: replicas.map((replica) => `127.0.0.1:${replica.port}`), readTools: readOnlyTools() });
  return {
    replicas,
    nginx,
    close: async () => {
      await nginx.close();
      await Promise.all(replicas.map((replica) => replica.stop()));
    },
  };
}

/** An SDK client that knows only the HTTPS URL and trusts the proxy's self-signed certificate. */
export async function httpsClient(input: { readonly url: string; readonly ca: string; readonly token: string }): Promise<Client> {
  const dispatcher = new Agent({ connect: { ca: input.ca } });
  const fetchWithCa = ((url: string | URL, init?: RequestInit) => undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof fetch;
  const transport = new StreamableHTTPClientTransport(new URL(input.url), { fetch: fetchWithCa, requestInit: { headers: { Authorization: `Bearer ${input.token}` } } });
  // The modern era sends Mcp-Method / Mcp-Name, which is what lets nginx tell a read from a write.
  const client = new Client({ name: 'vendor-mcp-remote-e2e', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(transport);
  return client;
}

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadDoc } from './load-doc.ts';
import { createSimulatorCore } from './simulator-core.ts';
import type { StartSimulatorOptions } from './start-options.ts';
import type { Simulator } from './types.ts';
import { vendorProfile } from './vendor-registry.ts';

export type { StartSimulatorOptions } from './start-options.ts';
export type { RecordedRequest, SimResponseOverride, Simulator, SimVendor } from './types.ts';

export function defaultDocPath(vendor: StartSimulatorOptions['vendor']): string {
  return fileURLToPath(new URL(`../../vendor-docs/${vendor}/openapi.yaml`, import.meta.url));
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Starts a stateful simulator of one vendor on 127.0.0.1. Every request is validated against the
 * vendor's OpenAPI doc and recorded; valid ones reach an in-memory store seeded with fixed data.
 */
export async function startSimulator(options: StartSimulatorOptions): Promise<Simulator> {
  // An unregistered vendor is refused before anything is read or bound.
  const profile = options.profile ?? vendorProfile(options.vendor);
  const doc = loadDoc(options.docPath ?? defaultDocPath(options.vendor));
  const token = options.token ?? 'test-token';
  const server = createServer();
  // Keep-alive sockets would hold close() open until clients let go; tests start and stop often.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const core = createSimulatorCore({ profile, doc, token, clientSecret: options.clientSecret ?? 'test-secret', origin, onRequest: options.onRequest });
  const timers = new Set<NodeJS.Timeout>();

  server.on('request', (request, response) => {
    readBody(request)
      .then((rawBody) => {
        const { response: outgoing } = core.handle({ method: request.method ?? 'GET', rawUrl: request.url ?? '/', headers: headersOf(request), rawBody });
        const send = () => {
          if (response.destroyed) return;
          response.writeHead(outgoing.status, outgoing.headers);
          response.end(outgoing.body);
        };
        if (outgoing.delayMs <= 0) return send();
        const timer = setTimeout(() => {
          timers.delete(timer);
          send();
        }, outgoing.delayMs);
        timers.add(timer);
      })
      .catch(() => {
        if (!response.headersSent) response.writeHead(400);
        response.end();
      });
  });

  return {
    baseUrl: core.baseUrl,
    origin,
    requests: core.requests,
    token,
    reset: () => core.reset(),
    enqueue: (override) => core.enqueue(override),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

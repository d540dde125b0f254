/**
 * Peak memory of a generated server while the vendor streams a huge body (issue 20, item 3).
 * Not a test: a measurement, printed as one JSON line.
 *
 *   npx tsx scripts/bench/response-memory.ts [--package generated/malomo] [--bytes 1073741824] [--gzip]
 *
 * A local stub plays the vendor and answers every GET with `--bytes` bytes of JSON (gzip-encoded
 * with --gzip). The server is the package's built `bin` over stdio, driven by the SDK
 * client. Peak RSS is the server process's VmHWM from /proc (Linux). A second, small call shows
 * whether the server still serves.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { minimalObject } from '../shared/minimal-args.ts';
import { packageBin } from '../shared/package-bin.ts';

const { values } = parseArgs({ options: { package: { type: 'string', default: 'generated/malomo' }, bytes: { type: 'string', default: String(2 ** 30) }, gzip: { type: 'boolean', default: false } } });
const packageDir = path.resolve(values.package!);
const totalBytes = Number(values.bytes);

type Stub = { url: string; sent: () => number; close: () => void };

/** Streams `{"note":"<spaces>"}` of the requested size to the first request, and a tiny body to any later one. */
function startStub(): Promise<Stub> {
  let sent = 0;
  let requests = 0;
  const server = http.createServer((_request, response) => {
    requests += 1;
    if (requests > 1) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"id":"small"}');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', ...(values.gzip ? { 'content-encoding': 'gzip' } : {}) });
    const sink: NodeJS.WritableStream = values.gzip ? zlib.createGzip() : response;
    if (values.gzip) (sink as zlib.Gzip).pipe(response);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let left = totalBytes - 12;
    sink.write('{"note":"');
    const pump = () => {
      while (left > 0) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        sent += piece.length;
        if (!sink.write(piece)) return;
      }
      sink.end('"}');
    };
    sink.on('drain', pump);
    response.on('close', () => (left = 0));
    pump();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent: () => sent, close: () => server.close() })));
}

function status(pid: number): { rssKb: number; hwmKb: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

const vendor = JSON.parse(readFileSync(path.join(packageDir, 'server.json'), 'utf8')) as { packages?: { environmentVariables?: { name: string }[] }[] };
const variables = (vendor.packages?.[0]?.environmentVariables ?? []).map((v) => v.name);
const stub = await startStub();
const env: Record<string, string> = { ...getDefaultEnvironment() };
for (const name of variables) env[name] = name.endsWith('_BASE_URL') ? stub.url : name.endsWith('_URL') ? `${stub.url}/token` : 'bench-credential-0123456789';
const transport = new StdioClientTransport({ command: process.execPath, args: [packageBin(packageDir)], env, stderr: 'ignore' });
const client = new Client({ name: 'response-memory-bench', version: '0.0.0' });
await client.connect(transport);
const pid = transport.pid!;
const { tools } = await client.listTools();
const target = tools.find((tool) => tool.name.startsWith('get_single_') && !JSON.stringify(tool.inputSchema).includes('"limit"'))!;
const idle = status(pid);
const started = Date.now();
let reply: string;
try {
  const result = await client.callTool({ name: target.name, arguments: minimalObject(target.inputSchema as Record<string, unknown>) }, { timeout: 600_000 });
  reply = JSON.stringify(result.content).slice(0, 240);
} catch (error) {
  reply = `client error: ${String(error).slice(0, 200)}`;
}
const seconds = (Date.now() - started) / 1000;
const peak = status(pid);
let stillServes: boolean;
try {
  const again = await client.callTool({ name: target.name, arguments: minimalObject(target.inputSchema as Record<string, unknown>) }, { timeout: 10_000 });
  stillServes = JSON.stringify(again.structuredContent ?? {}).includes('small');
} catch {
  stillServes = false;
}
console.log(JSON.stringify({ package: path.relative(process.cwd(), packageDir), tool: target.name, bodyBytes: totalBytes, gzip: values.gzip, idleRssMb: Math.round(idle.rssKb / 1024), peakRssMb: Math.round(peak.hwmKb / 1024), seconds, stubSentMb: Math.round(stub.sent() / 2 ** 20), stillServes, reply }));
await client.close();
stub.close();

import { request as httpRequest } from 'node:http';
import { buildDoc, loadDoc, type SimDoc } from '../../scripts/simulator/load-doc.ts';
import { defaultDocPath } from '../../scripts/simulator/index.ts';
import { createSchemaValidator, type SchemaValidator } from '../../scripts/simulator/schema-validator.ts';
import type { Simulator, SimVendor } from '../../scripts/simulator/types.ts';

export type CallResult = { status: number; headers: Headers; text: string; body: unknown };

/** The headers every generated client sends for this vendor: bearer plus the doc's static headers. */
export function defaultHeaders(input: { vendor: SimVendor; token?: string }): Record<string, string> {
  const headers: Record<string, string> = { authorization: `Bearer ${input.token ?? 'test-token'}` };
  if (input.vendor === 'malomo') headers.accept = 'application/vnd.malomo+json; version=2';
  return headers;
}

/** One HTTP call against a simulator; `path` is relative to the vendor base path and may carry a query. */
export async function call(input: {
  sim: Simulator;
  vendor: SimVendor;
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string | undefined>;
}): Promise<CallResult> {
  const headers: Record<string, string> = { ...defaultHeaders({ vendor: input.vendor, token: input.sim.token }) };
  const hasBody = input.body !== undefined || input.rawBody !== undefined;
  if (hasBody) headers['content-type'] = 'application/json';
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const payload = input.rawBody ?? (input.body === undefined ? undefined : JSON.stringify(input.body));
  // fetch refuses a body on GET, which Rose Rocket's published GET /boards/nav takes: send those with node:http.
  const response = payload !== undefined && input.method === 'GET'
    ? await getWithBody({ url: input.sim.baseUrl + input.path, headers, body: payload })
    : await fetch(input.sim.baseUrl + input.path, { method: input.method, headers, body: payload });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

function getWithBody(input: { url: string; headers: Record<string, string>; body: string }): Promise<Response> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(input.url, { method: 'GET', headers: { ...input.headers, 'content-length': String(Buffer.byteLength(input.body)) } }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const headers = new Headers(Object.entries(incoming.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)] as [string, string]])));
        resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode ?? 0, headers }));
      });
    });
    sent.on('error', reject);
    sent.end(input.body);
  });
}

const docs = new Map<SimVendor, { doc: SimDoc; validator: SchemaValidator }>();

export function vendorDoc(vendor: SimVendor): { doc: SimDoc; validator: SchemaValidator } {
  const cached = docs.get(vendor);
  if (cached !== undefined) return cached;
  const doc = loadDoc(defaultDocPath(vendor));
  const made = { doc, validator: createSchemaValidator(doc.raw) };
  docs.set(vendor, made);
  return made;
}

/** Problems with a response against the doc: undeclared status, body where none is declared, schema errors. */
export function responseProblems(input: { vendor: SimVendor; operation: string; status: number; text: string; body: unknown }): string[] {
  const { doc, validator } = vendorDoc(input.vendor);
  const operation = doc.operations.find((candidate) => candidate.key === input.operation);
  if (operation === undefined) return [`${input.operation} is not in the doc`];
  const status = String(input.status);
  const declared = operation.responses.has(status) ? status : operation.responses.has(`${status[0]}XX`) ? `${status[0]}XX` : operation.responses.has('default') ? 'default' : undefined;
  if (declared === undefined) return [`${input.operation} does not declare status ${status}`];
  const pointer = operation.responses.get(declared);
  if (pointer === undefined) return input.text === '' ? [] : [`${input.operation} ${status} declares no body but got ${input.text.slice(0, 80)}`];
  return validator.validate({ pointer, value: input.body, location: 'body' }).map((issue) => issue.message);
}

export { buildDoc };

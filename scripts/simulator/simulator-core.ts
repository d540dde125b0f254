import type { SimError } from './error-envelope.ts';
import { HttpFailure, type HandlerResult, type VendorHandlers } from './handler-types.ts';
import type { SimDoc, SimOperation } from './load-doc.ts';
import { validateRequest } from './request-validation.ts';
import { createRouteMatcher } from './route-matcher.ts';
import { createSchemaValidator } from './schema-validator.ts';
import type { RecordedRequest, SimResponseOverride, SimVendor } from './types.ts';
import { createContractCheck, loadContract } from './vendor-contract.ts';
import { VENDOR_PROFILES } from './vendor-registry.ts';

export type IncomingHttp = { method: string; rawUrl: string; headers: Record<string, string>; rawBody: string };

export type OutgoingHttp = { status: number; headers: Record<string, string>; body: string; delayMs: number };

/**
 * Everything the simulator decides, without sockets: one request in, the recorded request and the
 * response out. The HTTP server in index.ts is only glue around this.
 */
export function createSimulatorCore(input: {
  vendor: SimVendor;
  doc: SimDoc;
  token: string;
  clientSecret: string;
  origin: string;
  onRequest?: (request: RecordedRequest) => void;
}) {
  const { vendor, doc, token } = input;
  const validator = createSchemaValidator(doc.raw);
  const checkContract = createContractCheck(loadContract(vendor));
  const byTemplate = new Map<string, Map<string, SimOperation>>();
  for (const operation of doc.operations) {
    const methods = byTemplate.get(operation.pathTemplate) ?? new Map<string, SimOperation>();
    methods.set(operation.method, operation);
    byTemplate.set(operation.pathTemplate, methods);
  }
  const matchRoute = createRouteMatcher([...byTemplate].map(([template, value]) => ({ template, value })));
  const requests: RecordedRequest[] = [];
  const overrides: SimResponseOverride[] = [];
  const profile = VENDOR_PROFILES[vendor];
  let handlers: VendorHandlers = profile.handlers();
  let requestCount = 0;
  const baseUrl = input.origin + doc.basePath;

  const nextRequestId = () => {
    requestCount += 1;
    return `req_${String(requestCount).padStart(6, '0')}`;
  };

  const json = (made: { status: number; body: unknown; headers?: Record<string, string> }): OutgoingHttp => ({
    status: made.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...made.headers },
    body: made.body === undefined ? '' : JSON.stringify(made.body),
    delayMs: 0,
  });

  const errorResponse = (made: { error: SimError; headers?: Record<string, string> }) =>
    json({ status: made.error.status, body: profile.errorBody({ error: made.error, requestId: nextRequestId() }), headers: made.headers });

  const fromResult = (result: HandlerResult): OutgoingHttp => {
    if (result.kind === 'error') return errorResponse({ error: { status: result.status, message: result.message, issues: result.issues } });
    if (result.body === undefined) return { status: result.status, headers: { ...result.headers }, body: '', delayMs: 0 };
    return json({ status: result.status, body: result.body, headers: result.headers });
  };

  const fromOverride = (override: SimResponseOverride): OutgoingHttp => {
    const body = override.rawBody ?? (override.body === undefined ? '' : JSON.stringify(override.body));
    // A scripted body is JSON unless the script says otherwise (HTML error pages set their own type).
    const headers: Record<string, string> = body === '' ? {} : { 'content-type': 'application/json; charset=utf-8' };
    for (const [name, value] of Object.entries(override.headers ?? {})) headers[name.toLowerCase()] = value;
    return { status: override.status, headers, body, delayMs: override.delayMs ?? 0 };
  };

  const handle = (incoming: IncomingHttp): { record: RecordedRequest; response: OutgoingHttp } => {
    const queryStart = incoming.rawUrl.indexOf('?');
    const pathname = queryStart === -1 ? incoming.rawUrl : incoming.rawUrl.slice(0, queryStart);
    const queryEntries = [...new URLSearchParams(queryStart === -1 ? '' : incoming.rawUrl.slice(queryStart + 1))];
    const insideBase = doc.basePath === '' || pathname === doc.basePath || pathname.startsWith(`${doc.basePath}/`);
    const path = insideBase ? pathname.slice(doc.basePath.length) || '/' : pathname;
    let parsedBody: unknown;
    try {
      parsedBody = incoming.rawBody === '' ? undefined : JSON.parse(incoming.rawBody);
    } catch {
      parsedBody = undefined;
    }
    const record: RecordedRequest = {
      method: incoming.method,
      path,
      rawUrl: incoming.rawUrl,
      query: groupQuery(queryEntries),
      headers: incoming.headers,
      body: parsedBody,
      rawBody: incoming.rawBody,
      valid: false,
      errors: [],
      status: 0,
    };
    const finish = (made: { response: OutgoingHttp; valid: boolean; errors?: string[]; operation?: string }) => {
      record.valid = made.valid;
      record.errors = made.errors ?? [];
      record.status = made.response.status;
      if (made.operation !== undefined) record.operation = made.operation;
      requests.push(record);
      input.onRequest?.(record);
      return { record, response: made.response };
    };

    const rootRoute = profile.rootRoutes?.[pathname];
    if (rootRoute !== undefined) {
      const result = rootRoute({ method: incoming.method, headers: incoming.headers, rawBody: incoming.rawBody, token, clientSecret: input.clientSecret });
      return finish({ response: json(result), valid: result.errors.length === 0, errors: result.errors, operation: `POST ${pathname}` });
    }

    const match = insideBase ? matchRoute(path) : undefined;
    if (match === undefined) {
      const message = `Cannot ${incoming.method} ${pathname}`;
      return finish({ response: errorResponse({ error: { status: 404, message } }), valid: false, errors: [`no operation in the doc matches ${incoming.method} ${path}`] });
    }
    const operation = match.value.get(incoming.method);
    if (operation === undefined) {
      const allow = [...match.value.keys()].join(', ');
      const message = `Method ${incoming.method} is not allowed on ${match.template}; allowed: ${allow}`;
      return finish({ response: errorResponse({ error: { status: 405, message }, headers: { allow } }), valid: false, errors: [message] });
    }

    const documented = validateRequest({
      doc,
      operation,
      validator,
      token,
      request: { headers: incoming.headers, pathParams: match.params, queryEntries, rawBody: incoming.rawBody },
    });
    // Our doc can share a wrong guess with the server; the vendor's own contract is checked as well.
    const known = new Set(documented.issues.map((issue) => `${issue.location}|${issue.field}|${issue.kind}`));
    const breaches = (documented.failStatus === 401 ? [] : checkContract({ operation: operation.key, queryKeys: queryEntries.map(([key]) => key), body: documented.body ?? parsedBody }))
      .filter((issue) => !known.has(`${issue.location}|${issue.field}|${issue.kind}`));
    const checked = breaches.length === 0 ? documented : { ...documented, failStatus: 400, issues: [...documented.issues, ...breaches] };
    const errors = checked.issues.map((issue) => issue.message);
    const override = overrides.shift();
    if (override !== undefined) {
      return finish({ response: fromOverride(override), valid: checked.failStatus === 0, errors, operation: operation.key });
    }
    if (checked.failStatus !== 0) {
      const error: SimError =
        checked.failStatus === 401
          ? { status: 401, message: profile.unauthorizedMessage }
          : { status: 400, message: 'The request does not match the API description', issues: checked.issues };
      return finish({ response: errorResponse({ error }), valid: false, errors, operation: operation.key });
    }
    const handler = handlers[operation.key];
    if (handler === undefined) {
      const error = { status: 501, message: `The simulator has no behaviour for ${operation.key}` };
      return finish({ response: errorResponse({ error }), valid: true, operation: operation.key });
    }
    let result: HandlerResult;
    try {
      result = handler({ params: checked.params, query: checked.query, body: checked.body, baseUrl });
    } catch (thrown) {
      if (thrown instanceof HttpFailure) result = { kind: 'error', status: thrown.status, message: thrown.message, issues: thrown.issues };
      else result = { kind: 'error', status: 500, message: `Simulator handler failed: ${thrown instanceof Error ? thrown.message : String(thrown)}` };
    }
    return finish({ response: fromResult(result), valid: true, operation: operation.key });
  };

  return {
    baseUrl,
    requests,
    handle,
    reset() {
      handlers = profile.handlers();
      requests.length = 0;
      overrides.length = 0;
      requestCount = 0;
    },
    enqueue(override: SimResponseOverride) {
      overrides.push(override);
    },
  };
}

function groupQuery(entries: [string, string][]): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of entries) {
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else query[key] = [existing, value];
  }
  return query;
}

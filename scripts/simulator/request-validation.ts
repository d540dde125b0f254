import { unknownBodyFields } from './closed-body.ts';
import { jsonMediaType, type SimDoc, type SimOperation, type SimParameter } from './load-doc.ts';
import { derefLocal, isObject } from './json-pointer.ts';
import { coerceParam, coerceQuery, type SchemaResolver } from './query-coercion.ts';
import type { SchemaValidator } from './schema-validator.ts';
import type { ValidationIssue } from './types.ts';

export type IncomingRequest = {
  headers: Record<string, string>;
  /** Raw (percent-encoded) path template values from the route matcher. */
  pathParams: Record<string, string>;
  queryEntries: [string, string][];
  rawBody: string;
};

export type ValidatedRequest = {
  /** 0 when the request passed; 400 or 401 otherwise. */
  failStatus: 0 | 400 | 401;
  issues: ValidationIssue[];
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
};

/** Media type without parameters, lower-cased: `application/json; charset=utf-8` → `application/json`. */
function bareMediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function checkAuth(input: { doc: SimDoc; operation: SimOperation; headers: Record<string, string>; token: string }): ValidationIssue[] {
  const { doc, headers, token } = input;
  if (!input.operation.needsAuth || doc.auth.kind === 'none') return [];
  if (doc.auth.kind === 'bearer') {
    if (headers.authorization === `Bearer ${token}`) return [];
    const message = headers.authorization === undefined ? 'Authorization header is missing' : 'Authorization header does not carry the accepted bearer token';
    return [{ location: 'auth', field: 'authorization', kind: 'required', message }];
  }
  if (headers[doc.auth.header] === token) return [];
  return [{ location: 'auth', field: doc.auth.header, kind: 'required', message: `${doc.auth.header} header does not carry the accepted key` }];
}

function checkStaticHeaders(input: { doc: SimDoc; headers: Record<string, string> }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [name, expected] of Object.entries(input.doc.staticHeaders)) {
    const actual = input.headers[name];
    if (actual === expected) continue;
    const message = actual === undefined ? `header ${name} is required and must be "${expected}"` : `header ${name} must be "${expected}", got "${actual}"`;
    issues.push({ location: 'header', field: name, kind: actual === undefined ? 'required' : 'enum', message });
  }
  return issues;
}

/** OpenAPI says these header parameters are ignored; they are governed by auth and content negotiation. */
const RESERVED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

function checkHeaderParams(input: { parameters: SimParameter[]; headers: Record<string, string>; validator: SchemaValidator; resolve: SchemaResolver }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const param of input.parameters) {
    const name = param.name.toLowerCase();
    if (param.in !== 'header' || RESERVED_HEADERS.has(name)) continue;
    const raw = input.headers[name];
    if (raw === undefined) {
      if (param.required) issues.push({ location: 'header', field: name, kind: 'required', message: `header ${name} is required` });
      continue;
    }
    const coerced = coerceParam({ param: { ...param, name }, raws: [raw], location: 'header', resolve: input.resolve });
    issues.push(...coerced.issues);
    if (coerced.issues.length === 0) {
      issues.push(...input.validator.validate({ pointer: param.schemaPointer, value: coerced.value, location: 'header', field: name }));
    }
  }
  return issues;
}

function checkPathParams(input: {
  parameters: SimParameter[];
  raw: Record<string, string>;
  validator: SchemaValidator;
  resolve: SchemaResolver;
}): { values: Record<string, unknown>; issues: ValidationIssue[] } {
  const values: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  for (const param of input.parameters) {
    if (param.in !== 'path') continue;
    const encoded = input.raw[param.name];
    if (encoded === undefined) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(encoded);
    } catch {
      issues.push({ location: 'path', field: param.name, kind: 'malformed', message: `path parameter ${param.name} is not valid percent-encoding` });
      continue;
    }
    const coerced = coerceParam({ param, raws: [decoded], location: 'path', resolve: input.resolve });
    if (coerced.issues.length > 0) {
      issues.push(...coerced.issues);
      continue;
    }
    const found = input.validator.validate({ pointer: param.schemaPointer, value: coerced.value, location: 'path', field: param.name });
    if (found.length > 0) issues.push(...found);
    else values[param.name] = coerced.value;
  }
  return { values, issues };
}

function checkBody(input: { operation: SimOperation; headers: Record<string, string>; rawBody: string; validator: SchemaValidator; root: unknown }): { body: unknown; issues: ValidationIssue[] } {
  const { operation, headers, rawBody } = input;
  const declared = operation.requestBody;
  if (declared === undefined) {
    if (rawBody.length === 0) return { body: undefined, issues: [] };
    return { body: undefined, issues: [{ location: 'body', field: '', kind: 'unknown', message: `${operation.key} takes no request body` }] };
  }
  if (rawBody.length === 0) {
    if (!declared.required) return { body: undefined, issues: [] };
    return { body: undefined, issues: [{ location: 'body', field: '', kind: 'required', message: 'body is required' }] };
  }
  const mediaType = jsonMediaType(declared.mediaTypes);
  const sent = bareMediaType(headers['content-type']);
  if (mediaType === undefined || sent !== mediaType) {
    const expected = mediaType ?? declared.mediaTypes.join(', ');
    return { body: undefined, issues: [{ location: 'header', field: 'content-type', kind: 'content-type', message: `Content-Type must be ${expected}, got ${sent === '' ? 'none' : sent}` }] };
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { body: undefined, issues: [{ location: 'body', field: '', kind: 'malformed', message: 'body is not valid JSON' }] };
  }
  if (declared.jsonSchemaPointer === undefined) return { body, issues: [] };
  const issues = input.validator.validate({ pointer: declared.jsonSchemaPointer, value: body, location: 'body' });
  // ajv already names fields a closed schema refuses; the walk adds those an unclosed schema lets by.
  const named = new Set(issues.map((issue) => issue.field));
  const unknown = unknownBodyFields({ root: input.root, pointer: declared.jsonSchemaPointer, value: body }).filter((issue) => !named.has(issue.field));
  return { body, issues: [...issues, ...unknown] };
}

/**
 * Checks one request against its operation in the doc. Auth is judged first and alone, as a real
 * gateway would: a 401 says nothing about the rest of the request.
 */
export function validateRequest(input: {
  doc: SimDoc;
  operation: SimOperation;
  validator: SchemaValidator;
  token: string;
  request: IncomingRequest;
}): ValidatedRequest {
  const { doc, operation, validator, request } = input;
  const empty = { params: {}, query: {}, body: undefined };
  const authIssues = checkAuth({ doc, operation, headers: request.headers, token: input.token });
  if (authIssues.length > 0) return { failStatus: 401, issues: authIssues, ...empty };

  const resolve: SchemaResolver = (node) => {
    const { node: resolved } = derefLocal({ root: doc.raw, node, pointer: '' });
    return isObject(resolved) ? resolved : {};
  };
  const issues: ValidationIssue[] = [
    ...checkStaticHeaders({ doc, headers: request.headers }),
    ...checkHeaderParams({ parameters: operation.parameters, headers: request.headers, validator, resolve }),
  ];
  const path = checkPathParams({ parameters: operation.parameters, raw: request.pathParams, validator, resolve });
  const queryParams = operation.parameters.filter((param) => param.in === 'query');
  const query = coerceQuery({
    params: queryParams,
    entries: request.queryEntries,
    resolve,
    validate: ({ param, value, location }) => {
      const pointer = queryParams.find((candidate) => candidate.name === param.name)?.schemaPointer ?? '';
      return validator.validate({ pointer, value, location, field: param.name });
    },
  });
  const body = checkBody({ operation, headers: request.headers, rawBody: request.rawBody, validator, root: doc.raw });
  issues.push(...path.issues, ...query.issues, ...body.issues);
  return { failStatus: issues.length > 0 ? 400 : 0, issues, params: path.values, query: query.values, body: body.body };
}

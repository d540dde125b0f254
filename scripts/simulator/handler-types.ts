import type { JsonObject, ValidationIssue } from './types.ts';

/** What a stateful handler sees: only requests that passed doc validation, with coerced values. */
export type HandlerInput = {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  /** Origin + base path, for building absolute links (Malomo's Link header). */
  baseUrl: string;
};

export type HandlerResult =
  | { kind: 'ok'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'error'; status: number; message: string; issues?: ValidationIssue[] };

export type OperationHandler = (input: HandlerInput) => HandlerResult;

/** Operation key (`GET /orders/{id}`) → handler. Rebuilt from the seed on every reset. */
export type VendorHandlers = Record<string, OperationHandler>;

export function ok(input: { body?: unknown; status?: number; headers?: Record<string, string> } = {}): HandlerResult {
  return { kind: 'ok', status: input.status ?? 200, body: input.body, headers: input.headers };
}

export function fail(input: { status: number; message: string; issues?: ValidationIssue[] }): HandlerResult {
  return { kind: 'error', status: input.status, message: input.message, issues: input.issues };
}

/** Handlers only run after schema validation, so these narrowings restate what the doc already checked. */
export function objectBody(body: unknown): JsonObject {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as JsonObject) : {};
}

export function stringParam(value: unknown): string {
  return typeof value === 'string' ? value : String(value ?? '');
}

export function numberParam(input: { value: unknown; fallback: number }): number {
  return typeof input.value === 'number' ? input.value : input.fallback;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Thrown by stores for a vendor-level refusal (unknown id, duplicate name). The core turns it into
 * the vendor's error envelope, so deep store code need not thread results back up.
 */
export class HttpFailure extends Error {
  readonly status: number;
  readonly issues: ValidationIssue[] | undefined;
  constructor(input: { status: number; message: string; issues?: ValidationIssue[] }) {
    super(input.message);
    this.status = input.status;
    this.issues = input.issues;
  }
}

/** A stateful 400 about one body field, e.g. an id that names nothing. */
export function fieldFailure(input: { field: string; kind: ValidationIssue['kind']; message: string }): HttpFailure {
  return new HttpFailure({ status: 400, message: input.message, issues: [{ location: 'body', field: input.field, kind: input.kind, message: input.message }] });
}

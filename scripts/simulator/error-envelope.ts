import { STATUS_CODES } from 'node:http';
import type { IssueKind, SimVendor, ValidationIssue } from './types.ts';

/** Everything a vendor's error body can be built from. */
export type SimError = {
  status: number;
  /** Short human sentence; for validation failures the issues carry the detail. */
  message: string;
  issues?: ValidationIssue[];
};

function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** NestJS style: `message` is the list of problems on a validation 400, a sentence otherwise. */
function roseRocketError(error: SimError): unknown {
  const issues = error.issues ?? [];
  return {
    statusCode: error.status,
    message: issues.length > 0 ? issues.map((issue) => issue.message) : error.message,
    error: reasonPhrase(error.status),
  };
}

/**
 * Malomo does not publish its `code` values; the simulator uses the snake_cased reason phrase
 * (`bad_request`, `not_found`, ...). The request id is deterministic so tests can assert it.
 */
function malomoError(input: { error: SimError; requestId: string }): unknown {
  const { error } = input;
  const issues = error.issues ?? [];
  return {
    code: reasonPhrase(error.status).toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, ''),
    message: issues.length > 0 ? issues.map((issue) => issue.message).join('; ') : error.message,
    request_id: input.requestId,
    status: error.status,
  };
}

/** eDesk's documented validation codes; unknown keys and anything without a code count as "allowed values". */
const EDESK_CODES: Partial<Record<IssueKind, number>> = {
  required: 4001,
  'type-integer': 4005,
  'type-number': 4005,
  'type-array': 4006,
  enum: 4007,
  unknown: 4007,
  range: 4007,
  'type-string': 4008,
  'type-boolean': 4009,
  'format-date': 4010,
  'format-uri': 4011,
  'max-length': 4020,
  'format-email': 4021,
  reference: 4002,
  ownership: 4017,
  limit: 4016,
};

export function edeskErrorCode(kind: IssueKind): number {
  return EDESK_CODES[kind] ?? 4007;
}

function edeskError(error: SimError): unknown {
  const issues = error.issues ?? [];
  if (issues.length === 0) {
    return { error: { httpCode: error.status, message: reasonPhrase(error.status), details: error.message } };
  }
  const details: Record<string, { errorCode: number }> = {};
  for (const issue of issues) {
    const field = issue.field === '' ? issue.location : issue.field;
    details[field] ??= { errorCode: edeskErrorCode(issue.kind) };
  }
  return { error: { httpCode: error.status, message: issues.map((issue) => issue.message).join('; '), details } };
}

export function errorBody(input: { vendor: SimVendor; error: SimError; requestId: string }): unknown {
  switch (input.vendor) {
    case 'roserocket':
      return roseRocketError(input.error);
    case 'malomo':
      return malomoError(input);
    case 'edesk':
      return edeskError(input.error);
  }
}

/** What each vendor says on a bad credential; the precise reason is kept in the recorded errors. */
export function unauthorizedMessage(vendor: SimVendor): string {
  switch (vendor) {
    case 'roserocket':
      return 'Action is unauthorized.';
    case 'malomo':
      return 'No valid API key was provided';
    case 'edesk':
      return 'The access token is missing, invalid or expired';
  }
}

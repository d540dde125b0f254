import { reasonPhrase, type SimError } from './error-envelope.ts';
import { createEdeskHandlers } from './edesk-handlers.ts';
import type { IssueKind } from './types.ts';
import type { VendorProfile } from './vendor-profile.ts';

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

export const edeskProfile: VendorProfile = {
  handlers: createEdeskHandlers,
  errorBody: ({ error }) => edeskError(error),
  unauthorizedMessage: 'The access token is missing, invalid or expired',
};

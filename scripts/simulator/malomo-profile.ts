import { reasonPhrase, type SimError } from './error-envelope.ts';
import { createMalomoHandlers } from './malomo-handlers.ts';
import type { VendorProfile } from './vendor-profile.ts';

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

export const malomoProfile: VendorProfile = {
  handlers: createMalomoHandlers,
  errorBody: malomoError,
  unauthorizedMessage: 'No valid API key was provided',
};

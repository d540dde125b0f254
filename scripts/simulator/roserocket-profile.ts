import { reasonPhrase, type SimError } from './error-envelope.ts';
import { handleOAuthToken } from './oauth-token.ts';
import { createRoseRocketHandlers } from './roserocket-handlers.ts';
import type { VendorProfile } from './vendor-profile.ts';

/** NestJS style: `message` is the list of problems on a validation 400, a sentence otherwise. */
function roseRocketError(error: SimError): unknown {
  const issues = error.issues ?? [];
  return {
    statusCode: error.status,
    message: issues.length > 0 ? issues.map((issue) => issue.message) : error.message,
    error: reasonPhrase(error.status),
  };
}

export const roseRocketProfile: VendorProfile = {
  handlers: createRoseRocketHandlers,
  errorBody: ({ error }) => roseRocketError(error),
  unauthorizedMessage: 'Action is unauthorized.',
  // The real token endpoint lives on another host (a.roserocket.com), so it is served at the origin root.
  rootRoutes: { '/oauth/token': handleOAuthToken },
};

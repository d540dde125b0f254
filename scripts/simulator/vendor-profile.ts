import type { SimError } from './error-envelope.ts';
import type { VendorHandlers } from './handler-types.ts';

/** A route served at the origin root, outside the doc (Rose Rocket's OAuth token endpoint). */
export type RootRoute = (input: { method: string; headers: Record<string, string>; rawBody: string; token: string; clientSecret: string }) => { status: number; body: unknown; errors: string[] };

/**
 * Everything that differs between vendor simulators, as data: the simulator core looks a vendor up
 * once and never asks which vendor it is serving.
 */
export type VendorProfile = {
  /** Fresh handlers over a freshly seeded store; called at start and on every reset. */
  readonly handlers: () => VendorHandlers;
  /** The vendor's error body for one failure. */
  readonly errorBody: (input: { error: SimError; requestId: string }) => unknown;
  /** What the vendor says on a bad credential; the precise reason is kept in the recorded errors. */
  readonly unauthorizedMessage: string;
  /** Extra routes at the origin root, by exact pathname. */
  readonly rootRoutes?: Readonly<Record<string, RootRoute>>;
};

import type { RecordedRequest, SimVendor } from './types.ts';
import type { VendorProfile } from './vendor-profile.ts';

/** How to start one simulator; apart from types.ts because it names the profile, which names the types. */
export type StartSimulatorOptions = {
  vendor: SimVendor;
  /** A vendor the registry does not hold (a test's own): its profile. Default: the registry's. */
  profile?: VendorProfile;
  /** 0 or absent: a free port. */
  port?: number;
  /** Bearer credential the simulator accepts; default `test-token`. */
  token?: string;
  /** Defaults to `vendor-docs/<vendor>/openapi.yaml` in the repository. */
  docPath?: string;
  /** Rose Rocket only: the client secret `POST /oauth/token` accepts; default `test-secret`. */
  clientSecret?: string;
  /** Called with each request as soon as it is recorded (the CLI logs with it). */
  onRequest?: (request: RecordedRequest) => void;
};

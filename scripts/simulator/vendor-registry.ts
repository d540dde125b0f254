import { edeskProfile } from './edesk-profile.ts';
import { malomoProfile } from './malomo-profile.ts';
import { roseRocketProfile } from './roserocket-profile.ts';
import type { SimVendor } from './types.ts';
import type { VendorProfile } from './vendor-profile.ts';

/** The one place a vendor simulator is registered: its name and its profile (handlers, errors, extra routes). */
export const VENDOR_PROFILES: Readonly<Record<SimVendor, VendorProfile>> = {
  roserocket: roseRocketProfile,
  malomo: malomoProfile,
  edesk: edeskProfile,
};

import { edeskProfile } from './edesk-profile.ts';
import { malomoProfile } from './malomo-profile.ts';
import { roseRocketProfile } from './roserocket-profile.ts';
import type { SimVendor } from './types.ts';
import type { VendorProfile } from './vendor-profile.ts';

/**
 * The one place a vendor simulator is registered: its name and its profile (handlers, errors,
 * contract, extra routes). The CLI, the demo, the fuzz suite and the e2e stacks all look vendors
 * up here; a new vendor adds one line (docs/adding-a-vendor.md).
 */
export const VENDOR_PROFILES: Readonly<Record<SimVendor, VendorProfile>> = {
  roserocket: roseRocketProfile,
  malomo: malomoProfile,
  edesk: edeskProfile,
};

/** The registered profile of one vendor; an unregistered name is refused, naming the ones there are. */
export function vendorProfile(vendor: SimVendor): VendorProfile {
  const profile = Object.hasOwn(VENDOR_PROFILES, vendor) ? VENDOR_PROFILES[vendor] : undefined;
  if (profile === undefined) throw new Error(`no simulator is registered for vendor "${vendor}" (registered: ${Object.keys(VENDOR_PROFILES).join(', ')}); register its profile in scripts/simulator/vendor-registry.ts`);
  return profile;
}

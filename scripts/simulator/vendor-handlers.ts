import { createEdeskHandlers } from './edesk-handlers.ts';
import type { VendorHandlers } from './handler-types.ts';
import { createMalomoHandlers } from './malomo-handlers.ts';
import { createRoseRocketHandlers } from './roserocket-handlers.ts';
import type { SimVendor } from './types.ts';

/** Fresh handlers over a freshly seeded store; called at start and on every reset. */
export function createVendorHandlers(vendor: SimVendor): VendorHandlers {
  switch (vendor) {
    case 'roserocket':
      return createRoseRocketHandlers();
    case 'malomo':
      return createMalomoHandlers();
    case 'edesk':
      return createEdeskHandlers();
  }
}

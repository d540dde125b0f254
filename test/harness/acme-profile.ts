import { fail, objectBody, ok, stringParam } from '../../scripts/simulator/handler-types.ts';
import type { VendorProfile } from '../../scripts/simulator/vendor-profile.ts';

// The simulator profile of a small fourth vendor that exists only in tests: Acme, whose doc is the
// smallest one that generates (test/fixtures/minimal-vendor-doc.ts, what would be
// `vendor-docs/acme/openapi.yaml`). The profile is what would be registered in
// `scripts/simulator/vendor-registry.ts`. Nothing else in the repository knows the vendor.

/** Handlers over a store seeded with one widget, rebuilt on every reset like the real vendors'. */
function acmeHandlers() {
  const widgets = [{ id: 'w-1', name: 'Sprocket' }];
  return {
    'GET /widgets': () => ok({ body: widgets }),
    'POST /widgets': ({ body }: { body: unknown }) => {
      const name = stringParam(objectBody(body)['name']);
      if (name === '') return fail({ status: 422, message: 'a widget needs a name' });
      const widget = { id: `w-${widgets.length + 1}`, name };
      widgets.push(widget);
      return ok({ body: widget });
    },
  };
}

export const acmeProfile: VendorProfile = {
  handlers: acmeHandlers,
  errorBody: ({ error, requestId }) => ({ error: error.message, request: requestId }),
  unauthorizedMessage: 'bad token',
  // Acme publishes nothing beyond its doc: no operations, so the doc alone decides.
  contract: () => ({ vendor: 'acme', operations: {} }),
  seededSuccessFloor: 0.5,
};

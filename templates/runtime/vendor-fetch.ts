/**
 * The runtime's transport (vendor-request.ts), loaded on the first vendor call: node:http,
 * node:https (with node:tls) and node:zlib cost ~5 ms of CPU at every start, and a server over
 * stdio answers `initialize` and `tools/list` without them (docs/testing.md, "Server start").
 */
export const vendorFetch = (async (url: string | URL, init?: RequestInit): Promise<Response> => {
  const { requestVendor } = await import('./vendor-request.ts');
  return requestVendor(url, init);
}) as typeof fetch;

/**
 * `_meta` keys hosts read to load tools lazily (Claude Code's tool search): `alwaysLoad` keeps a
 * tool's full definition in context on every turn instead of loading it on demand, and
 * `searchHint` is a short phrase the host's search matches a request against. Clients that do not
 * know them ignore them (MCP `_meta` is open).
 */
export const ALWAYS_LOAD = 'anthropic/alwaysLoad';
export const SEARCH_HINT = 'anthropic/searchHint';

export type HostHints = { readonly [ALWAYS_LOAD]?: true; readonly [SEARCH_HINT]?: string };

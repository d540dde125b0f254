import type { Env } from './env.ts';
import { resolveCredentials, type ResolvedCredentials } from './vendor-credentials.ts';
import type { VendorDefinition } from './vendor-definition.ts';

/**
 * The part of the environment a server refuses to start without: a usable base URL and the
 * vendor's credentials. Its own module, free of the HTTP stack: the bin checks a start with it
 * before it loads anything else (early-start.ts), and runtime-config.ts builds on it.
 */

function baseUrlFrom(input: { readonly vendor: VendorDefinition; readonly env: Env }): { value: string } | { error: string } {
  const value = input.env[input.vendor.baseUrlEnv]?.trim() || input.vendor.baseUrl;
  try {
    const url = new URL(value);
    // Paths are appended to the base URL, so a query or fragment there would swallow them.
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '') return { value };
  } catch {
    // fall through to the error below
  }
  return { error: `${input.vendor.baseUrlEnv} must be an absolute http(s) URL without a query or fragment (got ${JSON.stringify(value)}).` };
}

/** The base URL and credentials from the environment, or every reason a start is refused. */
export function checkedConnection(input: { readonly vendor: VendorDefinition; readonly env: Env }): { readonly baseUrl: string; readonly credentials: ResolvedCredentials } | { readonly errors: readonly string[] } {
  const errors: string[] = [];
  const baseUrl = baseUrlFrom(input);
  if ('error' in baseUrl) errors.push(baseUrl.error);
  const credentials = resolveCredentials({ auth: input.vendor.auth, env: input.env });
  if ('missing' in credentials) errors.push(`Missing vendor credentials: set ${credentials.missing}.`);
  if ('error' in baseUrl || 'missing' in credentials) return { errors };
  return { baseUrl: baseUrl.value, credentials };
}

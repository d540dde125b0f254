import type { RuntimeConfig } from './call-tool.ts';
import { resolveCredentials, type Env } from './vendor-credentials.ts';
import type { VendorDefinition } from './vendor-definition.ts';

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMEOUT_MS = 2_147_483_647;

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

function timeoutFrom(input: { readonly vendor: VendorDefinition; readonly env: Env }): number {
  const raw = Number(input.env[`${input.vendor.envPrefix}_TIMEOUT_MS`]);
  // AbortSignal.timeout takes a whole number of milliseconds that fits a 32-bit signed int.
  return Number.isInteger(raw) && raw > 0 && raw <= MAX_TIMEOUT_MS ? raw : DEFAULT_TIMEOUT_MS;
}

/** Everything the server needs from the environment, checked before anything starts. */
export function runtimeConfigFrom(input: { readonly vendor: VendorDefinition; readonly env: Env; readonly fetch?: typeof fetch }): RuntimeConfig | { readonly errors: readonly string[] } {
  const errors: string[] = [];
  const baseUrl = baseUrlFrom(input);
  if ('error' in baseUrl) errors.push(baseUrl.error);
  const credentials = resolveCredentials({ auth: input.vendor.auth, env: input.env });
  if ('missing' in credentials) errors.push(`Missing vendor credentials: set ${credentials.missing.join(', ')}.`);
  if ('error' in baseUrl || 'missing' in credentials) return { errors };
  return { vendor: input.vendor, baseUrl: baseUrl.value, credentials, timeoutMs: timeoutFrom(input), fetch: input.fetch ?? fetch };
}

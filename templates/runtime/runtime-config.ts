import { createTokenSource } from './oauth-client-credentials.ts';
import { vendorFetch } from './vendor-fetch.ts';
import { CHARS_PER_TOKEN } from './result-size-cap.ts';
import type { Env } from './env.ts';
import { checkedConnection } from './connection-check.ts';
import type { Credentials, ResolvedCredentials } from './vendor-credentials.ts';
import type { VendorDefinition } from './vendor-definition.ts';

/** What every vendor call needs, read once from the environment at start-up. */
export type RuntimeConfig = {
  readonly vendor: VendorDefinition;
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly timeoutMs: number;
  /** Results longer than this (as JSON text) are cut, and say so. */
  readonly maxResultChars: number;
  /** A vendor body (decompressed) longer than this is not read; the call fails and says so. */
  readonly maxResponseBytes: number;
  readonly fetch: typeof fetch;
};

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMEOUT_MS = 2_147_483_647;
/** Claude Code refuses tool results over 25,000 tokens; other clients are similar or laxer. */
const DEFAULT_MAX_RESULT_TOKENS = 25_000;
const MIN_RESULT_TOKENS = 1_000;
/**
 * A vendor body is read into memory before it is shaped, so its size is bounded: 8 MiB holds a
 * hundred-item page of large records many times over, while results are cut far below it anyway.
 */
const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
const MIN_RESPONSE_BYTES = 1024;

function integerSetting(input: { readonly vendor: VendorDefinition; readonly env: Env; readonly suffix: string; readonly min: number; readonly max: number; readonly fallback: number }): number {
  const raw = Number(input.env[`${input.vendor.envPrefix}_${input.suffix}`]);
  return Number.isInteger(raw) && raw >= input.min && raw <= input.max ? raw : input.fallback;
}

function withTokenSource(input: { readonly credentials: ResolvedCredentials; readonly env: Env; readonly fetch: typeof fetch; readonly timeoutMs: number }): Credentials {
  const { grant, ...credentials } = input.credentials;
  if (grant === undefined) return credentials;
  return { ...credentials, tokenSource: createTokenSource({ grant, env: input.env, secrets: credentials.secrets, fetch: input.fetch, timeoutMs: input.timeoutMs }) };
}

/** Everything the server needs from the environment, checked before anything starts. */
export function runtimeConfigFrom(input: { readonly vendor: VendorDefinition; readonly env: Env; readonly fetch?: typeof fetch }): RuntimeConfig | { readonly errors: readonly string[] } {
  const checked = checkedConnection(input);
  if ('errors' in checked) return checked;
  const { baseUrl, credentials } = checked;
  // AbortSignal.timeout takes a whole number of milliseconds that fits a 32-bit signed int.
  const timeoutMs = integerSetting({ ...input, suffix: 'TIMEOUT_MS', min: 1, max: MAX_TIMEOUT_MS, fallback: DEFAULT_TIMEOUT_MS });
  const maxResultTokens = integerSetting({ ...input, suffix: 'MAX_RESULT_TOKENS', min: MIN_RESULT_TOKENS, max: 10_000_000, fallback: DEFAULT_MAX_RESULT_TOKENS });
  const maxResponseBytes = integerSetting({ ...input, suffix: 'MAX_RESPONSE_BYTES', min: MIN_RESPONSE_BYTES, max: Number.MAX_SAFE_INTEGER, fallback: DEFAULT_MAX_RESPONSE_BYTES });
  const fetchFn = input.fetch ?? vendorFetch;
  return {
    vendor: input.vendor,
    baseUrl,
    credentials: withTokenSource({ credentials, env: input.env, fetch: fetchFn, timeoutMs }),
    timeoutMs,
    maxResultChars: maxResultTokens * CHARS_PER_TOKEN,
    maxResponseBytes,
    fetch: fetchFn,
  };
}

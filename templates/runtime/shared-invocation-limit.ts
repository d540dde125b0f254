import type { Logger } from './logger.ts';
import { createInvocationLimiter, limitReached, type Admission, type AdmitInput, type InvocationLimiter } from './invocation-limit.ts';
import type { Env } from './env.ts';

export const REDIS_URL_ENV = 'MCP_RATE_LIMIT_REDIS_URL';
export const ON_STORE_ERROR_ENV = 'MCP_RATE_LIMIT_ON_REDIS_ERROR';

/** What a call gets while Redis cannot be asked: refused, admitted, or admitted only if it reads. */
export type OnStoreError = 'closed' | 'open' | 'open-for-reads';
const ON_STORE_ERROR: readonly OnStoreError[] = ['closed', 'open', 'open-for-reads'];
/** A read lost to an outage costs the vendor little; a write admitted past the limit may not be undone. */
const DEFAULT_ON_STORE_ERROR: OnStoreError = 'open-for-reads';
/** ioredis reconnects within about 2 s, so a refused write may be tried again soon after. */
const STORE_DOWN_RETRY_SECONDS = 5;
const WINDOW_SECONDS = 60;

export type LimitSettings = { readonly store: 'memory' } | { readonly store: 'redis'; readonly url: string; readonly onStoreError: OnStoreError };

/**
 * ioredis reads the URL only when it connects, as WHATWG URL with percent-decoded user info; a URL it
 * cannot read would fail every call into the store-error policy, so it is refused at start instead.
 */
function isRedisUrl(url: string): boolean {
  if (!/^rediss?:\/\//.test(url)) return false;
  try {
    const parsed = new URL(url);
    decodeURIComponent(parsed.username);
    decodeURIComponent(parsed.password);
    return true;
  } catch {
    return false;
  }
}

/** Reads the limiter's environment; a value it does not know is an error, because a typo must not open the limit. */
export function limitSettingsFrom(env: Env): LimitSettings | { readonly errors: readonly string[] } {
  const url = env[REDIS_URL_ENV]?.trim() ?? '';
  const onStoreError = env[ON_STORE_ERROR_ENV]?.trim() || DEFAULT_ON_STORE_ERROR;
  const errors: string[] = [];
  if (!ON_STORE_ERROR.includes(onStoreError as OnStoreError)) errors.push(`${ON_STORE_ERROR_ENV} must be one of ${ON_STORE_ERROR.join(', ')} (got ${JSON.stringify(onStoreError)}).`);
  if (url !== '' && !isRedisUrl(url)) errors.push(`${REDIS_URL_ENV} must be a redis:// or rediss:// URL.`);
  if (errors.length > 0) return { errors };
  return url === '' ? { store: 'memory' } : { store: 'redis', url, onStoreError: onStoreError as OnStoreError };
}

type Consume = (key: string) => Promise<{ readonly refusedForMs?: number }>;

/** Logs each change of the store's state once, not once per reconnect attempt. */
function stateReporter(log: Logger): (change: { readonly state: 'connected' | 'unavailable'; readonly message?: string }) => void {
  let last: string | undefined;
  return (change) => {
    if (change.state === last) return;
    last = change.state;
    log('rate_limit_store', change);
  };
}

/**
 * One counter per token in Redis, through rate-limiter-flexible's atomic Lua script: every replica
 * pointed at the same Redis shares one limit. The client is imported only when Redis is configured,
 * and connects at start. Commands fail at once while disconnected (no offline queue), so an outage
 * meets the store-error policy instead of piling calls up.
 */
function redisConsume(input: { readonly url: string; readonly perMinute: number; readonly keyPrefix: string; readonly log: Logger }): Consume {
  const report = stateReporter(input.log);
  const build = async () => {
    const [{ Redis }, { RateLimiterRedis }] = await Promise.all([import('ioredis'), import('rate-limiter-flexible')]);
    const client = new Redis(input.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1_000, connectTimeout: 2_000, retryStrategy: (times) => Math.min(times * 200, 2_000) });
    client.on('error', (error: Error) => report({ state: 'unavailable', message: error.message }));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2_000);
      client.on('ready', () => {
        clearTimeout(timer);
        report({ state: 'connected' });
        resolve();
      });
    });
    return new RateLimiterRedis({ storeClient: client, points: input.perMinute, duration: WINDOW_SECONDS, keyPrefix: input.keyPrefix, rejectIfRedisNotReady: true });
  };
  const limiter = build();
  // A failed import surfaces on the first call, through the store-error policy.
  limiter.catch(() => undefined);
  return async (key) => {
    try {
      await (await limiter).consume(key);
      return {};
    } catch (refusal) {
      // rate-limiter-flexible rejects with its result object when over the limit, and with an Error when the store fails.
      if (refusal instanceof Error) throw refusal;
      return { refusedForMs: (refusal as { msBeforeNext: number }).msBeforeNext };
    }
  };
}

function storeDown(input: { readonly onStoreError: OnStoreError; readonly admit: AdmitInput; readonly error: unknown; readonly log: Logger }): Admission {
  const readOnly = input.admit.readOnly === true;
  const allowed = input.onStoreError === 'open' || (input.onStoreError === 'open-for-reads' && readOnly);
  input.log('rate_limit_store_error', { policy: input.onStoreError, readOnly, decision: allowed ? 'admitted' : 'refused', message: input.error instanceof Error ? input.error.message : String(input.error) });
  if (allowed) return { allowed: true };
  return {
    allowed: false,
    retryAfterSeconds: STORE_DOWN_RETRY_SECONDS,
    // Said by policy, not by the call: a write refused under `closed` is refused like every call.
    message: `The shared invocation limit cannot be checked right now (its Redis store is unreachable), and this server refuses ${input.onStoreError === 'closed' ? 'every call' : 'calls that change data'} until it can. Try again in ${STORE_DOWN_RETRY_SECONDS} s; if it persists, tell the user.`,
  };
}

/** The limiter the settings ask for: in-process (each replica counts alone) or shared through Redis. */
export function invocationLimiterFor(input: { readonly settings: LimitSettings; readonly perMinute: number; readonly keyPrefix: string; readonly log: Logger }): InvocationLimiter {
  const { settings, perMinute, log } = input;
  if (settings.store === 'memory' || perMinute === 0) return createInvocationLimiter({ perMinute });
  const consume = redisConsume({ url: settings.url, perMinute, keyPrefix: input.keyPrefix, log });
  return {
    async admit(admit) {
      try {
        const { refusedForMs } = await consume(admit.key);
        return refusedForMs === undefined ? { allowed: true } : limitReached({ perMinute, retryAfterSeconds: Math.max(1, Math.ceil(refusedForMs / 1000)) });
      } catch (error) {
        return storeDown({ onStoreError: settings.onStoreError, admit, error, log });
      }
    },
  };
}

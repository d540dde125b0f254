export const DEFAULT_CALLS_PER_MINUTE = 120;
const WINDOW_MS = 60_000;

export type Admission = { readonly allowed: true } | { readonly allowed: false; readonly message: string; readonly retryAfterSeconds: number };

export type InvocationLimiter = { admit(input: { readonly key: string; readonly now: number }): Admission };

/**
 * At most `perMinute` tool calls per principal in any 60 s (a sliding window, per process). It
 * protects the vendor account from a runaway agent: a refused call is answered at once and never queued.
 */
export function createInvocationLimiter(input: { readonly perMinute: number }): InvocationLimiter {
  const calls = new Map<string, number[]>();
  return {
    admit({ key, now }) {
      if (input.perMinute === 0) return { allowed: true };
      const recent = (calls.get(key) ?? []).filter((at) => at > now - WINDOW_MS);
      if (recent.length >= input.perMinute) {
        calls.set(key, recent);
        const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - now) / 1000));
        return {
          allowed: false,
          retryAfterSeconds,
          message: `Invocation limit reached: this server allows ${input.perMinute} tool calls per minute for each token, and this token has used them. The next call is possible in ${retryAfterSeconds} s. This limit protects the vendor account from runaway loops; do not retry in a loop, tell the user instead.`,
        };
      }
      recent.push(now);
      calls.set(key, recent);
      return { allowed: true };
    },
  };
}

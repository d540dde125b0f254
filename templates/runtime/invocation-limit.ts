export const DEFAULT_CALLS_PER_MINUTE = 120;
const WINDOW_MS = 60_000;

export type Admission = { readonly allowed: true } | { readonly allowed: false; readonly message: string; readonly retryAfterSeconds: number };

/** `readOnly` is the called tool's readOnlyHint: a limiter whose store is down may treat reads and writes apart. */
export type AdmitInput = { readonly key: string; readonly now: number; readonly readOnly?: boolean };

export type InvocationLimiter = { admit(input: AdmitInput): Admission | Promise<Admission> };

/** The refusal every limiter gives, so a client sees the same words whichever store counted. */
export function limitReached(input: { readonly perMinute: number; readonly retryAfterSeconds: number }): Admission {
  const { perMinute, retryAfterSeconds } = input;
  return {
    allowed: false,
    retryAfterSeconds,
    message: `Invocation limit reached: this server allows ${perMinute} tool calls per minute for each token, and this token has used them. The next call is possible in ${retryAfterSeconds} s. This limit protects the vendor account from runaway loops; do not retry in a loop, tell the user instead.`,
  };
}

/**
 * At most `perMinute` tool calls per principal in any 60 s (a sliding window, per process). It
 * protects the vendor account from a runaway agent: a refused call is answered at once and never queued.
 */
export function createInvocationLimiter(input: { readonly perMinute: number }): { admit(input: AdmitInput): Admission } {
  const calls = new Map<string, number[]>();
  return {
    admit({ key, now }) {
      if (input.perMinute === 0) return { allowed: true };
      const recent = (calls.get(key) ?? []).filter((at) => at > now - WINDOW_MS);
      if (recent.length >= input.perMinute) {
        calls.set(key, recent);
        return limitReached({ perMinute: input.perMinute, retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - now) / 1000)) });
      }
      recent.push(now);
      calls.set(key, recent);
      return { allowed: true };
    },
  };
}

import { describe, expect, it } from 'vitest';
import { createInvocationLimiter } from '../../templates/runtime/invocation-limit.ts';

/** Each step: a principal calls at a time (ms); want is whether it was admitted, or the seconds to wait. */
describe('createInvocationLimiter', () => {
  it.each<{ readonly name: string; readonly perMinute: number; readonly steps: readonly { readonly key: string; readonly at: number }[]; readonly want: readonly (true | number)[] }>([
    { name: 'under the limit', perMinute: 3, steps: [{ key: 'a', at: 0 }, { key: 'a', at: 1 }, { key: 'a', at: 2 }], want: [true, true, true] },
    { name: 'over the limit: refused with the wait', perMinute: 2, steps: [{ key: 'a', at: 0 }, { key: 'a', at: 10_000 }, { key: 'a', at: 20_000 }], want: [true, true, 40] },
    { name: 'refusals do not count', perMinute: 1, steps: [{ key: 'a', at: 0 }, { key: 'a', at: 1_000 }, { key: 'a', at: 2_000 }, { key: 'a', at: 60_001 }], want: [true, 59, 58, true] },
    { name: 'the window slides', perMinute: 2, steps: [{ key: 'a', at: 0 }, { key: 'a', at: 30_000 }, { key: 'a', at: 60_001 }, { key: 'a', at: 60_002 }], want: [true, true, true, 30] },
    { name: 'principals are counted apart', perMinute: 1, steps: [{ key: 'a', at: 0 }, { key: 'b', at: 1 }, { key: 'a', at: 2 }], want: [true, true, 60] },
    { name: 'exactly a minute later the first call has left the window', perMinute: 1, steps: [{ key: 'a', at: 0 }, { key: 'a', at: 60_000 }], want: [true, true] },
    { name: 'one millisecond short of a minute: a wait of 1 s', perMinute: 1, steps: [{ key: 'a', at: 0 }, { key: 'a', at: 59_999 }], want: [true, 1] },
    { name: 'exactly the limit, then one more', perMinute: 3, steps: [{ key: 'a', at: 0 }, { key: 'a', at: 0 }, { key: 'a', at: 0 }, { key: 'a', at: 0 }], want: [true, true, true, 60] },
    { name: '0 turns it off', perMinute: 0, steps: [{ key: 'a', at: 0 }, { key: 'a', at: 0 }, { key: 'a', at: 0 }], want: [true, true, true] },
  ])('$name', ({ perMinute, steps, want }) => {
    const limiter = createInvocationLimiter({ perMinute });
    expect(steps.map(({ key, at }) => {
      const admission = limiter.admit({ key, now: at });
      return admission.allowed ? true : admission.retryAfterSeconds;
    })).toStrictEqual(want);
  });

  it('the refusal says what happened, for how long, and not to loop', () => {
    const limiter = createInvocationLimiter({ perMinute: 1 });
    limiter.admit({ key: 'a', now: 0 });
    expect(limiter.admit({ key: 'a', now: 15_000 })).toStrictEqual({
      allowed: false,
      retryAfterSeconds: 45,
      message: 'Invocation limit reached: this server allows 1 tool calls per minute for each token, and this token has used them. The next call is possible in 45 s. This limit protects the vendor account from runaway loops; do not retry in a loop, tell the user instead.',
    });
  });
});

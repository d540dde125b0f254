import { describe, expect, it } from 'vitest';
import { readRateLimit } from '../../templates/runtime/rate-limit-headers.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('readRateLimit: every header generation → one shape (seconds from now)', () => {
  it.each<{ readonly name: string; readonly headers: Record<string, string>; readonly want: unknown }>([
    { name: 'IETF draft 8+: RateLimit + RateLimit-Policy', headers: { ratelimit: '"burst";r=0;t=30', 'ratelimit-policy': '"burst";q=60;w=30' }, want: { ratelimit: { limit: 60, remaining: 0, reset: 30 }, retryAfterSeconds: 30 } },
    { name: 'IETF: the tightest of several policies', headers: { ratelimit: '"day";r=900;t=3600, "burst";r=2;t=5', 'ratelimit-policy': '"day";q=1000;w=86400, "burst";q=60;w=60' }, want: { ratelimit: { limit: 60, remaining: 2, reset: 5 } } },
    { name: 'IETF: the two lists spaced differently still pair up by name', headers: { ratelimit: '"a";r=5,"b";r=3', 'ratelimit-policy': '"a";q=9, "b";q=10' }, want: { ratelimit: { limit: 10, remaining: 3 } } },
    { name: 'IETF without a policy header: no limit', headers: { ratelimit: '"default";r=5;t=10' }, want: { ratelimit: { remaining: 5, reset: 10 } } },
    { name: 'draft 7 dictionary', headers: { ratelimit: 'limit=100, remaining=0, reset=12' }, want: { ratelimit: { limit: 100, remaining: 0, reset: 12 }, retryAfterSeconds: 12 } },
    { name: 'draft 6 separate fields (delta seconds)', headers: { 'ratelimit-limit': '100', 'ratelimit-remaining': '40', 'ratelimit-reset': '20' }, want: { ratelimit: { limit: 100, remaining: 40, reset: 20 } } },
    { name: 'X-RateLimit-* with an epoch reset', headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 90) }, want: { ratelimit: { limit: 5000, remaining: 0, reset: 90 }, retryAfterSeconds: 90 } },
    { name: 'X-RateLimit-* with a delta reset', headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '59', 'x-ratelimit-reset': '1' }, want: { ratelimit: { limit: 60, remaining: 59, reset: 1 } } },
    { name: 'Retry-After seconds alone', headers: { 'retry-after': '7' }, want: { retryAfterSeconds: 7 } },
    { name: 'Retry-After HTTP-date against the response Date', headers: { 'retry-after': 'Sun, 22 Nov 2026 12:01:00 GMT', date: 'Sun, 22 Nov 2026 12:00:30 GMT' }, want: { retryAfterSeconds: 30 } },
    { name: 'Retry-After HTTP-date against now when there is no Date', headers: { 'retry-after': 'Sun, 22 Nov 2026 12:02:00 GMT' }, want: { retryAfterSeconds: 120 } },
    { name: 'Retry-After wins over the quota reset', headers: { 'retry-after': '45', ratelimit: 'limit=10, remaining=0, reset=5' }, want: { ratelimit: { limit: 10, remaining: 0, reset: 5 }, retryAfterSeconds: 45 } },
    { name: 'a past HTTP-date means now', headers: { 'retry-after': 'Sun, 22 Nov 2026 11:00:00 GMT' }, want: { retryAfterSeconds: 0 } },
    { name: 'trailing text is ignored, a two-digit fraction read exactly', headers: { 'ratelimit-limit': '5abc', 'ratelimit-remaining': '1.25' }, want: { ratelimit: { remaining: 1.25 } } },
    { name: 'a reset of exactly 1,000,000,000 is still seconds from now', headers: { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '1000000000' }, want: { ratelimit: { remaining: 3, reset: 1_000_000_000 } } },
    { name: 'IETF: a space after ; and around =', headers: { ratelimit: '"p"; r=5;t = 9' }, want: { ratelimit: { remaining: 5, reset: 9 } } },
    { name: 'IETF: a malformed r=5=6 is skipped, not read as 5', headers: { ratelimit: '"a";r=5=6;t=1, "b";r=7;t=2' }, want: { ratelimit: { remaining: 7, reset: 2 } } },
    { name: 'IETF: a member without r is not the tightest', headers: { ratelimit: '"a";t=1, "b";r=7;t=2' }, want: { ratelimit: { remaining: 7, reset: 2 } } },
    { name: 'IETF: a member without t has no reset', headers: { ratelimit: '"p";r=4' }, want: { ratelimit: { remaining: 4 } } },
    { name: 'draft 7 with spaces around =', headers: { ratelimit: 'limit = 10, remaining = 3' }, want: { ratelimit: { limit: 10, remaining: 3 } } },
    { name: 'Retry-After with trailing text is ignored', headers: { 'retry-after': '5s' }, want: {} },
    { name: 'Retry-After with leading text is ignored', headers: { 'retry-after': 'x5' }, want: {} },
    { name: 'malformed values are ignored', headers: { 'retry-after': 'soon', 'x-ratelimit-remaining': '-1', ratelimit: 'garbage' }, want: {} },
    { name: 'no headers', headers: {}, want: {} },
  ])('$name', ({ headers, want }) => expect(readRateLimit({ headers: new Headers(headers), nowMs: NOW })).toStrictEqual(want));
});

describe('Retry-After: delay-seconds or an RFC 9110 HTTP-date, anything else unknown (never "retry now")', () => {
  const after = (headers: Record<string, string>) => readRateLimit({ headers: new Headers(headers), nowMs: NOW });
  it.each<{ readonly value: string; readonly want: number | undefined }>([
    { value: '0', want: 0 },
    { value: '1', want: 1 },
    { value: ' 5 ', want: 5 },
    { value: '1.5', want: 2 },
    { value: '0.2', want: 1 },
    { value: '-1', want: undefined },
    { value: '', want: undefined },
    { value: '1.', want: undefined },
    { value: '.5', want: undefined },
    { value: 'Sun, 22 Nov 2026 11:59:59 GMT', want: 0 },
    { value: 'Sun, 22 Nov 2026 12:00:01 GMT', want: 1 },
    { value: 'Sunday, 22-Nov-26 12:01:00 GMT', want: 60 },
    { value: 'Tuesday, 22-Nov-77 12:00:00 GMT', want: 0 },
    { value: 'Sun Dec  6 12:00:00 2026', want: 14 * 86_400 },
    { value: 'Sun Nov 22 12:00:30 2026', want: 30 },
    { value: 'Sun, 22 Nov 2026 12:01:00 UTC', want: undefined },
    { value: 'sun, 22 nov 2026 12:01:00 gmt', want: undefined },
    { value: '2026-11-22T12:01:00Z', want: undefined },
    { value: 'Mon, 22 Nov 2026 12:01:00 GMT', want: undefined },
    { value: 'Tue, 31 Feb 2026 12:00:00 GMT', want: undefined },
    { value: 'Sun, 22 Nov 2026 24:00:00 GMT', want: undefined },
    { value: 'Sun, 22 Nov 2026 12:00:60 GMT', want: 60 },
    { value: 'Sun, 22 Nov 2026 12:00:61 GMT', want: undefined },
    { value: 'Sun, 22 Nov 2026 12:60:00 GMT', want: undefined },
    { value: 'Sun, 2 Nov 2026 12:01:00 GMT', want: undefined },
    { value: 'tomorrow-ish', want: undefined },
  ])('$value → $want', ({ value, want }) => expect(after({ 'retry-after': value })).toStrictEqual(want === undefined ? {} : { retryAfterSeconds: want }));

  it('a malformed Retry-After leaves the quota reset to say when', () => {
    expect(after({ 'retry-after': '-1', ratelimit: 'limit=10, remaining=0, reset=5' })).toStrictEqual({ ratelimit: { limit: 10, remaining: 0, reset: 5 }, retryAfterSeconds: 5 });
  });

  it('a malformed Date is not the clock: the HTTP-date is measured against now', () => {
    expect(after({ 'retry-after': 'Sun, 22 Nov 2026 12:01:00 GMT', date: '1.5' })).toStrictEqual({ retryAfterSeconds: 60 });
  });
});

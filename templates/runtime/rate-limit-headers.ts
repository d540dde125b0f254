/**
 * Vendors announce quotas in four header generations. They are read into one shape so a model
 * sees the same fields whichever the vendor sends. `reset` and `retry_after_seconds` are seconds
 * from now.
 */
export type RateLimit = { readonly limit?: number; readonly remaining?: number; readonly reset?: number };

export type RateLimitInfo = { readonly ratelimit?: RateLimit; readonly retryAfterSeconds?: number };

type Headers = { get(name: string): string | null };

/** Reset values this large are Unix epoch seconds (GitHub, express-rate-limit legacy), not deltas. */
const EPOCH_THRESHOLD = 1_000_000_000;

function nonNegative(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}

function secondsUntil(input: { readonly value: number | undefined; readonly nowSeconds: number }): number | undefined {
  if (input.value === undefined) return undefined;
  return input.value > EPOCH_THRESHOLD ? Math.max(0, Math.ceil(input.value - input.nowSeconds)) : input.value;
}

/** RFC 9651 list members: `"name";a=1;b=2, …` → name + parameters (malformed members are skipped). */
function structuredList(text: string): { name: string; params: Map<string, string> }[] {
  return text.split(',').flatMap((member) => {
    const [head, ...params] = member.split(';').map((part) => part.trim());
    if (head === undefined) return [];
    const entries = params.map((p) => p.split('=').map((s) => s.trim())).filter((kv): kv is [string, string] => kv.length === 2 && kv[0] !== '');
    return [{ name: head.replace(/^"|"$/g, ''), params: new Map(entries) }];
  });
}

/** Draft 8+: `RateLimit: "p";r=5;t=30` with `RateLimit-Policy: "p";q=100;w=60`. The tightest policy wins. */
function ietfFields(input: { readonly headers: Headers; readonly nowSeconds: number }): RateLimit | undefined {
  const raw = input.headers.get('ratelimit');
  if (raw === null || !/[;]\s*r=/.test(raw)) return undefined;
  const policies = new Map(structuredList(input.headers.get('ratelimit-policy') ?? '').map((p) => [p.name, p.params]));
  const limits = structuredList(raw)
    .map((item) => ({ name: item.name, remaining: nonNegative(item.params.get('r')), reset: nonNegative(item.params.get('t')) }))
    .filter((item) => item.remaining !== undefined);
  const tightest = limits.sort((a, b) => a.remaining! - b.remaining!)[0];
  if (tightest === undefined) return undefined;
  const quota = nonNegative(policies.get(tightest.name)?.get('q'));
  return { ...(quota !== undefined ? { limit: quota } : {}), remaining: tightest.remaining!, ...(tightest.reset !== undefined ? { reset: tightest.reset } : {}) };
}

/** Draft 7: one dictionary, `RateLimit: limit=100, remaining=50, reset=30`. */
function draft7Field(headers: Headers): RateLimit | undefined {
  const raw = headers.get('ratelimit');
  if (raw === null || !/\bremaining\s*=/.test(raw)) return undefined;
  const values = new Map(raw.split(',').map((pair) => pair.split('=').map((s) => s.trim()) as [string, string]));
  return compact({ limit: nonNegative(values.get('limit')), remaining: nonNegative(values.get('remaining')), reset: nonNegative(values.get('reset')) });
}

/** Draft 6 `RateLimit-Limit/-Remaining/-Reset` and the legacy `X-RateLimit-*` (reset may be epoch seconds). */
function separateFields(input: { readonly headers: Headers; readonly prefix: string; readonly nowSeconds: number }): RateLimit | undefined {
  const read = (suffix: string) => nonNegative(input.headers.get(`${input.prefix}-${suffix}`) ?? undefined);
  return compact({ limit: read('limit'), remaining: read('remaining'), reset: secondsUntil({ value: read('reset'), nowSeconds: input.nowSeconds }) });
}

function compact(made: { limit?: number | undefined; remaining?: number | undefined; reset?: number | undefined }): RateLimit | undefined {
  const entries = Object.entries(made).filter(([, value]) => value !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as RateLimit);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
const IMF_FIXDATE = new RegExp(`^(${DAYS.join('|')}), (\\d{2}) (${MONTHS.join('|')}) (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^(${LONG_DAYS.join('|')}), (\\d{2})-(${MONTHS.join('|')})-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^(${DAYS.join('|')}) (${MONTHS.join('|')}) (\\d{2}| \\d) ${TIME} (\\d{4})$`);

/** Numbers as written: a date is checked to exist only after it is built. */
type DateParts = { readonly weekday: number; readonly day: number; readonly month: number; readonly year: number; readonly time: readonly string[] };

/** RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is the latest such year in the past. */
function fullYear(input: { readonly twoDigits: string; readonly nowMs: number }): number {
  const now = new Date(input.nowMs).getUTCFullYear();
  const year = now - (now % 100) + Number(input.twoDigits);
  return year > now + 50 ? year - 100 : year;
}

function dateParts(input: { readonly text: string; readonly nowMs: number }): DateParts | undefined {
  const imf = IMF_FIXDATE.exec(input.text);
  if (imf) return { weekday: DAYS.indexOf(imf[1]!), day: Number(imf[2]), month: MONTHS.indexOf(imf[3]!), year: Number(imf[4]), time: imf.slice(5, 8) };
  const rfc850 = RFC850_DATE.exec(input.text);
  if (rfc850) return { weekday: LONG_DAYS.indexOf(rfc850[1]!), day: Number(rfc850[2]), month: MONTHS.indexOf(rfc850[3]!), year: fullYear({ twoDigits: rfc850[4]!, nowMs: input.nowMs }), time: rfc850.slice(5, 8) };
  const asctime = ASCTIME_DATE.exec(input.text);
  if (asctime) return { weekday: DAYS.indexOf(asctime[1]!), day: Number(asctime[3]), month: MONTHS.indexOf(asctime[2]!), year: Number(asctime[7]), time: asctime.slice(4, 7) };
  return undefined;
}

/**
 * An HTTP-date in one of its three RFC 9110 forms, case-sensitive, in ms. Not `Date.parse`: V8
 * reads "1.5" or "-1" as days in 2001, which would tell a model to retry at once. A date that
 * does not exist (31 Feb, 25:00, a weekday that does not match) is no date either.
 */
function httpDate(input: { readonly text: string; readonly nowMs: number }): number | undefined {
  const parts = dateParts(input);
  if (parts === undefined) return undefined;
  const [hour, minute, second] = parts.time.map(Number) as [number, number, number];
  // 60 is a leap second, which RFC 9110's time-of-day allows.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const day = new Date(Date.UTC(parts.year, parts.month, parts.day));
  const exists = day.getUTCFullYear() === parts.year && day.getUTCMonth() === parts.month && day.getUTCDate() === parts.day && day.getUTCDay() === parts.weekday;
  return exists ? day.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 : undefined;
}

/**
 * `Retry-After` as delay-seconds or an HTTP-date, measured against the response's own `Date` when
 * sent. A decimal is read rounded up (waiting a little longer is safe); anything else is unknown.
 */
function retryAfter(input: { readonly headers: Headers; readonly nowMs: number }): number | undefined {
  const raw = input.headers.get('retry-after')?.trim() ?? '';
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.ceil(Number(raw));
  const at = httpDate({ text: raw, nowMs: input.nowMs });
  if (at === undefined) return undefined;
  const served = httpDate({ text: input.headers.get('date')?.trim() ?? '', nowMs: input.nowMs });
  return Math.max(0, Math.ceil((at - (served ?? input.nowMs)) / 1000));
}

export function readRateLimit(input: { readonly headers: Headers; readonly nowMs: number }): RateLimitInfo {
  const nowSeconds = input.nowMs / 1000;
  const ratelimit =
    ietfFields({ headers: input.headers, nowSeconds }) ??
    draft7Field(input.headers) ??
    separateFields({ headers: input.headers, prefix: 'ratelimit', nowSeconds }) ??
    separateFields({ headers: input.headers, prefix: 'x-ratelimit', nowSeconds });
  const after = retryAfter(input);
  // Retry-After wins over a quota's reset (draft-ietf-httpapi-ratelimit-headers §5).
  const retryAfterSeconds = after ?? (ratelimit?.remaining === 0 ? ratelimit.reset : undefined);
  return { ...(ratelimit !== undefined ? { ratelimit } : {}), ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
}

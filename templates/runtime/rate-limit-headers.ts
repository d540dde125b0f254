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

/** `Retry-After` as delay-seconds or an HTTP-date, measured against the response's own `Date` when sent. */
function retryAfter(input: { readonly headers: Headers; readonly nowMs: number }): number | undefined {
  const raw = input.headers.get('retry-after')?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  const served = Date.parse(input.headers.get('date') ?? '');
  const now = Number.isNaN(served) ? input.nowMs : served;
  return Math.max(0, Math.ceil((at - now) / 1000));
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

import { vendorFetch } from '../../templates/runtime/vendor-fetch.ts';
import { describe, expect, it } from 'vitest';
import { runtimeConfigFrom } from '../../templates/runtime/runtime-config.ts';
import type { Env } from '../../templates/runtime/env.ts';
import { ACME, BEARER, TOKEN } from './support.ts';

const stubFetch = (async () => new Response('{}')) as typeof fetch;

describe('runtimeConfigFrom: base URL', () => {
  it.each<{ readonly name: string; readonly env: Env; readonly want: unknown }>([
    { name: 'default from the vendor definition', env: { ACME_TOKEN: TOKEN }, want: { vendor: ACME, baseUrl: 'https://api.acme.test/v1', credentials: BEARER, timeoutMs: 30_000, maxResultChars: 75_000, maxResponseBytes: 8_388_608, fetch: stubFetch } },
    {
      name: 'from the environment',
      env: { ACME_TOKEN: TOKEN, ACME_BASE_URL: 'http://127.0.0.1:4010/mock' },
      want: { vendor: ACME, baseUrl: 'http://127.0.0.1:4010/mock', credentials: BEARER, timeoutMs: 30_000, maxResultChars: 75_000, maxResponseBytes: 8_388_608, fetch: stubFetch },
    },
    {
      name: 'from the environment, trimmed',
      env: { ACME_TOKEN: TOKEN, ACME_BASE_URL: '  https://sandbox.acme.test/v1\n' },
      want: { vendor: ACME, baseUrl: 'https://sandbox.acme.test/v1', credentials: BEARER, timeoutMs: 30_000, maxResultChars: 75_000, maxResponseBytes: 8_388_608, fetch: stubFetch },
    },
    { name: 'blank env falls back to the default', env: { ACME_TOKEN: TOKEN, ACME_BASE_URL: '  ' }, want: { vendor: ACME, baseUrl: 'https://api.acme.test/v1', credentials: BEARER, timeoutMs: 30_000, maxResultChars: 75_000, maxResponseBytes: 8_388_608, fetch: stubFetch } },
    { name: 'not a URL: the error names the variable', env: { ACME_TOKEN: TOKEN, ACME_BASE_URL: 'api.acme.test' }, want: { errors: ['ACME_BASE_URL must be an absolute http(s) URL without a query or fragment (got "api.acme.test").'] } },
    { name: 'not http(s): the error names the variable', env: { ACME_TOKEN: TOKEN, ACME_BASE_URL: 'ftp://acme.test' }, want: { errors: ['ACME_BASE_URL must be an absolute http(s) URL without a query or fragment (got "ftp://acme.test").'] } },
    { name: 'file: URL refused', env: { ACME_TOKEN: TOKEN, ACME_BASE_URL: 'file:///etc/passwd' }, want: { errors: ['ACME_BASE_URL must be an absolute http(s) URL without a query or fragment (got "file:///etc/passwd").'] } },
    // Paths are appended to the base URL: a query or fragment there would swallow them.
    { name: 'a query refused', env: { ACME_TOKEN: TOKEN, ACME_BASE_URL: 'https://api.acme.test/v1?key=1' }, want: { errors: ['ACME_BASE_URL must be an absolute http(s) URL without a query or fragment (got "https://api.acme.test/v1?key=1").'] } },
    { name: 'a fragment refused', env: { ACME_TOKEN: TOKEN, ACME_BASE_URL: 'https://api.acme.test/v1#top' }, want: { errors: ['ACME_BASE_URL must be an absolute http(s) URL without a query or fragment (got "https://api.acme.test/v1#top").'] } },
  ])('$name', ({ env, want }) => expect(runtimeConfigFrom({ vendor: ACME, env, fetch: stubFetch })).toStrictEqual(want));

  it('an invalid default also names the variable to set', () =>
    expect(runtimeConfigFrom({ vendor: { ...ACME, baseUrl: '/v1' }, env: { ACME_TOKEN: TOKEN }, fetch: stubFetch })).toStrictEqual({
      errors: ['ACME_BASE_URL must be an absolute http(s) URL without a query or fragment (got "/v1").'],
    }));
});

describe('runtimeConfigFrom: credentials', () => {
  it.each<{ readonly name: string; readonly env: Env; readonly want: unknown }>([
    { name: 'missing credential names the variable', env: {}, want: { errors: ['Missing vendor credentials: set ACME_TOKEN.'] } },
    { name: 'blank credential names the variable', env: { ACME_TOKEN: '   ' }, want: { errors: ['Missing vendor credentials: set ACME_TOKEN.'] } },
    {
      name: 'both problems are reported together, base URL first',
      env: { ACME_BASE_URL: 'nope' },
      want: { errors: ['ACME_BASE_URL must be an absolute http(s) URL without a query or fragment (got "nope").', 'Missing vendor credentials: set ACME_TOKEN.'] },
    },
  ])('$name', ({ env, want }) => expect(runtimeConfigFrom({ vendor: ACME, env, fetch: stubFetch })).toStrictEqual(want));

  it('auth none needs no variable', () =>
    expect(runtimeConfigFrom({ vendor: { ...ACME, auth: { kind: 'none' } }, env: {}, fetch: stubFetch })).toStrictEqual({
      vendor: { ...ACME, auth: { kind: 'none' } },
      baseUrl: 'https://api.acme.test/v1',
      credentials: { headers: {}, query: [], secrets: [] },
      timeoutMs: 30_000,
      maxResultChars: 75_000,
      maxResponseBytes: 8_388_608,
      fetch: stubFetch,
    }));
});

describe('runtimeConfigFrom: <PREFIX>_TIMEOUT_MS', () => {
  it.each<{ readonly given: string | undefined; readonly want: number }>([
    { given: undefined, want: 30_000 },
    { given: '5000', want: 5000 },
    { given: ' 1500 ', want: 1500 },
    // The bounds themselves are accepted: 1 ms, and the largest delay AbortSignal.timeout takes (2^31 - 1).
    { given: '1', want: 1 },
    { given: '2147483647', want: 2_147_483_647 },
    { given: '2147483648', want: 30_000 },
    { given: '', want: 30_000 },
    { given: 'abc', want: 30_000 },
    { given: '10s', want: 30_000 },
    { given: '0', want: 30_000 },
    { given: '-1', want: 30_000 },
    { given: 'Infinity', want: 30_000 },
    { given: 'NaN', want: 30_000 },
  ])('$given → $want', ({ given, want }) => {
    const config = runtimeConfigFrom({ vendor: ACME, env: { ACME_TOKEN: TOKEN, ACME_TIMEOUT_MS: given }, fetch: stubFetch });
    expect('timeoutMs' in config ? config.timeoutMs : config).toStrictEqual(want);
  });

  it('reads the variable named after envPrefix, not another vendor', () => {
    const config = runtimeConfigFrom({ vendor: ACME, env: { ACME_TOKEN: TOKEN, OTHER_TIMEOUT_MS: '10', TIMEOUT_MS: '10' }, fetch: stubFetch });
    expect('timeoutMs' in config ? config.timeoutMs : config).toStrictEqual(30_000);
  });
});

describe('runtimeConfigFrom: fetch', () => {
  it('defaults to the node:http transport (it sends a body on any method)', () => {
    const config = runtimeConfigFrom({ vendor: ACME, env: { ACME_TOKEN: TOKEN } });
    expect('fetch' in config && config.fetch === vendorFetch).toStrictEqual(true);
  });
});

describe('runtimeConfigFrom: <PREFIX>_MAX_RESULT_TOKENS and <PREFIX>_MAX_RESPONSE_BYTES', () => {
  type Setting = { readonly name: string; readonly variable: 'ACME_MAX_RESULT_TOKENS' | 'ACME_MAX_RESPONSE_BYTES'; readonly value: string | undefined; readonly want: number };
  const tokens = (name: string, value: string | undefined, want: number): Setting => ({ name: `result tokens, ${name}`, variable: 'ACME_MAX_RESULT_TOKENS', value, want });
  const bytes = (name: string, value: string | undefined, want: number): Setting => ({ name: `response bytes, ${name}`, variable: 'ACME_MAX_RESPONSE_BYTES', value, want });
  it.each<Setting>([
    tokens('default: 25,000 tokens', undefined, 75_000),
    tokens('a smaller cap', '4000', 12_000),
    tokens('below the floor of 1,000 falls back to the default', '10', 75_000),
    tokens('not a number falls back to the default', 'lots', 75_000),
    bytes('default: 8 MiB', undefined, 8_388_608),
    bytes('the floor of 1,024 bytes', '1024', 1_024),
    bytes('below the floor falls back to the default', '1023', 8_388_608),
    bytes('a larger limit', '20000000', 20_000_000),
  ])('$name', ({ variable, value, want }) => {
    const config = runtimeConfigFrom({ vendor: ACME, env: { ACME_TOKEN: TOKEN, ...(value !== undefined ? { [variable]: value } : {}) }, fetch: stubFetch });
    if ('errors' in config) throw new Error(config.errors.join('\n'));
    expect(variable === 'ACME_MAX_RESULT_TOKENS' ? config.maxResultChars : config.maxResponseBytes).toBe(want);
  });
});

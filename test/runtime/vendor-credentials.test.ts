import { describe, expect, it } from 'vitest';
import type { Env } from '../../templates/runtime/env.ts';
import { resolveCredentials, type Credentials } from '../../templates/runtime/vendor-credentials.ts';
import type { AuthDefinition } from '../../templates/runtime/vendor-definition.ts';

type Case = { readonly name: string; readonly auth: AuthDefinition; readonly env: Env; readonly want: Credentials | { readonly missing: readonly string[] } };

describe('resolveCredentials', () => {
  it.each<Case>([
    { name: 'none needs nothing', auth: { kind: 'none' }, env: {}, want: { headers: {}, query: [], secrets: [] } },
    { name: 'bearer', auth: { kind: 'bearer', env: 'ACME_TOKEN' }, env: { ACME_TOKEN: 'tok123' }, want: { headers: { Authorization: 'Bearer tok123' }, query: [], secrets: ['tok123'] } },
    {
      name: 'bearer value is trimmed (a pasted newline must not reach the header)',
      auth: { kind: 'bearer', env: 'ACME_TOKEN' },
      env: { ACME_TOKEN: '  tok123\n' },
      want: { headers: { Authorization: 'Bearer tok123' }, query: [], secrets: ['tok123'] },
    },
    {
      name: 'api-key in a header',
      auth: { kind: 'api-key', in: 'header', name: 'X-Api-Key', env: 'ACME_KEY' },
      env: { ACME_KEY: 'k_123' },
      want: { headers: { 'X-Api-Key': 'k_123' }, query: [], secrets: ['k_123'] },
    },
    {
      name: 'api-key in the query, name and value encoded',
      auth: { kind: 'api-key', in: 'query', name: 'api key', env: 'ACME_KEY' },
      env: { ACME_KEY: 'k&1=2' },
      want: { headers: {}, query: ['api%20key=k%261%3D2'], secrets: ['k&1=2', 'k%261%3D2'] },
    },
    {
      name: 'basic: base64 of user:pass, both forms are secrets',
      auth: { kind: 'basic', env: 'ACME_BASIC' },
      env: { ACME_BASIC: 'user:pass' },
      want: { headers: { Authorization: 'Basic dXNlcjpwYXNz' }, query: [], secrets: ['user:pass', 'dXNlcjpwYXNz'] },
    },
    {
      name: 'basic: UTF-8 before base64',
      auth: { kind: 'basic', env: 'ACME_BASIC' },
      env: { ACME_BASIC: 'zoë:pässword' },
      want: { headers: { Authorization: 'Basic em/Dqzpww6Rzc3dvcmQ=' }, query: [], secrets: ['zoë:pässword', 'em/Dqzpww6Rzc3dvcmQ='] },
    },
    { name: 'other variables are ignored', auth: { kind: 'bearer', env: 'ACME_TOKEN' }, env: { OTHER_TOKEN: 'x', ACME_TOKEN: 'mine' }, want: { headers: { Authorization: 'Bearer mine' }, query: [], secrets: ['mine'] } },
  ])('$name', ({ auth, env, want }) => expect(resolveCredentials({ auth, env })).toStrictEqual(want));
});

describe('missing or blank credentials name the variable', () => {
  const auths: readonly AuthDefinition[] = [
    { kind: 'bearer', env: 'ACME_TOKEN' },
    { kind: 'api-key', in: 'header', name: 'X-Api-Key', env: 'ACME_TOKEN' },
    { kind: 'api-key', in: 'query', name: 'api_key', env: 'ACME_TOKEN' },
    { kind: 'basic', env: 'ACME_TOKEN' },
  ];
  const envs: readonly { readonly name: string; readonly env: Env }[] = [
    { name: 'unset', env: {} },
    { name: 'undefined', env: { ACME_TOKEN: undefined } },
    { name: 'empty', env: { ACME_TOKEN: '' } },
    { name: 'blank', env: { ACME_TOKEN: ' \t\n' } },
  ];
  for (const auth of auths) {
    for (const { name, env } of envs) {
      it(`${auth.kind}${'in' in auth ? ` (${auth.in})` : ''}, ${name}`, () => expect(resolveCredentials({ auth, env })).toStrictEqual({ missing: 'ACME_TOKEN' }));
    }
  }
});

describe('a client-credentials grant instead of a fixed token', () => {
  const grant = { tokenUrl: 'https://auth.acme.test/token', urlEnv: 'ACME_AUTH_URL', body: 'json' as const, fields: { client_id: 'ACME_ID', client_secret: 'ACME_SECRET' }, constants: {}, secrets: ['client_secret'] };
  const auth: AuthDefinition = { kind: 'bearer', env: 'ACME_TOKEN', clientCredentials: grant };

  it('all its variables set: no header and no secret yet (the token source adds them), and the grant to run', () => {
    expect(resolveCredentials({ auth, env: { ACME_ID: 'id', ACME_SECRET: 's' } })).toStrictEqual({ headers: {}, query: [], secrets: [], grant });
  });

  it('some missing: both ways to configure are named, and what is missing', () => {
    expect(resolveCredentials({ auth, env: { ACME_ID: 'id' } })).toStrictEqual({ missing: 'ACME_TOKEN, or all of ACME_ID, ACME_SECRET (missing: ACME_SECRET)' });
  });

  it('a fixed token wins over the grant', () => {
    expect(resolveCredentials({ auth, env: { ACME_TOKEN: 'tok', ACME_ID: 'id', ACME_SECRET: 's' } })).toStrictEqual({ headers: { Authorization: 'Bearer tok' }, query: [], secrets: ['tok'] });
  });
});

import { describe, expect, it } from 'vitest';
import { buildApi } from '../../generator/ir/from-openapi/api-document.ts';
import type { PlainAuthFile } from '../../generator/ir/from-openapi/vendor-settings.ts';
import { parseDocumentText } from '../../generator/load/parse-document.ts';
import { buildFromText } from '../support/generate-in-memory.ts';

/**
 * The vendor settings of the root x-mcp block (and of a plain OpenAPI file), read from small inline
 * documents: each case states the exact VendorIR or the exact diagnostic.
 */
const SCHEMES = { bearer: { type: 'http', scheme: 'bearer' } };
const OPERATION = { get: { 'x-mcp': { resource: 'things', method: 'list', description: 'List things.' }, responses: { 200: { description: 'ok' } } } };

function docOf(input: { readonly settings?: Record<string, unknown>; readonly schemes?: Record<string, unknown>; readonly servers?: unknown; readonly info?: Record<string, unknown>; readonly security?: unknown; readonly plain?: boolean }): Record<string, unknown> {
  const settings = { vendor: 'Acme', package: 'acme', title: 'Acme API', envPrefix: 'ACME', auth: { scheme: 'bearer', env: 'ACME_TOKEN' }, ...input.settings };
  return {
    openapi: '3.1.0',
    info: { title: 'Acme', version: '1', ...input.info },
    ...(input.servers === undefined ? { servers: [{ url: 'https://api.acme.test' }] } : input.servers === null ? {} : { servers: input.servers }),
    ...(input.plain === true ? {} : { 'x-mcp': Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) }),
    ...(input.security === undefined ? {} : { security: input.security }),
    components: { securitySchemes: input.schemes ?? SCHEMES },
    paths: { '/things': OPERATION },
  };
}

function vendorOf(input: Parameters<typeof docOf>[0]) {
  const { api, diagnostics } = buildFromText({ text: JSON.stringify(docOf(input)), file: 'acme.json' });
  return { vendor: api?.vendor, errors: diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.location.pointer}: ${d.message}`) };
}

const BEARER = { kind: 'bearer', env: 'ACME_TOKEN', source: { file: 'acme.json', pointer: '/components/securitySchemes/bearer' } };

describe('documented vendor settings', () => {
  it('the whole VendorIR of a minimal block', () => {
    expect(vendorOf({ info: { description: '  First line.  \nSecond line.' } })).toStrictEqual({
      errors: [],
      vendor: {
        kind: 'vendor',
        listing: 'lean',
        vendorName: 'Acme',
        slug: 'acme',
        title: 'Acme API',
        envPrefix: 'ACME',
        baseUrl: 'https://api.acme.test',
        auth: BEARER,
        description: 'First line.',
        headers: {},
        source: { file: 'acme.json', pointer: '/x-mcp' },
        packageName: '@vendor-mcp/acme',
        binName: 'acme-mcp',
        baseUrlEnv: 'ACME_BASE_URL',
      },
    });
  });

  it('settings are trimmed; only string headers are kept; a budget of 1 is a budget', () => {
    const { vendor } = vendorOf({ settings: { vendor: '  Acme ', title: ' Acme API ', headers: { 'X-Version': '2', 'X-Count': 3 }, tokenBudget: 1 } });
    expect(vendor).toMatchObject({ vendorName: 'Acme', title: 'Acme API', headers: { 'X-Version': '2' }, tokenBudget: { limit: 1, source: { file: 'acme.json', pointer: '/x-mcp/tokenBudget' } } });
    expect(vendor!.description).toBe('');
  });

  it.each<{ readonly name: string; readonly settings: Record<string, unknown>; readonly want: string }>([
    { name: 'a missing setting points at the block', settings: { vendor: undefined }, want: 'VMCP_VENDOR_SETTING_MISSING /x-mcp: x-mcp.vendor is required' },
    { name: 'a blank setting points at itself', settings: { title: '   ' }, want: 'VMCP_VENDOR_SETTING_MISSING /x-mcp/title: x-mcp.title is required' },
    { name: 'a setting that is not a string', settings: { package: 7 }, want: 'VMCP_VENDOR_SETTING_MISSING /x-mcp/package: x-mcp.package is required' },
    { name: 'no auth block', settings: { auth: undefined }, want: 'VMCP_VENDOR_SETTING_MISSING /x-mcp/auth: x-mcp.auth is required (scheme and env)' },
    { name: 'an auth block without env', settings: { auth: { scheme: 'bearer' } }, want: 'VMCP_VENDOR_SETTING_MISSING /x-mcp/auth: x-mcp.auth.env is required' },
    { name: 'an auth block with a blank scheme', settings: { auth: { scheme: ' ', env: 'ACME_TOKEN' } }, want: 'VMCP_VENDOR_SETTING_MISSING /x-mcp/auth: x-mcp.auth.scheme is required' },
    { name: 'a tokenBudget of 0', settings: { tokenBudget: 0 }, want: 'VMCP_MCP_EXTENSION_INVALID /x-mcp/tokenBudget: x-mcp.tokenBudget must be a positive integer (model-visible tokens (o200k_base)), not 0' },
    { name: 'a tokenBudget that is not whole', settings: { tokenBudget: 1.5 }, want: 'VMCP_MCP_EXTENSION_INVALID /x-mcp/tokenBudget: x-mcp.tokenBudget must be a positive integer (model-visible tokens (o200k_base)), not 1.5' },
    { name: 'a tokenBudget as text', settings: { tokenBudget: '9' }, want: 'VMCP_MCP_EXTENSION_INVALID /x-mcp/tokenBudget: x-mcp.tokenBudget must be a positive integer (model-visible tokens (o200k_base)), not "9"' },
  ])('$name', ({ settings, want }) => {
    const { vendor, errors } = vendorOf({ settings });
    expect(errors).toStrictEqual([want]);
    // A budget is only a limit; the other settings still make a vendor.
    expect(vendor === undefined).toBe(!want.includes('tokenBudget'));
  });

  it.each([
    { url: 'https://user:s3cret@api.acme.test', why: 'servers[0].url holds a user name or password, which the package would publish in its README, server.json and start-up log' },
    { url: 'https://token@api.acme.test', why: 'servers[0].url holds a user name or password, which the package would publish in its README, server.json and start-up log' },
    { url: 'javascript:alert(1)', why: 'servers[0].url uses "javascript:"; only http and https can be called' },
    { url: 'file:///etc/passwd', why: 'servers[0].url uses "file:"; only http and https can be called' },
    { url: 'https://[bad', why: 'servers[0].url "https://[bad" is not a valid URL' },
  ])('the server URL $url is refused: $why', ({ url, why }) => {
    expect(vendorOf({ servers: [{ url }] })).toStrictEqual({ vendor: undefined, errors: [`VMCP_SERVER_URL_UNSAFE /servers/0/url: ${why}`] });
  });

  it.each(['https://api.acme.test', 'http://localhost:8080/v2', '/v1', 'api/v1'])('the server URL %s is accepted (a relative one is left to the run-time base URL)', (url) => {
    expect(vendorOf({ servers: [{ url }] }).errors).toStrictEqual([]);
  });

  it('a document without servers names the missing base URL', () => {
    expect(vendorOf({ servers: null })).toStrictEqual({ vendor: undefined, errors: ['VMCP_VENDOR_SETTING_MISSING : servers[0].url is required: it is the default base URL'] });
    expect(vendorOf({ servers: [{ description: 'no url' }] }).errors).toStrictEqual(['VMCP_VENDOR_SETTING_MISSING : servers[0].url is required: it is the default base URL']);
  });

  it('server variables take their defaults; one without a default stays as written', () => {
    const servers = [{ url: 'https://{region}.acme.test/{version}/{tenant}', variables: { region: { default: 'eu' }, version: { default: 2 }, tenant: { enum: ['a'] } } }, { url: 'https://other.test' }];
    expect(vendorOf({ servers }).vendor!.baseUrl).toBe('https://eu.acme.test/2/{tenant}');
  });

  it('release notes by version are trimmed', () => {
    expect(vendorOf({ settings: { releaseNotes: { '2.0.0': ' Tools renamed. ', '10.11.12': 'Why.' } } }).vendor!.releaseNotes).toStrictEqual({ '2.0.0': 'Tools renamed.', '10.11.12': 'Why.' });
  });

  it.each([['not a map', ['2.0.0']], ['a version that is not x.y.z', { '2.0': 'Why.' }], ['a version with a suffix', { '2.0.0-beta': 'Why.' }], ['a blank note', { '2.0.0': '  ' }], ['a note that is not text', { '2.0.0': 2 }]])('release notes: %s is refused', (_name, releaseNotes) => {
    expect(vendorOf({ settings: { releaseNotes } }).errors).toStrictEqual(['VMCP_MCP_EXTENSION_INVALID /x-mcp/releaseNotes: x-mcp.releaseNotes maps a version (1.2.3) to a non-empty sentence saying why it changed']);
  });
});

describe('the auth scheme becomes the auth the server uses', () => {
  const source = (name: string) => ({ file: 'acme.json', pointer: `/components/securitySchemes/${name}` });
  it.each<{ readonly name: string; readonly scheme: Record<string, unknown>; readonly want: Record<string, unknown> }>([
    { name: 'http basic', scheme: { type: 'http', scheme: 'basic' }, want: { kind: 'basic' } },
    { name: 'http Basic in any case', scheme: { type: 'http', scheme: 'Basic' }, want: { kind: 'basic' } },
    { name: 'http bearer', scheme: { type: 'http', scheme: 'bearer' }, want: { kind: 'bearer' } },
    { name: 'oauth2', scheme: { type: 'oauth2', flows: {} }, want: { kind: 'bearer' } },
    { name: 'openIdConnect', scheme: { type: 'openIdConnect', openIdConnectUrl: 'https://id.test' }, want: { kind: 'bearer' } },
    { name: 'an api key in a header', scheme: { type: 'apiKey', in: 'header', name: 'X-Key' }, want: { kind: 'api-key', in: 'header', name: 'X-Key' } },
    { name: 'an api key in the query', scheme: { type: 'apiKey', in: 'query', name: 'key' }, want: { kind: 'api-key', in: 'query', name: 'key' } },
  ])('$name', ({ scheme, want }) => {
    const { vendor, errors } = vendorOf({ schemes: { s: scheme }, settings: { auth: { scheme: 's', env: 'ACME_TOKEN' } } });
    expect(errors).toStrictEqual([]);
    expect(vendor!.auth).toStrictEqual({ ...want, env: 'ACME_TOKEN', source: source('s') });
  });

  it.each<{ readonly name: string; readonly scheme: Record<string, unknown>; readonly type: string }>([
    { name: 'an api key in a cookie', scheme: { type: 'apiKey', in: 'cookie', name: 'key' }, type: 'apiKey' },
    { name: 'an api key without a name', scheme: { type: 'apiKey', in: 'header' }, type: 'apiKey' },
    { name: 'mutual TLS', scheme: { type: 'mutualTLS' }, type: 'mutualTLS' },
  ])('$name is not supported', ({ scheme, type }) => {
    const { vendor, errors } = vendorOf({ schemes: { s: scheme }, settings: { auth: { scheme: 's', env: 'ACME_TOKEN' } } });
    expect(errors).toStrictEqual([`VMCP_VENDOR_SETTING_MISSING /components/securitySchemes/s: security scheme "s" of type ${type} is not supported`]);
    expect(vendor).toBeUndefined();
  });

  it('a scheme the document does not have', () => {
    expect(vendorOf({ settings: { auth: { scheme: 'missing', env: 'ACME_TOKEN' } } }).errors).toStrictEqual(['VMCP_VENDOR_SETTING_MISSING /x-mcp/auth/scheme: auth.scheme "missing" is not in components.securitySchemes']);
  });

  const OAUTH = { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://id.acme.test/token', scopes: {} } } };
  const GRANT = { scheme: 'oauth', urlEnv: 'ACME_TOKEN_URL', fields: { client_id: 'ACME_CLIENT_ID', client_secret: 'ACME_CLIENT_SECRET' } };

  it('a bearer scheme carries its client-credentials grant', () => {
    const clientCredentials = { ...GRANT, body: 'form', constants: { audience: 'api', version: 2 }, secrets: ['client_secret', 'not_a_field', 3] };
    const { vendor, errors } = vendorOf({ schemes: { oauth: OAUTH }, settings: { auth: { scheme: 'oauth', env: 'ACME_TOKEN', clientCredentials } } });
    expect(errors).toStrictEqual([]);
    expect(vendor!.auth).toStrictEqual({
      kind: 'bearer',
      env: 'ACME_TOKEN',
      source: source('oauth'),
      clientCredentials: {
        tokenUrl: 'https://id.acme.test/token',
        urlEnv: 'ACME_TOKEN_URL',
        body: 'form',
        fields: { client_id: 'ACME_CLIENT_ID', client_secret: 'ACME_CLIENT_SECRET' },
        constants: { audience: 'api', version: '2' },
        secrets: ['client_secret'],
        source: { file: 'acme.json', pointer: '/x-mcp/auth/clientCredentials' },
      },
    });
  });

  it('a grant defaults to a JSON body, no constants and no secrets', () => {
    const { vendor } = vendorOf({ schemes: { oauth: OAUTH }, settings: { auth: { scheme: 'oauth', env: 'ACME_TOKEN', clientCredentials: { ...GRANT, body: 'xml', constants: ['a'], secrets: 'client_secret' } } } });
    expect(vendor!.auth).toMatchObject({ clientCredentials: { body: 'json', constants: {}, secrets: [] } });
  });

  it('a grant in a document without security schemes is refused, not a crash', () => {
    const doc = docOf({ settings: { auth: { scheme: 'bearer', env: 'ACME_TOKEN', clientCredentials: GRANT } } });
    for (const components of [{}, undefined]) {
      const changed = { ...doc, ...(components === undefined ? {} : { components }) };
      if (components === undefined) delete (changed as Record<string, unknown>)['components'];
      const { diagnostics } = buildFromText({ text: JSON.stringify(changed), file: 'acme.json' });
      expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.location.pointer)).toStrictEqual(['/x-mcp/auth/scheme', '/x-mcp/auth/clientCredentials/scheme']);
    }
  });

  it('a grant beside a scheme that is not bearer is dropped', () => {
    const { vendor, errors } = vendorOf({ schemes: { oauth: OAUTH, basic: { type: 'http', scheme: 'basic' } }, settings: { auth: { scheme: 'basic', env: 'ACME_TOKEN', clientCredentials: GRANT } } });
    expect(errors).toStrictEqual([]);
    expect(vendor!.auth).toStrictEqual({ kind: 'basic', env: 'ACME_TOKEN', source: source('basic') });
  });

  const at = '/x-mcp/auth/clientCredentials';
  it.each<{ readonly name: string; readonly grant: unknown; readonly schemes?: Record<string, unknown>; readonly want: string }>([
    { name: 'a grant that is not an object', grant: 'yes', want: `${at}: x-mcp.auth.clientCredentials must be an object` },
    { name: 'a grant naming no scheme', grant: { ...GRANT, scheme: 5 }, want: `${at}/scheme: clientCredentials.scheme must name an oauth2 security scheme with a clientCredentials flow and tokenUrl` },
    { name: 'a scheme without flows', grant: GRANT, schemes: { oauth: { type: 'oauth2' } }, want: `${at}/scheme: clientCredentials.scheme must name an oauth2 security scheme with a clientCredentials flow and tokenUrl` },
    { name: 'a scheme without the client-credentials flow', grant: GRANT, schemes: { oauth: { type: 'oauth2', flows: { password: { tokenUrl: 'https://id.test' } } } }, want: `${at}/scheme: clientCredentials.scheme must name an oauth2 security scheme with a clientCredentials flow and tokenUrl` },
    { name: 'a flow without a token URL', grant: GRANT, schemes: { oauth: { type: 'oauth2', flows: { clientCredentials: { scopes: {} } } } }, want: `${at}/scheme: clientCredentials.scheme must name an oauth2 security scheme with a clientCredentials flow and tokenUrl` },
    { name: 'no fields', grant: { ...GRANT, fields: {} }, want: `${at}/fields: clientCredentials.fields must map request fields to environment variables` },
    { name: 'a field that is not text', grant: { ...GRANT, fields: { client_id: true } }, want: `${at}/fields: clientCredentials.fields must map request fields to environment variables` },
    { name: 'one field of several that is not text', grant: { ...GRANT, fields: { client_id: 'ACME_CLIENT_ID', extra: true } }, want: `${at}/fields: clientCredentials.fields must map request fields to environment variables` },
    { name: 'a scheme name that is not text', grant: { ...GRANT, scheme: ['oauth'] }, want: `${at}/scheme: clientCredentials.scheme must name an oauth2 security scheme with a clientCredentials flow and tokenUrl` },
    { name: 'no urlEnv', grant: { ...GRANT, urlEnv: undefined }, want: `${at}: clientCredentials.urlEnv must name the variable that overrides the token URL` },
  ])('$name', ({ grant, schemes, want }) => {
    const { vendor, errors } = vendorOf({ schemes: { bearer: SCHEMES.bearer, oauth: OAUTH, ...schemes }, settings: { auth: { scheme: 'bearer', env: 'ACME_TOKEN', clientCredentials: grant } } });
    expect(errors).toStrictEqual([`VMCP_MCP_EXTENSION_INVALID ${want}`]);
    expect(vendor!.auth).toStrictEqual(BEARER);
  });
});

describe('the error envelope (x-mcp.errors)', () => {
  const errorsOf = (errors: unknown) => vendorOf({ settings: { errors } });
  it('every part read', () => {
    const given = { message: ['/error/message', ''], code: '/error/code', requestId: '/meta/id', hints: { 401: 'Check the token.', 404: 7 }, fields: { at: '/error/fields', code: '/code', codes: { missing: 'Give it.' } } };
    expect(errorsOf(given)).toStrictEqual({
      errors: [],
      vendor: expect.objectContaining({
        errors: {
          message: ['/error/message', ''],
          code: '/error/code',
          requestId: '/meta/id',
          fields: { at: '/error/fields', code: '/code', codes: { missing: 'Give it.' } },
          hints: { 401: 'Check the token.', 404: '7' },
          source: { file: 'acme.json', pointer: '/x-mcp/errors' },
        },
      }),
    });
  });

  it('one pointer alone is a list of one; pointers that are not pointers are left out', () => {
    expect(errorsOf({ message: '/message', code: 'code', requestId: '', hints: ['x'], fields: { at: '/f', code: 'c', codes: [1] } }).vendor!.errors).toStrictEqual({
      message: ['/message'],
      fields: { at: '/f', code: 'c', codes: {} },
      hints: {},
      source: { file: 'acme.json', pointer: '/x-mcp/errors' },
    });
  });

  it('a message alone: no code, request id or field errors', () => {
    expect(errorsOf({ message: '/m' }).vendor!.errors).toStrictEqual({ message: ['/m'], hints: {}, source: { file: 'acme.json', pointer: '/x-mcp/errors' } });
    expect(errorsOf({ message: '/m' }).errors).toStrictEqual([]);
  });

  it.each<{ readonly name: string; readonly errors: unknown; readonly want: string }>([
    { name: 'a message pointer that is not text', errors: { message: ['/a', 5] }, want: '/x-mcp/errors/message: errors.message must be a JSON pointer or a list of them' },
    { name: 'a field code that is not text', errors: { message: '/m', fields: { at: '/f', code: 5 } }, want: '/x-mcp/errors/fields: errors.fields needs `at` (pointer to the per-field object) and `code` (pointer inside each entry)' },
    { name: 'not an object', errors: '/message', want: '/x-mcp/errors: x-mcp.errors must be an object' },
    { name: 'no message', errors: {}, want: '/x-mcp/errors/message: errors.message must be a JSON pointer or a list of them' },
    { name: 'an empty message list', errors: { message: [] }, want: '/x-mcp/errors/message: errors.message must be a JSON pointer or a list of them' },
    { name: 'a message that is not a pointer', errors: { message: ['/a', 'b'] }, want: '/x-mcp/errors/message: errors.message must be a JSON pointer or a list of them' },
    { name: 'fields without code', errors: { message: '/m', fields: { at: '/f' } }, want: '/x-mcp/errors/fields: errors.fields needs `at` (pointer to the per-field object) and `code` (pointer inside each entry)' },
    { name: 'fields with an `at` that is not a pointer', errors: { message: '/m', fields: { at: 'f', code: '/c' } }, want: '/x-mcp/errors/fields: errors.fields needs `at` (pointer to the per-field object) and `code` (pointer inside each entry)' },
    { name: 'fields that are not an object', errors: { message: '/m', fields: '/f' }, want: '/x-mcp/errors/fields: errors.fields needs `at` (pointer to the per-field object) and `code` (pointer inside each entry)' },
  ])('$name', ({ errors, want }) => {
    expect(errorsOf(errors).errors).toStrictEqual([`VMCP_MCP_EXTENSION_INVALID ${want}`]);
  });
});

describe('a plain OpenAPI file', () => {
  function plainOf(input: { readonly doc: Record<string, unknown>; readonly auth?: PlainAuthFile }) {
    const parsed = parseDocumentText({ file: 'plain.json', text: JSON.stringify(input.doc) });
    if ('diagnostics' in parsed) throw new Error('fixture did not parse');
    const { api, diagnostics } = buildApi({ document: parsed.document, plain: { slug: 'My Shop', ...(input.auth ? { auth: input.auth } : {}) } });
    return { vendor: api?.vendor, diagnostics: diagnostics.map((d) => `${d.severity} ${d.code} ${d.location.file}${d.location.pointer}: ${d.message}`) };
  }

  it('a server URL with credentials is refused there too, not published', () => {
    const doc = docOf({ plain: true, security: [{ bearer: [] }], servers: [{ url: 'https://user:s3cret@api.acme.test' }] });
    const { vendor, diagnostics } = plainOf({ doc });
    expect(diagnostics).toContain('error VMCP_SERVER_URL_UNSAFE plain.json/servers/0/url: servers[0].url holds a user name or password, which the package would publish in its README, server.json and start-up log');
    expect(vendor?.baseUrl ?? '').not.toContain('s3cret');
  });

  it('takes its slug from the command line and the rest from the document; its first security scheme', () => {
    const doc = docOf({ plain: true, security: [{}, { bearer: [] }], info: { title: ' Shop API ', description: 'Sells.\nMore.' } });
    expect(plainOf({ doc }).vendor).toStrictEqual({
      kind: 'vendor',
      listing: 'lean',
      vendorName: 'my-shop',
      slug: 'my-shop',
      title: 'Shop API',
      description: 'Sells.',
      envPrefix: 'MY_SHOP',
      baseUrl: 'https://api.acme.test',
      auth: { kind: 'bearer', env: 'MY_SHOP_TOKEN', source: { file: 'plain.json', pointer: '/components/securitySchemes/bearer' } },
      headers: {},
      source: { file: 'plain.json', pointer: '' },
      packageName: '@vendor-mcp/my-shop',
      binName: 'my-shop-mcp',
      baseUrlEnv: 'MY_SHOP_BASE_URL',
    });
  });

  it('without a title or servers: the slug and an empty base URL', () => {
    const doc = docOf({ plain: true, servers: null, info: { title: '' }, security: [{ bearer: [] }] });
    expect(plainOf({ doc }).vendor).toMatchObject({ title: 'my-shop', baseUrl: '' });
  });

  it('no security: no credentials, and a warning that says so', () => {
    const { vendor, diagnostics } = plainOf({ doc: docOf({ plain: true }) });
    expect(vendor!.auth).toStrictEqual({ kind: 'none', source: { file: 'plain.json', pointer: '' } });
    expect(diagnostics.filter((d) => d.includes('AUTH'))).toStrictEqual(['warning VMCP_PLAIN_SPEC_NO_AUTH plain.json: the document declares no security scheme, so the generated server sends no credentials']);
  });

  it('an unsupported first scheme is an error, and then no credentials', () => {
    const { vendor, diagnostics } = plainOf({ doc: docOf({ plain: true, schemes: { tls: { type: 'mutualTLS' } }, security: [{ tls: [] }] }) });
    expect(vendor!.auth).toStrictEqual({ kind: 'none', source: { file: 'plain.json', pointer: '' } });
    expect(diagnostics.filter((d) => d.includes('AUTH') || d.includes('SETTING'))).toStrictEqual([
      'error VMCP_VENDOR_SETTING_MISSING plain.json/components/securitySchemes/tls: security scheme "tls" of type mutualTLS is not supported',
      'warning VMCP_PLAIN_SPEC_NO_AUTH plain.json: the document declares no security scheme, so the generated server sends no credentials',
    ]);
  });

  it('an auth file adds its schemes beside the document\'s, which stays as published', () => {
    const auth: PlainAuthFile = { file: 'auth.yaml', securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } }, auth: { scheme: 'key', env: 'SHOP_KEY' } };
    const { vendor, diagnostics } = plainOf({ doc: docOf({ plain: true }), auth });
    expect(vendor!.auth).toStrictEqual({ kind: 'api-key', in: 'header', name: 'X-Key', env: 'SHOP_KEY', source: { file: 'auth.yaml', pointer: '/components/securitySchemes/key' } });
    expect(diagnostics.filter((d) => d.includes('AUTH'))).toStrictEqual([]);
    // The auth file may name a scheme the document already has.
    expect(plainOf({ doc: docOf({ plain: true }), auth: { file: 'auth.yaml', auth: { scheme: 'bearer', env: 'SHOP_TOKEN' } } }).vendor!.auth).toMatchObject({ kind: 'bearer', env: 'SHOP_TOKEN' });
  });

  it('an auth file whose auth block is wrong: errors in that file, and no credentials', () => {
    const { vendor, diagnostics } = plainOf({ doc: docOf({ plain: true }), auth: { file: 'auth.yaml', auth: { scheme: 'nope', env: 'SHOP_KEY' } } });
    expect(vendor!.auth).toStrictEqual({ kind: 'none', source: { file: 'auth.yaml', pointer: '' } });
    // The error already fails the build; no second word about the document's own schemes.
    expect(diagnostics.filter((d) => d.includes('AUTH') || d.includes('SETTING'))).toStrictEqual([
      'error VMCP_VENDOR_SETTING_MISSING auth.yaml/auth/scheme: auth.scheme "nope" is not in components.securitySchemes',
    ]);
  });

  it('a document without a root x-mcp and no slug is refused with the way out', () => {
    const parsed = parseDocumentText({ file: 'plain.json', text: JSON.stringify(docOf({ plain: true })) });
    if ('diagnostics' in parsed) throw new Error('fixture did not parse');
    expect(buildApi({ document: parsed.document }).diagnostics.map((d) => `${d.code}: ${d.message}`)).toStrictEqual([
      'VMCP_VENDOR_SETTING_MISSING: The document has no root x-mcp block; pass --vendor <slug> to generate from a plain OpenAPI file',
    ]);
  });
});

describe('settings the tests above leave out', () => {
  it.each<{ readonly name: string; readonly settings: Record<string, unknown>; readonly want: string }>([
    { name: 'a package name with a space', settings: { package: 'Acme Co' }, want: 'VMCP_NAME_INVALID /x-mcp/package: x-mcp.package "Acme Co" is refused: it contains whitespace or a shell metacharacter' },
    { name: 'an env prefix in lower case', settings: { envPrefix: 'acme-x' }, want: 'VMCP_NAME_INVALID /x-mcp/envPrefix: x-mcp.envPrefix "acme-x" is refused: it is not upper-case letters, digits and _, starting with a letter' },
    { name: 'a missing package is missing, not a bad name', settings: { package: undefined }, want: 'VMCP_VENDOR_SETTING_MISSING /x-mcp: x-mcp.package is required' },
    { name: 'an outputSchemaBudget of 0', settings: { outputSchemaBudget: 0 }, want: 'VMCP_MCP_EXTENSION_INVALID /x-mcp/outputSchemaBudget: x-mcp.outputSchemaBudget must be a positive integer (characters of compact JSON), not 0' },
    { name: 'icons that are not a list', settings: { icons: 'https://acme.test/i.png' }, want: 'VMCP_MCP_EXTENSION_INVALID /x-mcp/icons: icons must be a non-empty list of {src (https: or data:image/ URL), mimeType?, sizes?, theme?: light|dark}' },
  ])('$name is refused, not cleaned', ({ settings, want }) => {
    const { vendor, errors } = vendorOf({ settings });
    expect(errors).toStrictEqual([want]);
    expect(vendor === undefined).toBe(want.includes('package') || want.includes('envPrefix'));
  });

  it('an outputSchemaBudget, icons and prompts reach the VendorIR; an empty prompt list does not', () => {
    const prompt = { name: 'restock', description: 'Restock a thing.', text: 'Restock it.' };
    const { vendor, errors } = vendorOf({ settings: { outputSchemaBudget: 5, icons: [{ src: 'https://acme.test/i.png' }], prompts: [prompt] } });
    expect(errors).toStrictEqual([]);
    expect(vendor).toMatchObject({ outputSchemaBudget: { limit: 5, source: { file: 'acme.json', pointer: '/x-mcp/outputSchemaBudget' } }, icons: [{ src: 'https://acme.test/i.png' }], prompts: [{ name: 'restock' }] });
    const empty = vendorOf({ settings: { prompts: [] } });
    expect(empty.errors).toStrictEqual([]);
    expect(Object.keys(empty.vendor!)).not.toContain('prompts');
  });

  it('headers: only the string ones, exactly', () => {
    expect(vendorOf({ settings: { headers: { 'X-Version': '2', 'X-Count': 3, 'X-Flag': true } } }).vendor!.headers).toStrictEqual({ 'X-Version': '2' });
  });

  it.each([['one bad version among good ones', { '2.0.0': 'Why.', '2.1': 'Why.' }], ['a version with a prefix', { 'v2.0.0': 'Why.' }]])('release notes: %s is refused', (_name, releaseNotes) => {
    expect(vendorOf({ settings: { releaseNotes } }).errors).toStrictEqual(['VMCP_MCP_EXTENSION_INVALID /x-mcp/releaseNotes: x-mcp.releaseNotes maps a version (1.2.3) to a non-empty sentence saying why it changed']);
  });

  it.each([['no components', undefined], ['components without security schemes', {}]])('%s: the auth scheme is missing, not a crash', (_name, components) => {
    const doc = { ...docOf({}), components };
    const { diagnostics } = buildFromText({ text: JSON.stringify(doc), file: 'acme.json' });
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.location.pointer}: ${d.message}`)).toStrictEqual([
      'VMCP_VENDOR_SETTING_MISSING /x-mcp/auth/scheme: auth.scheme "bearer" is not in components.securitySchemes',
    ]);
  });
});

describe('a plain OpenAPI file: which security requirement counts', () => {
  function plainDiagnostics(doc: Record<string, unknown>) {
    const parsed = parseDocumentText({ file: 'plain.json', text: JSON.stringify(doc) });
    if ('diagnostics' in parsed) throw new Error('fixture did not parse');
    const { api, diagnostics } = buildApi({ document: parsed.document, plain: { slug: 'shop' } });
    return { auth: api?.vendor.auth, diagnostics: diagnostics.filter((d) => d.code.includes('AUTH') || d.code.includes('SETTING')).map((d) => `${d.severity} ${d.code} ${d.location.pointer}: ${d.message}`) };
  }
  const NO_AUTH = 'warning VMCP_PLAIN_SPEC_NO_AUTH : the document declares no security scheme, so the generated server sends no credentials';

  it('a documented scheme: its credentials and no warning', () => {
    expect(plainDiagnostics(docOf({ plain: true, security: [{ bearer: [] }] }))).toStrictEqual({ auth: { kind: 'bearer', env: 'SHOP_TOKEN', source: { file: 'plain.json', pointer: '/components/securitySchemes/bearer' } }, diagnostics: [] });
  });

  it.each([['no security', undefined], ['a requirement that is not an object', ['bearer']]])('%s: only the warning', (_name, security) => {
    expect(plainDiagnostics(docOf({ plain: true, ...(security === undefined ? {} : { security }) })).diagnostics).toStrictEqual([NO_AUTH]);
  });

  it('a requirement naming a scheme the document lacks points at /security', () => {
    expect(plainDiagnostics(docOf({ plain: true, security: [{ missing: [] }] })).diagnostics).toStrictEqual([
      'error VMCP_VENDOR_SETTING_MISSING /security: auth.scheme "missing" is not in components.securitySchemes',
      NO_AUTH,
    ]);
  });
});

import type { OAuthClientProvider } from '@modelcontextprotocol/client';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import Provider, { errors } from 'oidc-provider';

/**
 * A certified OpenID provider (`oidc-provider`) on 127.0.0.1, configured as an MCP client meets
 * one in the field: discovery, dynamic client registration, authorization code with PKCE, resource
 * indicators (RFC 8707) that make JWT access tokens for exactly one resource. Login and consent are
 * automated: the interaction page grants every requested scope for one test user.
 */
export type AuthorizationServer = {
  readonly issuer: string;
  /** Signs a token with the provider's own key, for probes the provider would never issue. */
  sign(payload: JWTPayload): Promise<string>;
  /** Which interaction pages the "user" saw, in order (login, consent). */
  readonly interactions: string[];
  close(): Promise<void>;
};

const ACCOUNT = 'user-1';

async function signingKey(): Promise<{ readonly jwk: JWK; readonly privateKey: CryptoKey }> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { jwk: { ...(await exportJWK(privateKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' }, privateKey };
}

export async function startAuthorizationServer(input: { readonly resource: string; readonly scopes: readonly string[] }): Promise<AuthorizationServer> {
  const key = await signingKey();
  const interactions: string[] = [];
  let provider: Provider | undefined;
  const server = createServer((req, res) => void route({ req, res }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  provider = new Provider(issuer, {
    clients: [],
    jwks: { keys: [key.jwk] },
    scopes: ['openid', ...input.scopes],
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => input.resource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, indicator) => {
          if (indicator !== input.resource) throw new errors.InvalidTarget();
          return { scope: input.scopes.join(' '), audience: input.resource, accessTokenFormat: 'jwt', accessTokenTTL: 600, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });

  /** The "user": logs in as ACCOUNT, then consents to whatever was asked for this resource. */
  async function interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider!.interactionDetails(req, res);
    interactions.push(details.prompt.name);
    if (details.prompt.name === 'login') {
      await provider!.interactionFinished(req, res, { login: { accountId: ACCOUNT } }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = new provider!.Grant({ accountId: ACCOUNT, clientId: String(details.params['client_id']) });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    await provider!.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }

  async function route(exchange: { readonly req: IncomingMessage; readonly res: ServerResponse }): Promise<void> {
    const { req, res } = exchange;
    try {
      if ((req.url ?? '').startsWith('/interaction/')) return await interact(req, res);
      provider!.callback()(req, res);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  }

  return {
    issuer,
    interactions,
    sign: (payload) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: key.jwk.kid!, typ: 'at+jwt' }).sign(key.privateKey),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * What a browser does with the authorization URL: follow redirects, keeping cookies, until the
 * provider redirects to the client's redirect URI; returns that callback's parameters (`code`,
 * `iss` for RFC 9207, `state`).
 */
export async function browse(input: { readonly authorizationUrl: URL; readonly redirectUri: string }): Promise<URLSearchParams> {
  const cookies = new Map<string, string>();
  let url = input.authorizationUrl.toString();
  for (let hop = 0; hop < 12; hop += 1) {
    if (url.startsWith(input.redirectUri)) {
      const parsed = new URL(url);
      const code = parsed.searchParams.get('code');
      if (code === null) throw new Error(`the provider refused: ${parsed.searchParams.get('error')}: ${parsed.searchParams.get('error_description')}`);
      return parsed.searchParams;
    }
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    if (location === null) throw new Error(`no redirect from ${url}: ${response.status} ${(await response.text()).slice(0, 300)}`);
    url = new URL(location, url).toString();
  }
  throw new Error('too many redirects');
}

/** Everything an OAuth client keeps, in memory; the "browser" step is `browse`. `onTokens` sees each access token. */
export class MemoryOAuthClient implements OAuthClientProvider {
  information: Parameters<NonNullable<OAuthClientProvider['saveClientInformation']>>[0] | undefined;
  saved: Parameters<OAuthClientProvider['saveTokens']>[0] | undefined;
  verifier = '';
  authorizationUrl: URL | undefined;
  constructor(private readonly input: { readonly redirectUri: string; readonly onTokens?: (accessToken: string) => void }) {}
  get redirectUrl() {
    return this.input.redirectUri;
  }
  get clientMetadata() {
    return { client_name: 'vendor-mcp oauth e2e', redirect_uris: [this.input.redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'none' };
  }
  clientInformation() {
    return this.information;
  }
  saveClientInformation(information: NonNullable<MemoryOAuthClient['information']>) {
    this.information = information;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: NonNullable<MemoryOAuthClient['saved']>) {
    this.saved = tokens;
    this.input.onTokens?.(tokens.access_token);
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

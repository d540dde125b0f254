import { missingGrantVariables, type ClientCredentialsGrant, type TokenSource } from './oauth-client-credentials.ts';
import type { Env } from './env.ts';
import type { AuthDefinition } from './vendor-definition.ts';

export type Credentials = {
  readonly headers: Readonly<Record<string, string>>;
  readonly query: readonly string[];
  /**
   * Raw secret values, so logs and error texts can redact them. Live: a token source adds each
   * access token it obtains.
   */
  readonly secrets: string[];
  /** Set when tokens come from an OAuth grant instead of a fixed value. */
  readonly tokenSource?: TokenSource;
};

/** Credentials still to be completed with a token source for `grant`. */
export type ResolvedCredentials = Credentials & { readonly grant?: ClientCredentialsGrant };

/** Vendor credentials come only from the server's environment, never from the MCP client. */
export function resolveCredentials(input: { readonly auth: AuthDefinition; readonly env: Env }): ResolvedCredentials | { readonly missing: string } {
  const { auth, env } = input;
  if (auth.kind === 'none') return { headers: {}, query: [], secrets: [] };
  const secret = env[auth.env]?.trim();
  if (secret === undefined || secret === '') {
    const grant = auth.kind === 'bearer' ? auth.clientCredentials : undefined;
    if (grant === undefined) return { missing: auth.env };
    const lacking = missingGrantVariables({ grant, env });
    if (lacking.length === 0) return { headers: {}, query: [], secrets: [], grant };
    return { missing: `${auth.env}, or all of ${Object.values(grant.fields).join(', ')} (missing: ${lacking.join(', ')})` };
  }
  switch (auth.kind) {
    case 'bearer':
      return { headers: { Authorization: `Bearer ${secret}` }, query: [], secrets: [secret] };
    case 'basic': {
      const encoded = Buffer.from(secret).toString('base64');
      return { headers: { Authorization: `Basic ${encoded}` }, query: [], secrets: [secret, encoded] };
    }
    case 'api-key':
      return auth.in === 'header'
        ? { headers: { [auth.name]: secret }, query: [], secrets: [secret] }
        : { headers: {}, query: [`${encodeURIComponent(auth.name)}=${encodeURIComponent(secret)}`], secrets: [secret, encodeURIComponent(secret)] };
  }
}

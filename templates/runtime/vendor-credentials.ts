import type { AuthDefinition } from './vendor-definition.ts';

export type Credentials = {
  readonly headers: Readonly<Record<string, string>>;
  readonly query: readonly string[];
  /** Raw secret values, so logs and error texts can redact them. */
  readonly secrets: readonly string[];
};

export type Env = Readonly<Record<string, string | undefined>>;

/** Vendor credentials come only from the server's environment, never from the MCP client. */
export function resolveCredentials(input: { readonly auth: AuthDefinition; readonly env: Env }): Credentials | { readonly missing: readonly string[] } {
  const { auth, env } = input;
  if (auth.kind === 'none') return { headers: {}, query: [], secrets: [] };
  const secret = env[auth.env]?.trim();
  if (secret === undefined || secret === '') return { missing: [auth.env] };
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

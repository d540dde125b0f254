import type { ErrorEnvelope } from './error-envelope.ts';
import type { Icon } from '@modelcontextprotocol/server';
import type { ClientCredentialsGrant } from './oauth-client-credentials.ts';
import type { PromptDefinition } from './prompts.ts';

export type AuthDefinition =
  /** A token from `env`; without one, the client-credentials grant (when declared) fetches tokens. */
  | { readonly kind: 'bearer'; readonly env: string; readonly clientCredentials?: ClientCredentialsGrant }
  | { readonly kind: 'api-key'; readonly in: 'header' | 'query'; readonly name: string; readonly env: string }
  | { readonly kind: 'basic'; readonly env: string }
  | { readonly kind: 'none' };

/** Everything about the vendor that is not a tool, as generated data. */
export type VendorDefinition = {
  readonly packageName: string;
  readonly version: string;
  readonly title: string;
  readonly binName: string;
  /** Environment variable that overrides `baseUrl`. */
  readonly baseUrlEnv: string;
  readonly baseUrl: string;
  readonly envPrefix: string;
  readonly auth: AuthDefinition;
  /** Sent with every request (e.g. a version `Accept` header). */
  readonly headers: Readonly<Record<string, string>>;
  /** How the vendor's error bodies read; absent for plain OpenAPI input (common guesses then). */
  readonly errors?: ErrorEnvelope;
  /** The server's icon(s), where the doc gives one. */
  readonly icons?: readonly Icon[];
  /** Workflow prompts declared in the doc (`prompts/list`, `prompts/get`). */
  readonly prompts?: readonly PromptDefinition[];
};

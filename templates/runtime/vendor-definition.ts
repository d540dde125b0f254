export type AuthDefinition =
  | { readonly kind: 'bearer'; readonly env: string }
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
};

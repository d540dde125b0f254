import { issueToken, maxLifetimeDaysFrom, MIN_LIFETIME_SECONDS, secretProblem, TOKEN_NAME_PATTERN } from './access-token.ts';
import { parseFlags, type ParsedFlags } from './command-line.ts';
import { urlProblem } from './oauth-resource.ts';
import { SCOPE_FLAGS, scopeFromFlags } from './server-options.ts';
import type { ToolDefinition } from './tool-definition.ts';
import { emptyScopeReason, toolsInScope, unknownScopeNames } from './tool-scope.ts';
import type { Env } from './env.ts';
import type { VendorDefinition } from './vendor-definition.ts';

export type CommandOutcome = { readonly code: number; readonly stdout: string; readonly stderr: string };

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const UNIT_SECONDS: Readonly<Record<string, number>> = { m: 60, h: 3_600, d: 86_400 };

/** Unix seconds of `--expires-at <ISO time>` or `--expires-in <N>m|h|d`; exactly one is required. */
function expiryFrom(input: { readonly flags: ParsedFlags; readonly now: number; readonly maxDays: number }): number | { readonly error: string } {
  const at = input.flags.values.get('--expires-at');
  const within = input.flags.values.get('--expires-in');
  if (at !== undefined && within !== undefined) return { error: 'Give --expires-at or --expires-in, not both.' };
  if (at === undefined && within === undefined) return { error: '--expires-in (e.g. 30d) or --expires-at is required: every token expires.' };
  let ms: number;
  if (within !== undefined) {
    const match = /^(\d{1,6})([mhd])$/.exec(within);
    if (match === null) return { error: `--expires-in must be a whole number of minutes, hours or days, e.g. 90m, 12h or 30d (got ${JSON.stringify(within)}).` };
    ms = input.now + Number(match[1]) * UNIT_SECONDS[match[2]!]! * 1000;
  } else {
    ms = Date.parse(at!);
    if (!ISO_WITH_ZONE.test(at!) || Number.isNaN(ms)) return { error: `--expires-at must be an ISO 8601 time with a zone, e.g. 2030-01-31T00:00:00Z (got ${JSON.stringify(at)}).` };
  }
  if (ms < input.now + MIN_LIFETIME_SECONDS * 1000) return { error: `The token must live at least ${MIN_LIFETIME_SECONDS} s (it would expire ${new Date(ms).toISOString()}).` };
  if (ms > input.now + input.maxDays * 86_400_000) return { error: `The token may live at most ${input.maxDays} days (MCP_TOKEN_MAX_LIFETIME_DAYS); it would expire ${new Date(ms).toISOString()}.` };
  return Math.floor(ms / 1000);
}

const fail = (message: string): CommandOutcome => ({ code: 2, stdout: '', stderr: `${message}\n` });

const USAGE_LINE = '--expires-in <N>m|h|d | --expires-at <ISO time> [--name NAME] [--url <public base URL>] [--methods …] [--tags …] [--tools …] [--read-only]';

/**
 * `<bin> token create …`: prints one signed JWT on stdout (or, with `--url`, the URL that carries
 * it, for clients that take only a URL) and what it grants on stderr.
 */
export async function runTokenCommand(input: { readonly vendor: VendorDefinition; readonly tools: readonly ToolDefinition[]; readonly argv: readonly string[]; readonly env: Env; readonly now: number }): Promise<CommandOutcome> {
  const [verb, ...rest] = input.argv;
  if (verb !== 'create') return fail(`Unknown token command ${JSON.stringify(verb ?? '')}; use: ${input.vendor.binName} token create ${USAGE_LINE}`);
  const flags = parseFlags({ argv: rest, flags: { ...SCOPE_FLAGS, '--expires-at': 'value', '--expires-in': 'value', '--name': 'value', '--url': 'value' } });
  if ('error' in flags) return fail(flags.error);
  const secret = input.env['MCP_TOKEN_SECRET'];
  const problem = secretProblem(secret);
  if (problem !== undefined) return fail(`${problem} The server that accepts the token needs the same secret.`);
  const maxDays = maxLifetimeDaysFrom(input.env['MCP_TOKEN_MAX_LIFETIME_DAYS']);
  if (typeof maxDays !== 'number') return fail(maxDays.error);
  const exp = expiryFrom({ flags, now: input.now, maxDays });
  if (typeof exp !== 'number') return fail(exp.error);
  const name = flags.values.get('--name') ?? 'unnamed';
  if (!TOKEN_NAME_PATTERN.test(name)) return fail(`--name must be 1 to 64 characters of A-Z a-z 0-9 space . _ @ : + - (got ${JSON.stringify(name)}).`);
  const base = flags.values.get('--url')?.replace(/\/+$/, '');
  const badUrl = base === undefined ? undefined : urlProblem({ flag: '--url', value: base });
  if (badUrl !== undefined) return fail(badUrl);
  const scope = scopeFromFlags(flags);
  if ('error' in scope) return fail(scope.error);
  const unknown = unknownScopeNames({ tools: input.tools, scope });
  if (unknown.length > 0) return fail(`The token scope names things this package does not have: ${unknown.join('; ')}.`);
  const granted = toolsInScope({ tools: input.tools, scopes: [scope] });
  if (granted.length === 0) return fail(emptyScopeReason({ tools: input.tools, scopes: [{ scope, label: '--' }] }));
  const token = await issueToken({ secret: secret!, claims: { aud: input.vendor.packageName, name, iat: Math.floor(input.now / 1000), exp, scope } });
  const summary = `Token ${JSON.stringify(name)} for ${input.vendor.packageName}, expires ${new Date(exp * 1000).toISOString()}, grants ${granted.length} of ${input.tools.length} tools (further narrowed by the server's own flags).`;
  const url = base === undefined ? '' : `\nPaste this URL as the server URL; it is the credential (the server needs --token-in-url). Keep it secret.`;
  return { code: 0, stdout: `${base === undefined ? token : `${base.endsWith('/mcp') ? base : `${base}/mcp`}/${token}`}\n`, stderr: `${summary}${url}\n` };
}

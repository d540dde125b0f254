import { issueToken, MIN_LIFETIME_SECONDS, secretProblem } from './access-token.ts';
import { parseFlags } from './command-line.ts';
import { SCOPE_FLAGS, scopeFromFlags } from './server-options.ts';
import type { ToolDefinition } from './tool-definition.ts';
import { emptyScopeReason, toolsInScope, unknownScopeNames } from './tool-scope.ts';
import type { Env } from './env.ts';
import type { VendorDefinition } from './vendor-definition.ts';

export type CommandOutcome = { readonly code: number; readonly stdout: string; readonly stderr: string };

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function expiryFrom(input: { readonly raw: string | undefined; readonly now: number }): number | { readonly error: string } {
  if (input.raw === undefined) return { error: '--expires-at is required: every token expires (e.g. --expires-at 2030-01-31T00:00:00Z).' };
  const at = Date.parse(input.raw);
  if (!ISO_WITH_ZONE.test(input.raw) || Number.isNaN(at)) return { error: `--expires-at must be an ISO 8601 time with a zone, e.g. 2030-01-31T00:00:00Z (got ${JSON.stringify(input.raw)}).` };
  if (at < input.now + MIN_LIFETIME_SECONDS * 1000) return { error: `--expires-at must be at least ${MIN_LIFETIME_SECONDS} s in the future (got ${new Date(at).toISOString()}).` };
  return Math.floor(at / 1000);
}

const fail = (message: string): CommandOutcome => ({ code: 2, stdout: '', stderr: `${message}\n` });

/** `<bin> token create …`: prints one signed token on stdout and what it grants on stderr. */
export function runTokenCommand(input: { readonly vendor: VendorDefinition; readonly tools: readonly ToolDefinition[]; readonly argv: readonly string[]; readonly env: Env; readonly now: number }): CommandOutcome {
  const [verb, ...rest] = input.argv;
  if (verb !== 'create') return fail(`Unknown token command ${JSON.stringify(verb ?? '')}; use: ${input.vendor.binName} token create --expires-at <ISO time> [--name NAME] [--methods …] [--tags …] [--tools …] [--read-only]`);
  const flags = parseFlags({ argv: rest, flags: { ...SCOPE_FLAGS, '--expires-at': 'value', '--name': 'value' } });
  if ('error' in flags) return fail(flags.error);
  const secret = input.env['MCP_TOKEN_SECRET'];
  const problem = secretProblem(secret);
  if (problem !== undefined) return fail(`${problem} The server that accepts the token needs the same secret.`);
  const exp = expiryFrom({ raw: flags.values.get('--expires-at'), now: input.now });
  if (typeof exp !== 'number') return fail(exp.error);
  const scope = scopeFromFlags(flags);
  if ('error' in scope) return fail(scope.error);
  const unknown = unknownScopeNames({ tools: input.tools, scope });
  if (unknown.length > 0) return fail(`The token scope names things this package does not have: ${unknown.join('; ')}.`);
  const granted = toolsInScope({ tools: input.tools, scopes: [scope] });
  if (granted.length === 0) return fail(emptyScopeReason({ tools: input.tools, scopes: [{ scope, label: '--' }] }));
  const name = flags.values.get('--name') ?? 'unnamed';
  const token = issueToken({ secret: secret!, claims: { aud: input.vendor.packageName, name, iat: Math.floor(input.now / 1000), exp, scope } });
  const summary = `Token ${JSON.stringify(name)} for ${input.vendor.packageName}, expires ${new Date(exp * 1000).toISOString()}, grants ${granted.length} of ${input.tools.length} tools (further narrowed by the server's own flags).`;
  return { code: 0, stdout: `${token}\n`, stderr: `${summary}\n` };
}

import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { RuntimeConfig } from './call-tool.ts';
import { ANONYMOUS, authSettingsFrom, type AuthSettings, type Principal } from './bearer-auth.ts';
import { createServer } from './create-server.ts';
import { createInvocationLimiter } from './invocation-limit.ts';
import { createLogger, type Logger } from './logger.ts';
import { runtimeConfigFrom } from './runtime-config.ts';
import { serveHttp } from './serve-http.ts';
import { parseServerOptions, resolveToolsMode, USAGE, type ServeOptions } from './server-options.ts';
import { runTokenCommand } from './token-command.ts';
import type { ToolDefinition } from './tool-definition.ts';
import { emptyScopeReason, toolsInScope, unknownScopeNames } from './tool-scope.ts';
import type { Env } from './env.ts';
import type { VendorDefinition } from './vendor-definition.ts';

type MainInput = { readonly vendor: VendorDefinition; readonly tools: readonly ToolDefinition[]; readonly argv: readonly string[]; readonly env: Env };

function cannotStart(input: { readonly vendor: VendorDefinition; readonly errors: readonly string[] }): number {
  process.stderr.write(`${input.vendor.binName}: cannot start.\n${input.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  return 1;
}

/** The server's own flags narrow the package; a scope naming unknown things or leaving nothing is refused. */
function serverTools(input: { readonly tools: readonly ToolDefinition[]; readonly options: ServeOptions }): readonly ToolDefinition[] | { readonly errors: readonly string[] } {
  const unknown = unknownScopeNames({ tools: input.tools, scope: input.options.scope });
  if (unknown.length > 0) return { errors: unknown.map((u) => `Scope flags: ${u}.`) };
  const tools = toolsInScope({ tools: input.tools, scopes: [input.options.scope] });
  if (tools.length === 0) return { errors: [emptyScopeReason({ tools: input.tools, scopes: [{ scope: input.options.scope, label: '--' }] })] };
  return tools;
}

function serve(input: { readonly vendor: VendorDefinition; readonly tools: readonly ToolDefinition[]; readonly options: ServeOptions; readonly config: RuntimeConfig; readonly auth: AuthSettings; readonly log: Logger }): void {
  const { options, config, log } = input;
  const limiter = createInvocationLimiter({ perMinute: options.callsPerMinute });
  const toolsFor = (principal: Principal) => toolsInScope({ tools: input.tools, scopes: [principal.scope] });
  const admit = (principal: Principal) => () => {
    const admission = limiter.admit({ key: principal.id, now: Date.now() });
    if (!admission.allowed) log('invocation_limited', { token: principal.name, retryAfterSeconds: admission.retryAfterSeconds });
    return admission;
  };
  const serverFor = (principal: Principal) => {
    const tools = toolsFor(principal);
    return createServer({ tools, config, toolsMode: resolveToolsMode({ asked: options.toolsMode, tools: tools.length }), admit: admit(principal) });
  };
  const started = { server: input.vendor.packageName, version: input.vendor.version, tools: input.tools.length, toolsMode: resolveToolsMode({ asked: options.toolsMode, tools: input.tools.length }), baseUrl: config.baseUrl };
  if (options.http === undefined) {
    serveStdio(() => serverFor(ANONYMOUS), { onerror: (error) => log('transport_error', { message: error.message }) });
    log('started', { ...started, transport: 'stdio' });
    return;
  }
  if (input.auth.mode === 'none') log('warning', { message: 'Serving HTTP WITHOUT authentication (--no-auth): anyone who can reach this port can call every tool in scope.' });
  serveHttp({ options: options.http, auth: input.auth, grants: (p) => toolsFor(p).length > 0, serverFor, health: { server: input.vendor.packageName, version: input.vendor.version }, log }).then(
    (serving) => log('started', { ...started, transport: 'http', url: serving.url, auth: input.auth.mode }),
    (error: Error) => {
      log('cannot_listen', { message: error.message });
      process.exitCode = 1;
    },
  );
}

/** Entry point of every generated package's `bin`. Returns the process exit code for early exits. */
export function main(input: MainInput): number | undefined {
  // Anything printed to stdout would corrupt the stdio protocol stream.
  console.log = console.error;
  if (input.argv[0] === 'token') {
    const outcome = runTokenCommand({ ...input, argv: input.argv.slice(1), now: Date.now() });
    process.stdout.write(outcome.stdout);
    process.stderr.write(outcome.stderr);
    return outcome.code;
  }
  const usage = USAGE.replaceAll('<bin>', input.vendor.binName);
  const options = parseServerOptions(input.argv);
  if ('help' in options) {
    process.stderr.write(`${usage}\n`);
    return 0;
  }
  if ('version' in options) {
    process.stderr.write(`${input.vendor.packageName} ${input.vendor.version}\n`);
    return 0;
  }
  if ('error' in options) {
    process.stderr.write(`${options.error}\n\n${usage}\n`);
    return 2;
  }
  const config = runtimeConfigFrom({ vendor: input.vendor, env: input.env });
  const tools = serverTools({ tools: input.tools, options });
  const auth: AuthSettings | { readonly errors: readonly string[] } =
    options.http === undefined ? { mode: 'none' } : authSettingsFrom({ env: input.env, noAuth: options.http.noAuth, audience: input.vendor.packageName });
  const errors = [config, tools, auth].flatMap((part) => ('errors' in part ? part.errors : []));
  if ('errors' in config || 'errors' in tools || 'errors' in auth) return cannotStart({ vendor: input.vendor, errors });
  const log = createLogger({ secrets: [...config.credentials.secrets, ...(auth.mode === 'bearer' ? [...auth.staticTokens, ...(auth.secret ? [auth.secret] : [])] : [])] });
  serve({ vendor: input.vendor, tools, options, config, auth, log });
  return undefined;
}

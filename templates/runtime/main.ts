import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { createServer } from './create-server.ts';
import { createLogger } from './logger.ts';
import { runtimeConfigFrom } from './runtime-config.ts';
import { parseServerOptions, USAGE } from './server-options.ts';
import type { ToolDefinition } from './tool-definition.ts';
import type { Env } from './vendor-credentials.ts';
import type { VendorDefinition } from './vendor-definition.ts';

/** Entry point of every generated package's `bin`. Returns the process exit code for early exits. */
export function main(input: { readonly vendor: VendorDefinition; readonly tools: readonly ToolDefinition[]; readonly argv: readonly string[]; readonly env: Env }): number | undefined {
  // Anything printed to stdout would corrupt the stdio protocol stream.
  console.log = console.error;
  const options = parseServerOptions(input.argv);
  if ('help' in options) {
    process.stderr.write(`${USAGE.replace('<bin>', input.vendor.binName)}\n`);
    return 0;
  }
  if ('version' in options) {
    process.stderr.write(`${input.vendor.packageName} ${input.vendor.version}\n`);
    return 0;
  }
  if ('error' in options) {
    process.stderr.write(`${options.error}\n\n${USAGE.replace('<bin>', input.vendor.binName)}\n`);
    return 2;
  }
  const config = runtimeConfigFrom({ vendor: input.vendor, env: input.env });
  if ('errors' in config) {
    process.stderr.write(`${input.vendor.binName}: cannot start.\n${config.errors.map((e) => `  - ${e}`).join('\n')}\n`);
    return 1;
  }
  const log = createLogger({ secrets: config.credentials.secrets });
  serveStdio(() => createServer({ tools: input.tools, config }), { onerror: (error) => log('transport_error', { message: error.message }) });
  log('started', { server: input.vendor.packageName, version: input.vendor.version, transport: 'stdio', tools: input.tools.length, baseUrl: config.baseUrl });
  return undefined;
}

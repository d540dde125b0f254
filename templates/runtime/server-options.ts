export type ServerOptions = { readonly transport: 'stdio' } | { readonly help: true } | { readonly version: true } | { readonly error: string };

export const USAGE = `Usage: <bin> [--transport stdio] [--help] [--version]

Starts the MCP server on stdio. Configuration comes from the environment (see README.md).`;

/** Parses the command line; unknown flags are errors, because a typo must not silently widen access. */
export function parseServerOptions(argv: readonly string[]): ServerOptions {
  let transport = 'stdio';
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--version') return { version: true };
    if (arg === '--transport') transport = argv[++index] ?? '';
    else if (arg.startsWith('--transport=')) transport = arg.slice('--transport='.length);
    else return { error: `Unknown argument ${JSON.stringify(arg)}.` };
  }
  if (transport !== 'stdio') return { error: `Unsupported transport ${JSON.stringify(transport)}; use stdio.` };
  return { transport: 'stdio' };
}

import { build, type Plugin } from 'esbuild';

/**
 * One esbuild bundle run with plain `node`: the same packaging for every peer ("bundled" in
 * peer-bench.md), so start-up compares generated code, not loaders such as tsx.
 */

/** kubb imports `@modelcontextprotocol/sdk/server/mcp` without `.js`; the SDK's exports map needs it. */
const sdkExtension: Plugin = {
  name: 'sdk-subpath-extension',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@modelcontextprotocol\/sdk\// }, (args) => (args.path.endsWith('.js') ? undefined : pluginBuild.resolve(`${args.path}.js`, { kind: args.kind, resolveDir: args.resolveDir })));
  },
};

const REQUIRE_SHIM = "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);";

export async function bundleServer(input: { readonly entry: string; readonly outfile: string }): Promise<{ readonly ok: true } | { readonly ok: false; readonly error: string }> {
  try {
    await build({
      entryPoints: [input.entry],
      outfile: input.outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      minify: true,
      banner: { js: REQUIRE_SHIM },
      plugins: [sdkExtension],
      logLevel: 'silent',
    });
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message.split('\n').slice(0, 3).join(' ') };
  }
}

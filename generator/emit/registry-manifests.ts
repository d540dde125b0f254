import { BIN_FILE, registryNameFor } from '../ir/naming.ts';
import { surfaceOf } from '../ir/tool-surface.ts';
import { PLACEHOLDER } from '../ir/from-openapi/prompt-settings.ts';
import type { ApiIR, IconIR, PromptIR } from '../ir/types.ts';
import { firstSentence, packageEnv, shortDescription } from '../plan/package-view.ts';

export const SERVER_SCHEMA = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';
export const BUNDLE_MANIFEST_VERSION = '0.3';

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The provenance sits in `_meta`, first: both formats refuse unknown top-level keys. */
function withMeta(input: { readonly meta: Record<string, unknown>; readonly body: Record<string, unknown> }): string {
  return `${JSON.stringify({ _meta: input.meta, ...input.body }, null, 2)}\n`;
}

/** Bundle prompts write an argument as `${arguments.name}` (MCPB MANIFEST.md), not `{{name}}`. */
function bundlePrompt(prompt: PromptIR) {
  const text = prompt.text.replace(PLACEHOLDER, (_match, name: string) => `\${arguments.${name}}`);
  return { name: prompt.name, description: prompt.description, arguments: prompt.arguments.map((arg) => arg.name), text };
}

/** MCPB icons need a `WxH` size; only sized doc icons qualify. */
function bundleIcons(icons: readonly IconIR[]) {
  return icons.flatMap((icon) => (icon.sizes?.[0] !== undefined && /^\d+x\d+$/.test(icon.sizes[0]) ? [{ src: icon.src, size: icon.sizes[0], ...(icon.theme ? { theme: icon.theme } : {}) }] : []));
}

/** `server.json` for the official MCP Registry: the npm package, stdio, and every variable it reads. */
export function serverJson(input: { readonly api: ApiIR; readonly version: string; readonly provenance: string }): string {
  const { api, version } = input;
  const meta = { 'io.modelcontextprotocol.registry/publisher-provided': { generated: input.provenance } };
  return withMeta({
    meta,
    body: {
      $schema: SERVER_SCHEMA,
      name: registryNameFor(api.vendor.slug),
      title: api.vendor.title,
      description: clip(shortDescription(api), 100),
      version,
      ...(api.vendor.icons ? { icons: api.vendor.icons } : {}),
      packages: [
        {
          registryType: 'npm',
          registryBaseUrl: 'https://registry.npmjs.org',
          identifier: api.vendor.packageName,
          version,
          runtimeHint: 'npx',
          transport: { type: 'stdio' },
          environmentVariables: packageEnv(api).map((env) => ({ name: env.name, description: env.description, isRequired: env.required, isSecret: env.secret, format: 'string' })),
        },
      ],
    },
  });
}

/** `user_config` keys are the variable names in lower case (`${user_config.malomo_api_key}`). */
const configKey = (name: string): string => name.toLowerCase();

/**
 * `manifest.json` for an MCP Bundle (`.mcpb`): Claude Desktop asks the user for each credential
 * (stored as sensitive) and passes it in the environment. Optional settings keep their defaults.
 */
export function bundleManifest(input: { readonly api: ApiIR; readonly version: string; readonly provenance: string }): string {
  const { api, version } = input;
  const credentials = packageEnv(api).filter((env) => env.credential || env.required);
  const meta = { 'dev.vendor-mcp': { generated: input.provenance } };
  return withMeta({
    meta,
    body: {
      manifest_version: BUNDLE_MANIFEST_VERSION,
      name: api.vendor.binName,
      display_name: api.vendor.title,
      version,
      description: shortDescription(api),
      author: { name: 'vendor-mcp' },
      license: 'MIT',
      keywords: ['mcp', api.vendor.slug],
      server: {
        type: 'node',
        entry_point: BIN_FILE,
        mcp_config: { command: 'node', args: [`\${__dirname}/${BIN_FILE}`], env: Object.fromEntries(credentials.map((env) => [env.name, `\${user_config.${configKey(env.name)}}`])) },
      },
      ...(api.vendor.icons && bundleIcons(api.vendor.icons).length > 0 ? { icons: bundleIcons(api.vendor.icons) } : {}),
      // Every tool the server lists, the families' schema tools included, in tools.json's order.
      tools: surfaceOf(api).map((tool) => ({ name: tool.name, description: firstSentence(tool.description) })),
      ...(api.vendor.prompts ? { prompts: api.vendor.prompts.map(bundlePrompt) } : {}),
      compatibility: { platforms: ['darwin', 'win32', 'linux'], runtimes: { node: '>=20' } },
      user_config: Object.fromEntries(credentials.map((env) => [configKey(env.name), { type: 'string', title: env.name, description: env.description, sensitive: env.secret, required: env.required }])),
    },
  });
}

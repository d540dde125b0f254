import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Template } from './template.ts';
import { compiledTemplates } from './template-cache.ts';

/** Everything besides the spec that the pure stages need: runtime sources, templates, versions. */
export type GeneratorAssets = {
  readonly generatorVersion: string;
  /** Exact versions of the runtime dependencies each generated package declares. */
  readonly dependencyVersions: Readonly<Record<string, string>>;
  readonly runtimeFiles: readonly { readonly name: string; readonly text: string }[];
  /** templates/package/*.hbs by name (without .hbs), compiled (through `.cache/templates/`, see template-cache.ts). */
  readonly templates: Readonly<Record<string, Template>>;
};

/** jose verifies tokens; ioredis and rate-limiter-flexible serve the shared invocation limit (outside the bin bundle, loaded only when Redis is configured). */
const RUNTIME_DEPENDENCIES = ['@modelcontextprotocol/server', 'ioredis', 'jose', 'rate-limiter-flexible', 'zod'] as const;
/** esbuild bundles the bin: one file loads far faster than the SDK's module graph. */
const DEV_DEPENDENCIES = ['typescript', '@types/node', 'esbuild'] as const;

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function pickVersions(manifest: Record<string, unknown>): Record<string, string> {
  const all = { ...(manifest['devDependencies'] as object), ...(manifest['dependencies'] as object) } as Record<string, string>;
  const versions: Record<string, string> = {};
  for (const name of [...RUNTIME_DEPENDENCIES, ...DEV_DEPENDENCIES]) {
    const version = all[name];
    if (version === undefined) throw new Error(`package.json does not pin ${name}`);
    versions[name] = version;
  }
  return versions;
}

export function readAssets(root: string): GeneratorAssets {
  const manifest = readJson(path.join(root, 'package.json'));
  const runtimeDir = path.join(root, 'templates', 'runtime');
  const packageDir = path.join(root, 'templates', 'package');
  const runtimeFiles = readdirSync(runtimeDir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(runtimeDir, name), 'utf8') }));
  const sources = Object.fromEntries(
    readdirSync(packageDir)
      .filter((name) => name.endsWith('.hbs'))
      .sort()
      .map((name) => [name.replace(/\.hbs$/, ''), readFileSync(path.join(packageDir, name), 'utf8')]),
  );
  const templates = compiledTemplates({ sources, cacheDir: path.join(root, '.cache', 'templates') });
  return { generatorVersion: String(manifest['version']), dependencyVersions: pickVersions(manifest), runtimeFiles, templates };
}

export { RUNTIME_DEPENDENCIES, DEV_DEPENDENCIES };

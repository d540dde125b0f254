import type { GeneratorAssets } from '../load/read-assets.ts';
import { SHARED_SCHEMAS_MODULE, toolFileName, toolIdentifiers, variantModuleName } from '../ir/naming.ts';
import type { ApiIR } from '../ir/types.ts';
import { UNSTAMPED_VERSION } from '../shared/release-record.ts';
import type { FilePlan, PackagePlan } from './file-plan.ts';
import { deployView } from './deploy-view.ts';
import { packageView } from './package-view.ts';
import { sharedSchemas } from './shared-schemas.ts';

/**
 * STAGE plan (pure): decides every file of one package and what produces it. The version is not
 * known yet: files that carry it get UNSTAMPED_VERSION, which the release stage replaces. The
 * release records (tools.json, CHANGELOG.md) are the release stage's own.
 */
export function planPackage(input: { readonly api: ApiIR; readonly assets: GeneratorAssets; readonly header: readonly [string, string] }): PackagePlan {
  const { api, assets } = input;
  const version = UNSTAMPED_VERSION;
  const view = packageView({ ...input, version });
  const deploy = deployView(input);
  const shared = sharedSchemas(api.tools);
  // Decided once for the package: each tool module and the index that imports it must agree.
  const identifiers = toolIdentifiers(api.tools.map((tool) => tool.name));
  const files: FilePlan[] = [
    ...api.tools.map((tool, at): FilePlan => ({ kind: 'tool-module', path: `src/tools/${toolFileName(tool.name)}`, tool, identifier: identifiers[at]!, shared })),
    ...(shared.parts.length > 0 ? [{ kind: 'shared-schemas', path: `src/tools/${SHARED_SCHEMAS_MODULE}`, shared } as const] : []),
    { kind: 'tools-index', path: 'src/tools/index.ts', tools: api.tools, identifiers },
    ...api.families.map((family): FilePlan => ({ kind: 'variant-module', path: `src/variants/${variantModuleName(family.name)}`, family })),
    { kind: 'vendor-module', path: 'src/vendor.ts', api, version },
    { kind: 'bin-entry', path: 'src/bin.cts' },
    { kind: 'server-entry', path: 'src/server.ts' },
    { kind: 'package-index', path: 'src/index.ts' },
    ...assets.runtimeFiles.map((file): FilePlan => ({ kind: 'runtime-copy', path: `src/runtime/${file.name}`, name: file.name, text: file.text })),
    { kind: 'template', path: 'package.json', template: 'package.json', view },
    { kind: 'template', path: 'README.md', template: 'README.md', view },
    { kind: 'template', path: 'tsconfig.json', template: 'tsconfig.json', view },
    { kind: 'template', path: '.gitignore', template: 'gitignore', view },
    { kind: 'template', path: 'Dockerfile', template: 'Dockerfile', view: deploy },
    { kind: 'template', path: 'docker-entrypoint.sh', template: 'docker-entrypoint.sh', view: deploy },
    { kind: 'template', path: 'deploy/kubernetes.yaml', template: 'kubernetes.yaml', view: deploy },
    { kind: 'registry-server', path: 'server.json', api, version },
    { kind: 'bundle-manifest', path: 'manifest.json', api, version },
  ];
  return { slug: api.vendor.slug, files };
}

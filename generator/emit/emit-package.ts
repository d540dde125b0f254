import { UNBOUNDED_HEAP, type HeapRoom } from '../shared/heap-room.ts';
import type { GeneratorAssets } from '../load/read-assets.ts';
import type { FilePlan, PackagePlan } from '../plan/file-plan.ts';
import { provenanceLines, tsHeader, type Provenance } from './provenance.ts';
import { bundleManifest, serverJson } from './registry-manifests.ts';
import { binEntryStructure, packageIndexStructure, serverEntryStructure } from './ts/entry-modules.ts';
import { createSourcePrinter, type SourcePrinter } from './ts/source-printer.ts';
import { sharedSchemasStructure } from './ts/shared-schemas-module.ts';
import { toolModuleStructure } from './ts/tool-module.ts';
import { toolsIndexStructure } from './ts/tools-index.ts';
import { variantModuleStructure } from './ts/variant-module.ts';
import { vendorModuleStructure } from './ts/vendor-module.ts';

export type EmittedFile = { readonly path: string; readonly contents: string };

function emitFile(input: { readonly file: FilePlan; readonly provenance: Provenance; readonly assets: GeneratorAssets; readonly print: SourcePrinter }): string {
  const { file, provenance, print } = input;
  const header = tsHeader(provenance);
  switch (file.kind) {
    case 'tool-module':
      return print({ path: file.path, structure: toolModuleStructure({ tool: file.tool, identifier: file.identifier, shared: file.shared, header }) });
    case 'shared-schemas':
      return print({ path: file.path, structure: sharedSchemasStructure({ shared: file.shared, header }) });
    case 'tools-index':
      return print({ path: file.path, structure: toolsIndexStructure({ tools: file.tools, identifiers: file.identifiers, header }) });
    case 'variant-module':
      return print({ path: file.path, structure: variantModuleStructure({ family: file.family, header }) });
    case 'vendor-module':
      return print({ path: file.path, structure: vendorModuleStructure({ api: file.api, version: file.version, header }) });
    case 'bin-entry':
      return print({ path: file.path, structure: binEntryStructure(header) });
    case 'server-entry':
      return print({ path: file.path, structure: serverEntryStructure(header) });
    case 'package-index':
      return print({ path: file.path, structure: packageIndexStructure(header) });
    case 'runtime-copy':
      return `${tsHeader(provenance, `templates/runtime/${file.name} (copied verbatim)`)}\n${file.text}`;
    case 'template': {
      const template = input.assets.templates[file.template];
      if (template === undefined) throw new Error(`templates/package/${file.template}.hbs is missing`);
      return template(file.view);
    }
    case 'registry-server':
      return serverJson({ api: file.api, version: file.version, provenance: provenanceLines(provenance).join(' ') });
    case 'bundle-manifest':
      return bundleManifest({ api: file.api, version: file.version, provenance: provenanceLines(provenance).join(' ') });
  }
}

/** STAGE emit (pure): a package plan → file contents, in codepoint order of path; versions still unstamped. */
export function emitPackage(input: { readonly plan: PackagePlan; readonly provenance: Provenance; readonly assets: GeneratorAssets; readonly print?: SourcePrinter; readonly heap?: HeapRoom }): EmittedFile[] {
  const print = input.print ?? createSourcePrinter();
  const heap = input.heap ?? UNBOUNDED_HEAP;
  return input.plan.files
    .map((file) => {
      heap.check({ stage: `emit (${file.path})`, file: input.provenance.sourceFile, pointer: '' });
      return { path: file.path, contents: emitFile({ file, provenance: input.provenance, assets: input.assets, print }) };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

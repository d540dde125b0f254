import type { GeneratorAssets } from '../load/read-assets.ts';
import type { FilePlan, PackagePlan } from '../plan/file-plan.ts';
import { changelogText } from '../release/changelog.ts';
import { contentDigest } from '../release/fingerprint.ts';
import { surfaceOf } from '../release/surface.ts';
import { markdownHeader, provenanceLines, sourceLabel, tsHeader, type Provenance } from './provenance.ts';
import { bundleManifest, serverJson } from './registry-manifests.ts';
import { renderTemplate } from './template.ts';
import { toolsSnapshot } from './tools-snapshot.ts';
import { binEntryStructure, packageIndexStructure } from './ts/entry-modules.ts';
import { createSourcePrinter, type SourcePrinter } from './ts/source-printer.ts';
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
      return print({ path: file.path, structure: toolModuleStructure({ tool: file.tool, header }) });
    case 'tools-index':
      return print({ path: file.path, structure: toolsIndexStructure({ tools: file.tools, header }) });
    case 'variant-module':
      return print({ path: file.path, structure: variantModuleStructure({ family: file.family, header }) });
    case 'vendor-module':
      return print({ path: file.path, structure: vendorModuleStructure({ api: file.api, version: file.version, header }) });
    case 'bin-entry':
      return print({ path: file.path, structure: binEntryStructure(header) });
    case 'package-index':
      return print({ path: file.path, structure: packageIndexStructure(header) });
    case 'runtime-copy':
      return `${tsHeader(provenance, `templates/runtime/${file.name} (copied verbatim)`)}\n${file.text}`;
    case 'template': {
      const source = input.assets.templates[file.template];
      if (source === undefined) throw new Error(`templates/package/${file.template}.hbs is missing`);
      return renderTemplate({ source, view: file.view });
    }
    case 'tools-snapshot':
      throw new Error('tools.json is emitted last, from the other files');
    case 'changelog':
      return changelogText({ header: markdownHeader(provenance), packageName: file.packageName, entries: file.entries });
    case 'registry-server':
      return serverJson({ api: file.api, version: file.version, provenance: provenanceLines(provenance).join(' ') });
    case 'bundle-manifest':
      return bundleManifest({ api: file.api, version: file.version, provenance: provenanceLines(provenance).join(' ') });
  }
}

/** The snapshot records a digest of the whole package (itself with the digest blanked), so it is rendered last. */
function snapshotFile(input: { readonly file: Extract<FilePlan, { kind: 'tools-snapshot' }>; readonly provenance: Provenance; readonly others: readonly EmittedFile[] }): EmittedFile {
  const { provenance, file } = input;
  const render = (contentSha256: string) => ({
    path: file.path,
    contents: toolsSnapshot({ surface: surfaceOf(file.tools), provenance: provenanceLines(provenance), fingerprint: { source: sourceLabel(provenance), contentSha256 } }),
  });
  return render(contentDigest([...input.others, render('')]));
}

/** Pure: a package plan → file contents, in codepoint order of path. */
export function emitPackage(input: { readonly plan: PackagePlan; readonly provenance: Provenance; readonly assets: GeneratorAssets; readonly print?: SourcePrinter }): EmittedFile[] {
  const print = input.print ?? createSourcePrinter();
  const others = input.plan.files
    .filter((file) => file.kind !== 'tools-snapshot')
    .map((file) => ({ path: file.path, contents: emitFile({ file, provenance: input.provenance, assets: input.assets, print }) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const snapshots = input.plan.files.flatMap((file) => (file.kind === 'tools-snapshot' ? [snapshotFile({ file, provenance: input.provenance, others })] : []));
  return [...others, ...snapshots].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

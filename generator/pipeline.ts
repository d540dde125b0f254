import type { Diagnostic } from './diagnostics/diagnostic.ts';
import { hasErrors } from './diagnostics/diagnostic.ts';
import { emitPackage, type EmittedFile } from './emit/emit-package.ts';
import { provenanceLines, type Provenance } from './emit/provenance.ts';
import type { SourcePrinter } from './emit/ts/source-printer.ts';
import { buildApi } from './ir/from-openapi/api-document.ts';
import type { PlainVendorOptions } from './ir/from-openapi/vendor-settings.ts';
import { surfaceOf } from './ir/tool-surface.ts';
import type { ApiIR } from './ir/types.ts';
import { lintClientCompat } from './lint/client-compat.ts';
import type { LoadedDocument } from './load/loaded-document.ts';
import type { GeneratorAssets } from './load/read-assets.ts';
import type { PreviousPackage } from './load/read-previous-package.ts';
import { planPackage } from './plan/plan-package.ts';
import { releasePackage } from './release/release-package.ts';
import type { Release } from './release/release-plan.ts';
import { UNBOUNDED_HEAP, type HeapRoom } from './shared/heap-room.ts';
import { holdsText } from './shared/holds-text.ts';
import { UNSTAMPED_VERSION } from './shared/release-record.ts';

export type PackageResult = {
  readonly api?: ApiIR;
  readonly files?: readonly EmittedFile[];
  /** The version written and why; undefined only when generation failed. */
  readonly release?: Release;
  readonly diagnostics: readonly Diagnostic[];
};

/**
 * The pure stages in order, each run once: ir → lint → plan → emit → release. Loading happened
 * before (the document, the assets and the committed package); writing happens after.
 */
export function generatePackage(input: {
  readonly document: LoadedDocument;
  readonly assets: GeneratorAssets;
  /** The committed package in the output folder, if any (read by the load stage). */
  readonly previous?: PreviousPackage;
  readonly regenerate: string;
  readonly plain?: PlainVendorOptions;
  readonly print?: SourcePrinter;
  readonly split?: boolean;
  /** Stops the run with VMCP_HEAP_LIMIT before V8 would run out of heap (the CLI passes one; none: no checks). */
  readonly heap?: HeapRoom;
}): PackageResult {
  const { document, assets } = input;
  const heap = input.heap ?? UNBOUNDED_HEAP;
  const at = (stage: string) => ({ stage, file: document.file, pointer: '' });
  const built = buildApi({ document, heap, ...(input.plain ? { plain: input.plain } : {}), ...(input.split !== undefined ? { split: input.split } : {}) });
  if (built.api === undefined || hasErrors(built.diagnostics)) return { diagnostics: built.diagnostics };
  const api = built.api;
  // Fail closed: release stamps the version by replacing this string, so document text must not hold it.
  if (holdsText({ value: api, text: UNSTAMPED_VERSION })) throw new Error(`${document.file} contains the reserved text ${UNSTAMPED_VERSION}; refusing to stamp a version`);
  const diagnostics = [...built.diagnostics, ...lintClientCompat({ api, locate: document.locate, plain: input.plain !== undefined, splitOverridden: input.split !== undefined })];
  if (hasErrors(diagnostics)) return { api, diagnostics };
  const provenance: Provenance = { generatorVersion: assets.generatorVersion, sourceFile: document.file, regenerate: input.regenerate };
  heap.check(at('plan'));
  const plan = planPackage({ api, assets, header: provenanceLines(provenance) });
  const files = emitPackage({ plan, provenance, assets, heap, ...(input.print ? { print: input.print } : {}) });
  heap.check(at('release'));
  const released = releasePackage({
    heap,
    files,
    surface: surfaceOf(api),
    provenance,
    packageName: api.vendor.packageName,
    sources: document.sources ?? { [document.file]: `sha256:${document.sha256}` },
    ...(api.vendor.releaseNotes ? { notes: api.vendor.releaseNotes } : {}),
    ...(input.previous ? { previous: input.previous } : {}),
  });
  return { api, files: released.files, release: released.release, diagnostics };
}

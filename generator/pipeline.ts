import type { Diagnostic } from './diagnostics/diagnostic.ts';
import { hasErrors } from './diagnostics/diagnostic.ts';
import { emitPackage, type EmittedFile } from './emit/emit-package.ts';
import { provenanceLines, sourceLabel, type Provenance } from './emit/provenance.ts';
import type { SourcePrinter } from './emit/ts/source-printer.ts';
import { buildApi } from './ir/build/api-document.ts';
import type { PlainVendorOptions } from './ir/build/vendor-settings.ts';
import type { ApiIR } from './ir/types.ts';
import { lintClientCompat } from './lint/client-compat.ts';
import type { LoadedDocument } from './load/loaded-document.ts';
import type { PreviousPackage } from './load/read-previous-package.ts';
import type { GeneratorAssets } from './load/read-assets.ts';
import { planPackage } from './plan/plan-package.ts';
import { contentDigest } from './release/fingerprint.ts';
import { firstRelease, isUnchanged, keptRelease, nextRelease, type Release } from './release/release-plan.ts';
import { surfaceOf } from './release/surface.ts';

export type PackageResult = {
  readonly api?: ApiIR;
  readonly files?: readonly EmittedFile[];
  /** The version written and why; undefined only when generation failed. */
  readonly release?: Release;
  readonly diagnostics: readonly Diagnostic[];
};

type Emit = (release: Release) => EmittedFile[];

/**
 * The version follows the committed package: kept when nothing would change, else bumped by the
 * surface diff. Emitting with the kept version first is what tells "nothing would change".
 */
function release(input: { readonly emit: Emit; readonly previous?: PreviousPackage; readonly context: Parameters<typeof firstRelease>[0] }): { release: Release; files: EmittedFile[] } {
  const { emit, previous } = input;
  if (previous === undefined || previous.changelog === undefined) {
    const first = firstRelease({ ...input.context, ...(previous ? { previous } : {}) });
    return { release: first, files: emit(first) };
  }
  const kept = keptRelease(previous);
  const files = emit(kept);
  // No fingerprint: tools.json was deleted or damaged by hand; restore it without guessing a release.
  if (previous.fingerprint === undefined || isUnchanged({ previous, surface: input.context.surface, contentSha256: contentDigest(files) })) return { release: kept, files };
  const next = nextRelease({ ...input.context, previous });
  return { release: next, files: emit(next) };
}

/** Pure stages in order: IR → lint → plan → emit (→ release decision). Loading happened before; writing happens after. */
export function generatePackage(input: {
  readonly document: LoadedDocument;
  readonly assets: GeneratorAssets;
  /** The committed package in the output folder, if any (read by the load stage). */
  readonly previous?: PreviousPackage;
  readonly regenerate: string;
  readonly plain?: PlainVendorOptions;
  readonly print?: SourcePrinter;
  readonly split?: boolean;
}): PackageResult {
  const built = buildApi({ document: input.document, ...(input.plain ? { plain: input.plain } : {}), ...(input.split !== undefined ? { split: input.split } : {}) });
  if (built.api === undefined || hasErrors(built.diagnostics)) return { diagnostics: built.diagnostics };
  const api = built.api;
  const diagnostics = [...built.diagnostics, ...lintClientCompat({ api, locate: input.document.locate, plain: input.plain !== undefined, splitOverridden: input.split !== undefined })];
  if (hasErrors(diagnostics)) return { api, diagnostics };
  const provenance: Provenance = {
    generatorVersion: input.assets.generatorVersion,
    sourceFile: input.document.file,
    sourceSha256: input.document.sha256,
    regenerate: input.regenerate,
  };
  const header = provenanceLines(provenance).join(' ');
  const emit: Emit = (decided) =>
    emitPackage({ plan: planPackage({ api, assets: input.assets, version: decided.version, header, changelog: decided.entries }), provenance, assets: input.assets, ...(input.print ? { print: input.print } : {}) });
  const source = sourceLabel(provenance);
  const decided = release({ emit, ...(input.previous ? { previous: input.previous } : {}), context: { surface: surfaceOf(api.tools), source, ...(api.vendor.releaseNotes ? { notes: api.vendor.releaseNotes } : {}) } });
  return { api, files: decided.files, release: decided.release, diagnostics };
}

import type { Diagnostic } from './diagnostics/diagnostic.ts';
import { hasErrors } from './diagnostics/diagnostic.ts';
import { emitPackage, type EmittedFile } from './emit/emit-package.ts';
import { provenanceLines, type Provenance } from './emit/provenance.ts';
import type { SourcePrinter } from './emit/ts/source-printer.ts';
import { buildApi } from './ir/build/api-document.ts';
import type { PlainVendorOptions } from './ir/build/vendor-settings.ts';
import type { ApiIR } from './ir/types.ts';
import type { LoadedDocument } from './load/loaded-document.ts';
import type { GeneratorAssets } from './load/read-assets.ts';
import { planPackage } from './plan/plan-package.ts';

export type PackageResult = {
  readonly api?: ApiIR;
  readonly files?: readonly EmittedFile[];
  readonly diagnostics: readonly Diagnostic[];
};

/** Pure stages in order: IR → plan → emit. Loading happened before; writing happens after. */
export function generatePackage(input: {
  readonly document: LoadedDocument;
  readonly assets: GeneratorAssets;
  readonly version: string;
  readonly regenerate: string;
  readonly plain?: PlainVendorOptions;
  readonly print?: SourcePrinter;
  readonly split?: boolean;
}): PackageResult {
  const built = buildApi({ document: input.document, ...(input.plain ? { plain: input.plain } : {}), ...(input.split !== undefined ? { split: input.split } : {}) });
  if (built.api === undefined || hasErrors(built.diagnostics)) return { diagnostics: built.diagnostics };
  const provenance: Provenance = {
    generatorVersion: input.assets.generatorVersion,
    sourceFile: input.document.file,
    sourceSha256: input.document.sha256,
    regenerate: input.regenerate,
  };
  const plan = planPackage({ api: built.api, assets: input.assets, version: input.version, header: provenanceLines(provenance).join(' ') });
  const files = emitPackage({ plan, provenance, assets: input.assets, ...(input.print ? { print: input.print } : {}) });
  return { api: built.api, files, diagnostics: built.diagnostics };
}

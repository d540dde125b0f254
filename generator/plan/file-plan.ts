import type { ApiIR, ToolIR, VariantFamilyIR } from '../ir/types.ts';
import type { SharedSchemas } from './shared-schemas.ts';

/** One output file and what produces it. Paths are relative to the package folder. */
export type FilePlan =
  /** `identifier`: the tool's exported name, unique in the package (naming.ts toolIdentifiers). */
  | { readonly kind: 'tool-module'; readonly path: string; readonly tool: ToolIR; readonly identifier: string; readonly shared: SharedSchemas }
  | { readonly kind: 'shared-schemas'; readonly path: string; readonly shared: SharedSchemas }
  | { readonly kind: 'tools-index'; readonly path: string; readonly tools: readonly ToolIR[]; readonly identifiers: readonly string[] }
  | { readonly kind: 'variant-module'; readonly path: string; readonly family: VariantFamilyIR }
  | { readonly kind: 'vendor-module'; readonly path: string; readonly api: ApiIR; readonly version: string }
  | { readonly kind: 'bin-entry'; readonly path: string }
  | { readonly kind: 'server-entry'; readonly path: string }
  | { readonly kind: 'package-index'; readonly path: string }
  | { readonly kind: 'runtime-copy'; readonly path: string; readonly name: string; readonly text: string }
  | { readonly kind: 'template'; readonly path: string; readonly template: string; readonly view: Readonly<Record<string, unknown>> }
  | { readonly kind: 'registry-server'; readonly path: string; readonly api: ApiIR; readonly version: string }
  | { readonly kind: 'bundle-manifest'; readonly path: string; readonly api: ApiIR; readonly version: string };

export type PackagePlan = {
  readonly slug: string;
  readonly files: readonly FilePlan[];
};

export type Stage = 'generate' | 'build' | 'list-tools';

export type DefectKind =
  | 'internal-error' // exit 70: the CLI caught an exception
  | 'crash' // a stack trace, a signal or an unexpected exit code
  | 'timeout'
  | 'oom'
  | 'no-error-code' // exit 1 without any VMCP_ error
  | 'tsc-errors'
  | 'list-failed'
  | 'tool-count-mismatch';

export type StageMeasure = { readonly stage: Stage; readonly wallMs: number; readonly maxRssKb: number | undefined };

type Common = {
  /** Path under the corpus's `api/` folder, e.g. `nexmo.com/account.json`. */
  readonly spec: string;
  readonly slug: string;
  readonly sizeBytes: number;
  readonly openapi: string;
  readonly wallMs: number;
  readonly maxRssKb: number | undefined;
  readonly stages: readonly StageMeasure[];
};

export type Success = Common & {
  readonly outcome: 'success';
  readonly tools: number;
  readonly omitted: number;
  /** Warnings and infos the generator printed, by code (e.g. VMCP_SCHEMA_RECURSION: 3). */
  readonly notes: Readonly<Record<string, number>>;
};
export type CleanFailure = Common & { readonly outcome: 'clean-failure'; readonly codes: readonly string[]; readonly firstError: string };
export type Defect = Common & {
  readonly outcome: 'defect';
  readonly stage: Stage;
  readonly kind: DefectKind;
  /** A short, stable key to group defects by cause (kind + first error, ids stripped). */
  readonly signature: string;
  /** The first lines of the error output. */
  readonly excerpt: string;
  readonly outDir: string;
};

export type SpecResult = Success | CleanFailure | Defect;

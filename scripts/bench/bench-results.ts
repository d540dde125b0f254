import type { BenchOptions, Section } from './bench-options.ts';
import type { BenchSpec } from './bench-specs.ts';
import type { OverheadResult } from './call-overhead.ts';
import type { GenerationCell } from './generation-bench.ts';
import type { DiscoveryResult, HttpResult } from './http-bench.ts';
import type { LargeServer } from './large-server.ts';
import type { MachineInfo } from './machine-info.ts';
import type { Coverage } from './parameter-coverage.ts';
import type { PeerCoverage } from './peer-coverage.ts';
import type { ProfileSummary } from './profile-summary.ts';
import type { ScaleResult } from './scale-server.ts';
import type { ServerCell } from './server-bench.ts';
import type { Spread } from './stats.ts';

/** The run that produced one section of the results. */
export type SectionRun = Pick<BenchResults, 'startedAt' | 'finishedAt' | 'options' | 'loadAverageAtEnd'> & {
  /** Short hash of HEAD, marked when the working tree had uncommitted changes. */
  readonly commit: string;
  /** Load average at the start (the machine's at the end is `loadAverageAtEnd`). */
  readonly loadAverage: readonly number[];
};

/**
 * What results.json holds: the latest run's figures for the sections it ran, merged with the
 * last figures of every other section (merge-results.ts); `sections` says which run made each.
 */
export type BenchResults = {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly options: BenchOptions;
  readonly machine: MachineInfo;
  readonly loadAverageAtEnd: readonly number[];
  readonly peers: readonly { readonly id: string; readonly version: string }[];
  readonly specs: readonly BenchSpec[];
  readonly generation: readonly GenerationCell[];
  readonly growth: readonly GenerationCell[];
  /**
   * Cold generations of the largest real specs (Microsoft Graph v1.0 and beta): ours and the leanest
   * peer; `servers` (absent in results written before it existed): our package built and listing tools.
   */
  readonly large?: { readonly specs: readonly BenchSpec[]; readonly cells: readonly GenerationCell[]; readonly servers?: readonly LargeServer[] };
  /** A generated 10,000-tool server started in auto (default) and all modes. */
  readonly scale?: ScaleResult;
  readonly servers: readonly ServerCell[];
  readonly bareNodeMs?: Spread;
  readonly coverage: readonly (Coverage & { readonly spec: string })[];
  /** The same check asked of each peer's listed tools (absent in results written before it existed). */
  readonly peerCoverage?: readonly PeerCoverage[];
  readonly callOverhead?: OverheadResult | { readonly error: string };
  readonly http?: HttpResult;
  readonly discovery?: DiscoveryResult;
  readonly profile?: ProfileSummary & { readonly spec: string };
  readonly serverProfile?: ProfileSummary & { readonly spec: string };
  /** Absent in results written before partial runs were merged: then one run made every section. */
  readonly sections?: Partial<Record<Section, SectionRun>>;
};

import { percentile, spread, type Spread } from './stats.ts';

/**
 * One interleaved round of the per-call overhead bench: a direct fetch, a second direct fetch of
 * the same request (the control) and one `tools/call`, each in ms, run back to back in an order that
 * rotates from round to round, so a burst of load on the shared machine meets all three alike.
 */
export type Round = { readonly direct: number; readonly control: number; readonly viaMcp: number };

export type Quantiles = { readonly p50: number; readonly p99: number };

export type OverheadStats = {
  readonly rounds: number;
  /** Latencies of each kind over all rounds (pooled), raw. */
  readonly directMs: Quantiles;
  readonly controlMs: Quantiles;
  readonly viaMcpMs: Quantiles;
  /** The headline: per block, p(via MCP) − p(direct); the median across blocks, with min–max. */
  readonly addedP50PerBlock: Spread;
  readonly addedP99PerBlock: Spread;
  /** The same statistic between the two direct fetches: what the method reads when nothing is added. */
  readonly controlP99PerBlock: Spread;
  /** p(via MCP) − p(direct) over all rounds pooled. */
  readonly pooledAddedMs: Quantiles;
  /** Percentiles of the per-round differences via MCP − direct (shown beside, not the target). */
  readonly pairedDifferenceMs: Quantiles;
};

const quantiles = (values: readonly number[]): Quantiles => ({ p50: percentile(values, 50), p99: percentile(values, 99) });
const shift = (input: { readonly of: readonly number[]; readonly over: readonly number[]; readonly p: number }) => percentile(input.of, input.p) - percentile(input.over, input.p);

/**
 * Summarises blocks of rounds. The added latency at a percentile is the shift of that percentile
 * between the two distributions sampled under the same conditions, not the percentile of per-round
 * differences: two calls a millisecond apart do not meet the same scheduler stall or GC pause, so a
 * difference of two calls carries the noise of one call whole into its tail, while noise that hits
 * both kinds alike cancels in the shift. The control (direct − direct) shows what is left of it.
 */
export function overheadStats(blocks: readonly (readonly Round[])[]): OverheadStats {
  const all = blocks.flat();
  const direct = all.map((round) => round.direct);
  const viaMcp = all.map((round) => round.viaMcp);
  const measured = blocks.filter((block) => block.length > 0);
  const perBlock = (input: { readonly p: number; readonly of: (round: Round) => number }) => spread(measured.map((block) => shift({ of: block.map(input.of), over: block.map((round) => round.direct), p: input.p })));
  return {
    rounds: all.length,
    directMs: quantiles(direct),
    controlMs: quantiles(all.map((round) => round.control)),
    viaMcpMs: quantiles(viaMcp),
    addedP50PerBlock: perBlock({ p: 50, of: (round) => round.viaMcp }),
    addedP99PerBlock: perBlock({ p: 99, of: (round) => round.viaMcp }),
    controlP99PerBlock: perBlock({ p: 99, of: (round) => round.control }),
    pooledAddedMs: { p50: shift({ of: viaMcp, over: direct, p: 50 }), p99: shift({ of: viaMcp, over: direct, p: 99 }) },
    pairedDifferenceMs: quantiles(all.map((round) => round.viaMcp - round.direct)),
  };
}

export type CallOrder = readonly (keyof Round)[];

/**
 * All six orders of the three calls, in a sequence where, over one cycle of six rounds (wrapping
 * round), each kind is in each position twice and follows each kind (itself included) twice. A call
 * right after a `tools/call` may share a core with the server's own clean-up; this way that costs
 * the direct fetch, the control and the call itself equally often.
 */
export const CALL_ORDERS: readonly CallOrder[] = [
  ['direct', 'control', 'viaMcp'],
  ['viaMcp', 'direct', 'control'],
  ['control', 'viaMcp', 'direct'],
  ['direct', 'viaMcp', 'control'],
  ['control', 'direct', 'viaMcp'],
  ['viaMcp', 'control', 'direct'],
];

/** The order of round n's three calls. */
export function callOrder(round: number): CallOrder {
  return CALL_ORDERS[round % CALL_ORDERS.length]!;
}

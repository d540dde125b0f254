/** `npm run bench [-- --quick] [--runs N] [--no-peers] [--only a,b]`. */
export type Section = 'generation' | 'servers' | 'calls' | 'http' | 'remote' | 'large' | 'scale';
export const SECTIONS: readonly Section[] = ['generation', 'servers', 'calls', 'http', 'remote', 'large', 'scale'];

export type BenchOptions = {
  readonly quick: boolean;
  /** Cold generations per generator and spec: 5, so one stalled run of 3 (seen: 142, 171, 247 ms on Twilio Events) cannot move the median. */
  readonly runs: number;
  /** Timed server starts per generator and spec (after one warm-up). */
  readonly starts: number;
  /** Per-call overhead: blocks of `perBlock` interleaved rounds (a direct fetch, a control fetch, a tools/call; a multiple of 6 keeps the call orders balanced). */
  readonly blocks: number;
  readonly perBlock: number;
  readonly peers: boolean;
  readonly sections: readonly Section[];
};

export function parseBenchOptions(argv: readonly string[]): BenchOptions | { readonly error: string } {
  const quick = argv.includes('--quick');
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const runs = Number(value('--runs') ?? (quick ? 2 : 5));
  if (!Number.isInteger(runs) || runs < 1) return { error: '--runs needs a positive integer' };
  const only = value('--only');
  const sections = only === undefined ? SECTIONS : (only.split(',') as Section[]);
  const unknown = sections.filter((section) => !SECTIONS.includes(section));
  if (unknown.length > 0) return { error: `--only takes ${SECTIONS.join(',')}; got ${unknown.join(',')}` };
  return { quick, runs, starts: quick ? 3 : 5, blocks: quick ? 6 : 10, perBlock: 300, peers: !argv.includes('--no-peers'), sections };
}

import fc from 'fast-check';
import { fuzzCaseArbitrary, type CaseKind, type FuzzCase } from './fuzz-cases.ts';
import type { FuzzTarget, FuzzTool } from './fuzz-target.ts';
import type { Violation } from './invariants.ts';

export type ToolStats = {
  readonly tool: string;
  calls: number;
  /** Calls whose input the schema accepts, and how many of those the server answered without error. */
  valid: number;
  validSucceeded: number;
  requestsSent: number;
  readonly byKind: Partial<Record<CaseKind, number>>;
};

export type FuzzFailure = {
  readonly tool: string;
  /** `fc.assert(property, { seed, path })` replays exactly this counterexample. */
  readonly seed: number;
  readonly path: string;
  readonly counterexample: FuzzCase;
  readonly violations: readonly Violation[];
};

/** A per-tool seed: the same campaign seed fuzzes every tool differently, and each stays replayable alone. */
export function toolSeed(input: { readonly seed: number; readonly tool: string }): number {
  let hash = input.seed | 0;
  for (const char of input.tool) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash | 0;
}

class InvariantBroken extends Error {
  constructor(readonly violations: readonly Violation[]) {
    super(violations.map((v) => `${v.invariant}: ${v.detail}`).join('\n'));
  }
}

export function toolProperty(input: { readonly target: FuzzTarget; readonly tool: FuzzTool; readonly stats?: ToolStats }) {
  const { target, tool, stats } = input;
  return fc.asyncProperty(fuzzCaseArbitrary(tool), async (fuzzCase) => {
    const { observation, violations } = await target.call({ tool, fuzzCase });
    if (stats !== undefined) {
      stats.calls += 1;
      stats.byKind[fuzzCase.kind] = (stats.byKind[fuzzCase.kind] ?? 0) + 1;
      stats.requestsSent += observation.requests.length;
      if (observation.validInput) {
        stats.valid += 1;
        if (observation.reply.kind === 'result' && (observation.reply.result as { isError?: boolean }).isError !== true) stats.validSucceeded += 1;
      }
    }
    if (violations.length > 0) throw new InvariantBroken(violations);
  });
}

/** Fuzzes one tool for `runs` calls; a failure is shrunk to a small counterexample and reported with its replay seed. */
export async function fuzzTool(input: { readonly target: FuzzTarget; readonly tool: FuzzTool; readonly runs: number; readonly seed: number }): Promise<{ stats: ToolStats; failure?: FuzzFailure }> {
  const { target, tool } = input;
  const stats: ToolStats = { tool: tool.name, calls: 0, valid: 0, validSucceeded: 0, requestsSent: 0, byKind: {} };
  const seed = toolSeed({ seed: input.seed, tool: tool.name });
  target.reset();
  const details = await fc.check(toolProperty({ target, tool, stats }), { seed, numRuns: input.runs });
  if (!details.failed || details.counterexample === null) return { stats };
  const error = details.errorInstance;
  const violations = error instanceof InvariantBroken ? error.violations : [{ invariant: 'no-crash', detail: String(error) }];
  return { stats, failure: { tool: tool.name, seed, path: details.counterexamplePath ?? '', counterexample: details.counterexample[0], violations } };
}

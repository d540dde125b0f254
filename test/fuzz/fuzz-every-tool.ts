import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFuzzTarget, type FuzzTarget } from '../../scripts/fuzz/fuzz-target.ts';
import { toolProperty, toolSeed } from '../../scripts/fuzz/fuzz-tool.ts';
import { harvestSeeds, runSeeded, type SeededTally, type SeedPool } from '../../scripts/fuzz/seeded-calls.ts';
import { REPO_ROOT, type Vendor } from '../../scripts/shared/repo-root.ts';

/** CI runs a bounded count per tool on a fixed seed (override with VMCP_FUZZ_SEED); `npm run fuzz` runs the long campaign. */
const RUNS_PER_TOOL = 25;
const SEEDED_RUNS_PER_TOOL = 8;
const SEED = Number(process.env['VMCP_FUZZ_SEED'] ?? 20261201);

/** Least share of seeded valid calls that must succeed, per vendor (measured, then set a little below). */
export const SUCCESS_FLOOR: Readonly<Record<Vendor, number>> = { roserocket: 0.6, malomo: 0.65, edesk: 0.85 };

/** The share of seeded calls that succeeded, and a line per tool for the log. */
export function successShare(tallies: readonly SeededTally[]): { readonly share: number; readonly lines: readonly string[] } {
  const calls = tallies.reduce((sum, t) => sum + t.calls, 0);
  const succeeded = tallies.reduce((sum, t) => sum + t.succeeded, 0);
  return { share: calls === 0 ? 0 : succeeded / calls, lines: tallies.map((t) => `${t.tool}: ${t.exact}/${t.calls} exact, ${t.succeeded} succeeded`) };
}

/**
 * One test per tool of the vendor's built server; a failure prints its seed and path for `fc.assert`
 * to replay. Then the same tools again with seeded valid calls, which must reach the vendor.
 */
export function fuzzEveryTool(vendor: Vendor): void {
  const names = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'tools.json'), 'utf8')) as { tools: { name: string }[] }).tools.map((t) => t.name);
  describe(`${vendor}: every tool, fuzzed from its input schema (seed ${SEED})`, () => {
    let target: FuzzTarget;
    let pool: SeedPool;
    const tallies: SeededTally[] = [];
    beforeAll(async () => {
      target = await openFuzzTarget(vendor);
      target.reset();
      pool = await harvestSeeds(target);
    });
    afterAll(async () => {
      await target?.close();
    });
    it.each(names)('%s keeps every invariant', async (name) => {
      const tool = target.tools.find((t) => t.name === name)!;
      target.reset();
      await fc.assert(toolProperty({ target, tool }), { seed: toolSeed({ seed: SEED, tool: name }), numRuns: RUNS_PER_TOOL });
    });
    it.each(names)('%s: valid calls built from the seeded data reach the vendor with exactly the request the schema implies', async (name) => {
      const tool = target.tools.find((t) => t.name === name)!;
      target.reset();
      const tally = await runSeeded({ target, tool, pool, runs: SEEDED_RUNS_PER_TOOL, seed: toolSeed({ seed: SEED + 1, tool: name }) });
      tallies.push(tally);
      expect(tally.exact, tally.misses.join('\n')).toBeGreaterThan(0);
    });
    it(`at least ${SUCCESS_FLOOR[vendor] * 100} % of the seeded valid calls succeed`, () => {
      const { share, lines } = successShare(tallies);
      process.stdout.write(`${vendor} seeded calls: ${(share * 100).toFixed(1)} % succeeded\n  ${lines.join('\n  ')}\n`);
      expect(tallies).toHaveLength(names.length);
      expect(share).toBeGreaterThanOrEqual(SUCCESS_FLOOR[vendor]);
    });
  });
}

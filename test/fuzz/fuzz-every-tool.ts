import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openFuzzTarget, type FuzzTarget } from '../../scripts/fuzz/fuzz-target.ts';
import { toolProperty, toolSeed } from '../../scripts/fuzz/fuzz-tool.ts';
import { REPO_ROOT, type Vendor } from '../../scripts/shared/repo-root.ts';

/** CI runs a bounded count per tool on a fixed seed (override with VMCP_FUZZ_SEED); `npm run fuzz` runs the long campaign. */
const RUNS_PER_TOOL = 25;
const SEED = Number(process.env['VMCP_FUZZ_SEED'] ?? 20261201);

/** One test per tool of the vendor's built server; a failure prints its seed and path for `fc.assert` to replay. */
export function fuzzEveryTool(vendor: Vendor): void {
  const names = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'tools.json'), 'utf8')) as { tools: { name: string }[] }).tools.map((t) => t.name);
  describe(`${vendor}: every tool, fuzzed from its input schema (seed ${SEED})`, () => {
    let target: FuzzTarget;
    beforeAll(async () => {
      target = await openFuzzTarget(vendor);
    });
    afterAll(async () => {
      await target?.close();
    });
    it.each(names)('%s keeps every invariant', async (name) => {
      const tool = target.tools.find((t) => t.name === name)!;
      target.reset();
      await fc.assert(toolProperty({ target, tool }), { seed: toolSeed({ seed: SEED, tool: name }), numRuns: RUNS_PER_TOOL });
    });
  });
}

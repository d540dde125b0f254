/**
 * Replays one failure from a campaign report, exactly (same tool seed, same shrink path):
 *
 *   npx tsx scripts/fuzz/replay.ts <vendor> <tool> <tool seed> <path>
 */
import fc from 'fast-check';
import type { Vendor } from '../shared/repo-root.ts';
import { openFuzzTarget } from './fuzz-target.ts';
import { toolProperty } from './fuzz-tool.ts';

const [vendor, name, seed, replayPath] = process.argv.slice(2);
if (vendor === undefined || name === undefined || seed === undefined || replayPath === undefined) throw new Error('usage: replay.ts <vendor> <tool> <tool seed> <path>');
const target = await openFuzzTarget(vendor as Vendor);
try {
  const tool = target.tools.find((t) => t.name === name);
  if (tool === undefined) throw new Error(`${vendor} has no tool ${name}`);
  const details = await fc.check(toolProperty({ target, tool }), { seed: Number(seed), path: replayPath, numRuns: 1 });
  process.stdout.write(details.failed ? `still fails: ${JSON.stringify(details.counterexample)}\n${String(details.errorInstance)}\n` : 'passes now\n');
  process.exitCode = details.failed ? 1 : 0;
} finally {
  await target.close();
}

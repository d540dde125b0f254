/**
 * The long fuzz campaign: every tool of every generated package, against the built server and the
 * doc-validating simulator, then results.md next to this file.
 *
 *   npm run fuzz -- --calls 100000 [--seed S] [--vendor malomo] [--no-write]
 *
 * `--calls` is the total across all tools; each tool gets an equal share.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VENDORS, type Vendor } from '../shared/repo-root.ts';
import { openFuzzTarget } from './fuzz-target.ts';
import { fuzzTool, type FuzzFailure, type ToolStats } from './fuzz-tool.ts';
import { renderFuzzResults, type VendorRun } from './fuzz-results.ts';

const RESULTS = path.join(import.meta.dirname, 'results.md');
/** Failures found by earlier campaigns are kept across reruns: a clean run does not erase what was fixed. */
const HISTORY_HEADING = '## Found by earlier campaigns and fixed';

function keptHistory(): string {
  const existing = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '';
  const at = existing.indexOf(HISTORY_HEADING);
  return at < 0 ? `${HISTORY_HEADING}\n\nNone yet.\n` : existing.slice(at);
}

type Options = { readonly calls: number; readonly seed: number; readonly vendors: readonly Vendor[]; readonly write: boolean };

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string): string | undefined => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const calls = Number(value('--calls') ?? 3000);
  const seed = Number(value('--seed') ?? Date.now() % 2 ** 31);
  if (!Number.isInteger(calls) || calls <= 0 || !Number.isInteger(seed)) throw new Error('--calls and --seed take whole numbers');
  const only = argv.flatMap((arg, index) => (arg === '--vendor' ? [argv[index + 1] as Vendor] : []));
  return { calls, seed, vendors: only.length > 0 ? only : VENDORS, write: !argv.includes('--no-write') };
}

async function runVendor(input: { readonly vendor: Vendor; readonly runsPerTool: number; readonly seed: number }): Promise<VendorRun> {
  const started = performance.now();
  const target = await openFuzzTarget(input.vendor);
  const stats: ToolStats[] = [];
  const failures: FuzzFailure[] = [];
  try {
    for (const tool of target.tools) {
      const outcome = await fuzzTool({ target, tool, runs: input.runsPerTool, seed: input.seed });
      stats.push(outcome.stats);
      if (outcome.failure !== undefined) failures.push(outcome.failure);
      process.stderr.write(`${input.vendor} ${tool.name}: ${outcome.stats.calls} calls${outcome.failure ? ` FAILED (seed ${outcome.failure.seed}, path ${outcome.failure.path})` : ''}\n`);
    }
  } finally {
    await target.close();
  }
  return { vendor: input.vendor, stats, failures, wallMs: performance.now() - started };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const toolCounts = await Promise.all(options.vendors.map(async (vendor) => (await import(`../../generated/${vendor}/tools.json`, { with: { type: 'json' } })).default.tools.length as number));
  const runsPerTool = Math.max(1, Math.ceil(options.calls / toolCounts.reduce((a, b) => a + b, 0)));
  process.stderr.write(`fuzz: seed ${options.seed}, ${runsPerTool} calls per tool, vendors ${options.vendors.join(', ')}\n`);
  // Vendors in parallel: each has its own server process and simulator.
  const runs = await Promise.all(options.vendors.map((vendor) => runVendor({ vendor, runsPerTool, seed: options.seed })));
  const command = ['npm run fuzz --', ...process.argv.slice(2)].join(' ');
  const report = renderFuzzResults({ runs, seed: options.seed, runsPerTool, command });
  if (options.write) writeFileSync(RESULTS, `${report}\n${keptHistory()}`);
  process.stdout.write(report);
  const failed = runs.some((run) => run.failures.length > 0);
  process.exitCode = failed ? 1 : 0;
}

await main();

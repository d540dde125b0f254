import type { CaseKind } from './fuzz-cases.ts';
import type { FuzzFailure, ToolStats } from './fuzz-tool.ts';

export type VendorRun = { readonly vendor: string; readonly stats: readonly ToolStats[]; readonly failures: readonly FuzzFailure[]; readonly wallMs: number };

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function packageRows(runs: readonly VendorRun[]): string[] {
  return runs.map((run) => {
    const calls = sum(run.stats.map((s) => s.calls));
    const valid = sum(run.stats.map((s) => s.valid));
    const succeeded = sum(run.stats.map((s) => s.validSucceeded));
    const sent = sum(run.stats.map((s) => s.requestsSent));
    return `| \`@vendor-mcp/${run.vendor}\` | ${run.stats.length} | ${calls} | ${valid} | ${succeeded} | ${sent} | ${run.failures.length} | ${(run.wallMs / 1000).toFixed(1)} s |`;
  });
}

function kindRows(runs: readonly VendorRun[]): string[] {
  const totals = new Map<CaseKind, number>();
  for (const stats of runs.flatMap((run) => run.stats)) for (const [kind, count] of Object.entries(stats.byKind)) totals.set(kind as CaseKind, (totals.get(kind as CaseKind) ?? 0) + count);
  return [...totals].sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, count]) => `| ${kind} | ${count} |`);
}

function failureBlocks(runs: readonly VendorRun[]): string[] {
  const failures = runs.flatMap((run) => run.failures.map((failure) => ({ vendor: run.vendor, failure })));
  if (failures.length === 0) return ['None: every call kept every invariant.'];
  return failures.flatMap(({ vendor, failure }) => [
    `### ${vendor} \`${failure.tool}\``,
    '',
    `Replay: \`npx tsx scripts/fuzz/replay.ts ${vendor} ${failure.tool} ${failure.seed} ${failure.path}\` (tool seed ${failure.seed}, path ${failure.path}).`,
    '',
    ...failure.violations.map((v) => `- **${v.invariant}**: ${v.detail.slice(0, 400).replace(/\n/g, ' ')}`),
    '',
    '```json',
    JSON.stringify(failure.counterexample).slice(0, 1500),
    '```',
    '',
  ]);
}

export function renderFuzzResults(input: { readonly runs: readonly VendorRun[]; readonly seed: number; readonly runsPerTool: number; readonly command: string }): string {
  const { runs } = input;
  const total = sum(runs.flatMap((run) => run.stats.map((s) => s.calls)));
  return [
    '# Fuzz campaign: results',
    '',
    `Seed ${input.seed}, ${input.runsPerTool} calls per tool, ${total} calls in all. Rerun: \`${input.command}\`.`,
    '',
    'Each call goes to the built server over stdio (the SDK v2 client; non-object `arguments` over a raw JSON-RPC connection), which talks to the doc-validating simulator. Invariants: no crash or hang; every reply a valid result or JSON-RPC error; input the schema rejects is refused with zero HTTP requests; every request sent validates against the vendor doc; path values never change the path or host; no stack trace, file path, secret or raw exception message in a reply. Every call has a 20 s deadline.',
    '',
    '| Package | Tools | Calls | Schema-valid calls | …answered without error | HTTP requests sent | Failing tools | Wall |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...packageRows(runs),
    '',
    '## Calls by kind',
    '',
    '| Kind | Calls |',
    '| --- | --- |',
    ...kindRows(runs),
    '',
    '## Failures in this run',
    '',
    ...failureBlocks(runs),
    '',
  ].join('\n');
}

import type { BenchResults } from './bench-results.ts';
import type { PeerCoverage } from './peer-coverage.ts';
import type { ServerCell } from './server-bench.ts';

/** How the token rows and the peers' table word the peers' "no parameter lost" check (peer-coverage.ts). */

const of = (coverage: { readonly listed: number; readonly expected: number }) => `${coverage.listed} of ${coverage.expected}`;

function find(input: { readonly results: BenchResults; readonly spec: string; readonly generator: string }): PeerCoverage | undefined {
  return input.results.peerCoverage?.find((item) => item.spec === input.spec && item.generator === input.generator);
}

/** ", which lists 40 of 97 parameters and body fields; ours lists 97 of 97" for the token row's peer. */
export function listedClause(input: { readonly results: BenchResults; readonly spec: string; readonly peer: string }): string {
  const peer = find({ results: input.results, spec: input.spec, generator: input.peer });
  const ours = input.results.coverage.find((item) => item.spec === input.spec);
  if (peer === undefined) return '';
  return `, which lists ${of(peer)} parameters and body fields${ours ? `; ours lists ${of({ listed: ours.covered, expected: ours.expected })}` : ''}`;
}

/** Informative, no verdict: the ratio against the leanest peer whose listing names every parameter. */
export function fullListingRow(input: { readonly results: BenchResults; readonly spec: string; readonly label: string; readonly ours: ServerCell; readonly peers: readonly ServerCell[] }): { target: string; measured: string; verdict: string } {
  const target = `Tokens per tool vs the leanest peer that lists every parameter (informative, not the issue's target): ${input.label}`;
  const checked = input.peers.map((cell) => ({ cell, coverage: find({ results: input.results, spec: input.spec, generator: cell.generator }) }));
  const complete = checked.filter((item) => item.coverage !== undefined && item.coverage.expected === item.coverage.listed).sort((a, b) => a.cell.tokensPerTool! - b.cell.tokensPerTool!)[0];
  if (complete === undefined || input.ours.tokensPerTool === undefined) {
    const partial = checked.filter((item) => item.coverage !== undefined).map((item) => `${item.cell.generator} lists ${of(item.coverage!)}`);
    return { target, measured: `no peer lists every parameter${partial.length > 0 ? ` (${partial.join('; ')})` : ''}`, verdict: 'informative' };
  }
  const ratio = input.ours.tokensPerTool / complete.cell.tokensPerTool!;
  return { target, measured: `${Math.round(ratio * 100)} % (ours ${input.ours.tokensPerTool} vs ${complete.cell.generator} ${complete.cell.tokensPerTool}, which lists ${of(complete.coverage!)})`, verdict: 'informative' };
}

/** Rows of the "No parameter lost (peers)" table. */
export function peerCoverageRows(results: BenchResults): string[][] {
  return (results.peerCoverage ?? []).map((item) => {
    const label = results.specs.find((spec) => spec.id === item.spec)?.label ?? item.spec;
    const missing = item.notListed.length === 0 ? 'none' : `${item.notListed.length}: ${item.notListed.slice(0, 3).join('; ').replace(/\|/g, '/')}${item.notListed.length > 3 ? '; …' : ''}`;
    return [label, item.generator, `${item.operations}${item.withoutTool > 0 ? ` (${item.withoutTool} without a tool)` : ''}`, String(item.expected), String(item.listed), missing];
  });
}

/**
 * The targets rows of the largest real specs (issue 19): per spec, the cold generation's wall and
 * peak RSS against the leanest peer's, and whether our package type-checks (its own build) and lists
 * its tools in both modes.
 */
import type { BenchResults } from './bench-results.ts';
import type { LargeServer } from './large-server.ts';
import { verdict, x, type TargetRow } from './target-row.ts';

type Large = NonNullable<BenchResults['large']>;
type Cell = Large['cells'][number];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** A start of tens of milliseconds would read "0.0 s". */
const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : seconds(ms));
const peak = (cell: Cell) => `${Math.round(cell.rssMb.median)} MB`;

/** A failed peer's cell says where it stopped: "openapi-mcp-generator failed after 7.3 s (peak 1444 MB): RangeError: Invalid string length". */
function peerFailure(cell: Cell | undefined): string {
  if (!cell) return 'no peer output';
  const reason = /\b\w*Error: [^|\n]*/.exec(cell.failure ?? '')?.[0] ?? cell.failure ?? 'no reason given';
  return `no peer output (${cell.generator} failed after ${seconds(cell.wallMs.median)}, peak ${peak(cell)}: ${reason.slice(0, 120)})`;
}

function generationRow(input: { readonly label: string; readonly ours: Cell | undefined; readonly peer: Cell | undefined; readonly failedPeer: Cell | undefined }): TargetRow {
  const { ours, peer } = input;
  const target = `Largest spec generates, wall and peak RSS ≤ leanest peer: ${input.label}`;
  if (!ours) return { target, measured: 'not run', verdict: verdict(undefined) };
  if (!ours.ok) return { target, measured: `ours failed: ${ours.failure ?? ''} (peak ${peak(ours)})`, verdict: '**MISSED** (ours failed)' };
  const mine = `ours ${seconds(ours.wallMs.median)}, ${peak(ours)}`;
  if (!peer) return { target, measured: `${mine}; ${peerFailure(input.failedPeer)}`, verdict: verdict(undefined) };
  const met = ours.wallMs.median <= peer.wallMs.median && ours.rssMb.median <= peer.rssMb.median;
  return { target, measured: `${mine}; ${peer.generator} ${seconds(peer.wallMs.median)}, ${peak(peer)} (${x(ours.wallMs.median / peer.wallMs.median)} wall, ${x(ours.rssMb.median / peer.rssMb.median)} RSS)`, verdict: verdict(met) };
}

function buildClause(server: LargeServer): string {
  const peakMb = server.build.peakMb === undefined ? '' : `, peak ${Math.round(server.build.peakMb)} MB`;
  return `build (tsc, bundle, code cache) ${seconds(server.build.wallMs)}${peakMb}`;
}

function listingRow(input: { readonly label: string; readonly ours: Cell | undefined; readonly server: LargeServer | undefined }): TargetRow {
  const { ours, server } = input;
  const target = `Largest spec type-checks and lists tools (default and all modes): ${input.label}`;
  if (ours && !ours.ok) return { target, measured: 'ours did not generate', verdict: '**MISSED** (ours failed)' };
  if (!server) return { target, measured: 'not run', verdict: verdict(undefined) };
  if (!server.build.ok) return { target, measured: `${buildClause(server)}: FAILED (${server.build.detail ?? 'no detail'})`, verdict: '**MISSED** (build failed)' };
  const auto = server.cells.find((cell) => cell.mode === 'auto (default)');
  const all = server.cells.find((cell) => cell.mode === 'all');
  const failed = server.cells.filter((cell) => cell.failure !== undefined);
  const listed = (cell: typeof auto) => (cell === undefined ? 'not started' : cell.failure !== undefined ? `FAILED (${cell.failure})` : `${cell.tools.toLocaleString('en-US')} tools, first tools/list ${duration(cell.startMs.median)}`);
  // Every tool of tools.json listed in all mode, and the default mode answering at all, or it is a miss.
  const met = auto !== undefined && all !== undefined && failed.length === 0 && auto.tools > 0 && server.toolsInPackage > 0 && all.tools === server.toolsInPackage;
  return { target, measured: `${buildClause(server)}; default (auto) ${listed(auto)}; all ${listed(all)} of ${server.toolsInPackage.toLocaleString('en-US')}`, verdict: verdict(met) };
}

export function largeRows(large: Large | undefined): TargetRow[] {
  return (large?.specs ?? []).flatMap((spec) => {
    const cells = large!.cells.filter((cell) => cell.spec === spec.id);
    const ours = cells.find((cell) => cell.generator === 'vendor-mcp');
    const peer = cells.find((cell) => cell.generator !== 'vendor-mcp' && cell.ok);
    const rows = [generationRow({ label: spec.label, ours, peer, failedPeer: cells.find((cell) => cell.generator !== 'vendor-mcp' && !cell.ok) })];
    // Results written before the build and listing were measured have no `servers`: no row to claim.
    if (large!.servers !== undefined) rows.push(listingRow({ label: spec.label, ours, server: large!.servers.find((item) => item.spec === spec.id) }));
    return rows;
  });
}

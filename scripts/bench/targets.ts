import type { BenchResults } from './bench-results.ts';
import { isOurs, OURS, OURS_REGENERATION } from './generation-bench.ts';
import type { ServerCell } from './server-bench.ts';
import { fullListingRow, listedClause } from './peer-coverage-rows.ts';
import { largeRows } from './large-rows.ts';
import { tokenFloorRow } from './token-floor.ts';
import { linearFit, type Spread } from './stats.ts';
import { verdict, x, type TargetRow } from './target-row.ts';

const PEERS_FOR_RSS = ['kubb', 'orval'];

function profileNote(results: BenchResults): string | undefined {
  const profile = results.profile;
  if (profile === undefined) return undefined;
  const share = (test: (name: string) => boolean) => profile.byFunction.filter((row) => test(row.name)).reduce((sum, row) => sum + row.share, 0);
  const pct = (value: number) => `${Math.round(value * 100)} %`;
  const gc = share((name) => name.startsWith('(garbage collector)'));
  const io = share((name) => /^(writeFileUtf8|writeFileSync|writeSync|unlink|copyFile|mkdir|rename|rmdir|lstat|open|close|fsync|readFileUtf8|readFileSync|read|link) /.test(name));
  const loading = share((name) => / node:internal\/(modules|deps)|^wrapSafe |^compileSourceTextModule |^Script node:vm/.test(name));
  const printing = share((name) => / (ts-morph|@ts-morph\/common|code-block-writer)\//.test(name));
  const ours = share((name) => /\.cache\/generator-[0-9a-f]+\.cjs|generator\//.test(name));
  const files = results.generation.find((cell) => cell.generator === 'vendor-mcp' && cell.spec === 'github')?.files ?? '?';
  return `Where the time goes (profile of a cold GitHub REST generation at the end; shares of sampled CPU among the top functions): file system work for ${files} files (create, write, flush) ≈ ${pct(io)}, module loading (the one-file generator bundle from its V8 code cache, ts-morph with the TypeScript compiler inside it) ≈ ${pct(loading)}, garbage collection ≈ ${pct(gc)}, ts-morph printing ≈ ${pct(printing)}, our IR and emit code ≈ ${pct(ours)}. openapi-mcp-generator writes one source file per spec (8 files) with no output schemas or validators; our package has one typed module per tool (input JSON Schema, strict zod validator, output schema, HTTP binding) plus tools.json, so it has ~10× more bytes and ~150× more files to write.`;
}

export function targetRows(input: { readonly results: BenchResults; readonly servers: readonly ServerCell[] }): { readonly rows: TargetRow[]; readonly notes: string[] } {
  const { results, servers } = input;
  const rows: TargetRow[] = [];
  const notes: string[] = [];
  const publicSpecs = results.specs.filter((spec) => spec.subsetOf === undefined);
  let generationMissed = false;
  for (const spec of publicSpecs) {
    const cells = results.generation.filter((cell) => cell.spec === spec.id);
    const ours = cells.find((cell) => cell.generator === OURS);
    const peers = cells.filter((cell) => !isOurs(cell.generator) && cell.ok);
    if (!ours) continue;
    const fastest = peers.sort((a, b) => a.wallMs.median - b.wallMs.median)[0];
    const wallRatio = fastest ? ours.wallMs.median / fastest.wallMs.median : undefined;
    if (wallRatio !== undefined && wallRatio > 1) generationMissed = true;
    rows.push({ target: `Generation ≤ 1.0× fastest peer: ${spec.label}`, measured: fastest ? `${x(wallRatio!)} (ours ${Math.round(ours.wallMs.median)} ms vs ${fastest.generator} ${Math.round(fastest.wallMs.median)} ms; CPU ${x(ours.cpuMs.median / fastest.cpuMs.median)})` : 'no peer produced output', verdict: ours.ok ? verdict(wallRatio === undefined ? undefined : wallRatio <= 1) : '**MISSED** (ours failed)' });
    const again = cells.find((cell) => cell.generator === OURS_REGENERATION);
    if (again) {
      const againRatio = fastest ? again.wallMs.median / fastest.wallMs.median : undefined;
      rows.push({
        target: `Regeneration, nothing changed ≤ 0.5× fastest peer's generation: ${spec.label}`,
        measured: fastest ? `${x(againRatio!)} (ours ${Math.round(again.wallMs.median)} ms vs ${fastest.generator} ${Math.round(fastest.wallMs.median)} ms; CPU ${x(again.cpuMs.median / fastest.cpuMs.median)})` : 'no peer produced output',
        verdict: again.ok ? verdict(againRatio === undefined ? undefined : againRatio <= 0.5) : '**MISSED** (ours failed)',
      });
    }
    const rssParts = PEERS_FOR_RSS.map((peer) => {
      const cell = cells.find((item) => item.generator === peer);
      if (!cell) return { text: `${peer}: not run`, met: undefined };
      const peak = Math.max(...cell.runs.map((run) => (run.maxRssKb ?? 0) / 1024));
      if (!cell.ok) return { text: peak > 0 ? `${peer} failed (peak ${Math.round(peak)} MB before failing)` : `${peer}: no output within its time cap`, met: peak > 0 && ours.rssMb.median < peak ? true : undefined };
      return { text: `${peer} ${Math.round(cell.rssMb.median)} MB`, met: ours.rssMb.median < cell.rssMb.median };
    });
    const rssMet = rssParts.some((part) => part.met === false) ? false : rssParts.every((part) => part.met === undefined) ? undefined : true;
    rows.push({ target: `Peak RSS below kubb and orval: ${spec.label}`, measured: `ours ${Math.round(ours.rssMb.median)} MB; ${rssParts.map((part) => part.text).join('; ')}`, verdict: verdict(rssMet) });
  }
  const series = results.growth
    .filter((cell) => cell.ok && (cell.spec === 'github' || results.specs.find((spec) => spec.id === cell.spec)?.subsetOf === 'github'))
    .map((cell) => ({ cell, operations: results.specs.find((spec) => spec.id === cell.spec)!.operations }))
    .sort((a, b) => a.operations - b.operations);
  if (series.length >= 4) {
    // CPU time, not wall: on the shared machine wall time mostly measures waiting for a core.
    const fit = linearFit(series.map(({ cell, operations }) => [operations, cell.cpuMs.median] as const));
    const bytesFit = linearFit(series.map(({ cell, operations }) => [operations, cell.bytes] as const));
    // A quadratic step shows as a marginal cost that grows with size. Later GitHub paths carry bigger
    // schemas (output per operation grows 10 → 14 KB), so the marginal cost is taken per output byte.
    const marginal = (a: (typeof series)[number], b: (typeof series)[number]) => (b.cell.cpuMs.median - a.cell.cpuMs.median) / Math.max(1, b.cell.bytes - a.cell.bytes);
    const lower = marginal(series[0]!, series[1]!);
    const upper = marginal(series[series.length - 2]!, series[series.length - 1]!);
    const growth = upper / lower;
    rows.push({
      target: 'Linear growth (GitHub REST at 25/50/75/100 %)',
      measured: `CPU r² ${fit.r2.toFixed(3)}, ${Math.round(fit.slope * 100)} ms per 100 ops over ${Math.round(fit.intercept)} ms fixed; output r² ${bytesFit.r2.toFixed(3)}, ${Math.round((bytesFit.slope * 100) / 1024)} KB per 100 ops; CPU per output MB in the top slice step ${(upper * 1024 * 1024).toFixed(0)} ms vs ${(lower * 1024 * 1024).toFixed(0)} ms in the bottom one (${growth.toFixed(2)}×)`,
      verdict: verdict(fit.r2 >= 0.95 && bytesFit.r2 >= 0.95 && growth <= 1.5),
    });
  } else rows.push({ target: 'Linear growth', measured: 'needs the full run (GitHub slices)', verdict: 'not measurable' });
  for (const spec of [...publicSpecs.map((item) => item.id)]) {
    const cells = servers.filter((cell) => cell.spec === spec);
    const ours = cells.find((cell) => cell.generator === 'vendor-mcp');
    if (!ours?.startMs) continue;
    // Bare node from the same rounds as this spec's starts: the load of the moment hits both alike.
    const bare = ours.bareNodeMs?.median ?? results.bareNodeMs?.median;
    const peers = cells.filter((cell) => cell.generator !== 'vendor-mcp' && cell.startMs !== undefined).sort((a, b) => a.startMs!.median - b.startMs!.median);
    const fastest = peers[0];
    const label = results.specs.find((item) => item.id === spec)?.label ?? spec;
    const peerRatio = fastest ? ours.startMs.median / fastest.startMs!.median : undefined;
    rows.push({ target: `Cold start ≤ 0.8× fastest peer server: ${label}`, measured: fastest ? `${x(peerRatio!)} (ours ${Math.round(ours.startMs.median)} ms vs ${fastest.generator} ${Math.round(fastest.startMs!.median)} ms)` : 'no peer server answered tools/list', verdict: verdict(peerRatio === undefined ? undefined : peerRatio <= 0.8) });
    if (bare !== undefined) rows.push({ target: `Cold start ≤ 2.5× bare node: ${label}`, measured: `${x(ours.startMs.median / bare)} (${Math.round(ours.startMs.median)} ms vs ${Math.round(bare)} ms${ours.bareNodeMs === undefined ? '' : ' in the same rounds'})`, verdict: verdict(ours.startMs.median / bare <= 2.5) });
    const leanest = cells.filter((cell) => cell.generator !== 'vendor-mcp' && cell.tokensPerTool !== undefined).sort((a, b) => a.tokensPerTool! - b.tokensPerTool!)[0];
    const coverage = results.coverage.find((item) => item.spec === spec);
    const tokenRatio = leanest && ours.tokensPerTool !== undefined ? ours.tokensPerTool / leanest.tokensPerTool! : undefined;
    rows.push({
      target: `Model-visible tokens per tool (o200k_base) ≤ 60 % of leanest peer, no parameter lost: ${label}`,
      measured: `${tokenRatio === undefined ? 'no peer listed tools' : `${Math.round(tokenRatio * 100)} % (ours ${ours.tokensPerTool} vs ${leanest!.generator} ${leanest!.tokensPerTool}${listedClause({ results, spec, peer: leanest!.generator })})`}; parameters lost: ${coverage ? coverage.lost.length : '?'}`,
      verdict: verdict(tokenRatio === undefined ? undefined : tokenRatio <= 0.6 && coverage !== undefined && coverage.lost.length === 0),
    });
    rows.push(fullListingRow({ results, spec, label, ours, peers: cells.filter((cell) => cell.generator !== 'vendor-mcp' && cell.tokensPerTool !== undefined) }));
    if (ours.tokenFloors && tokenRatio !== undefined && tokenRatio > 0.6) rows.push(tokenFloorRow({ label, floors: ours.tokenFloors, peer: { generator: leanest!.generator, tokensPerTool: leanest!.tokensPerTool! } }));
    if (ours.listShares && tokenRatio !== undefined && tokenRatio > 0.6) {
      const shares = ours.listShares;
      const part = (key: keyof typeof shares) => shares[key];
      notes.push(`${label}: of our tools/list bytes, outputSchema is ${Math.round(part('outputSchema') * 100)} %, inputSchema ${Math.round(part('inputSchema') * 100)} %, description ${Math.round(part('description') * 100)} %, annotations ${Math.round(part('annotations') * 100)} %. ${leanest!.generator} lists no output schemas${leanest!.generator === 'openapi-mcp-generator' && spec === 'stripe' ? ' and sends every Stripe form body as one opaque string' : ''}.`);
    }
  }
  rows.push(...largeRows(results.large));
  const startMissed = rows.some((row) => row.target.startsWith('Cold start') && row.verdict.includes('MISSED'));
  const serverProfile = results.serverProfile;
  if (startMissed && serverProfile) {
    const share = (test: (name: string) => boolean) => Math.round(serverProfile.byFunction.filter((row) => test(row.name)).reduce((sum, row) => sum + row.share, 0) * 100);
    notes.push(`Cold start (profile of our ${serverProfile.spec} server at the end): compiling the one-file bundle or reading its code cache ≈ ${share((name) => /^(compileSourceTextModule|wrapSafe|Script) /.test(name))} %, garbage collection ≈ ${share((name) => name.startsWith('(garbage collector)'))} %, running the bundle's top level (each tool module's input and output JSON Schema objects; zod validators are built on a tool's first call, not at start) ≈ ${share((name) => / dist\/(bin\.js|server\.cjs):/.test(name))} %. Start-up grows with the bytes of schema the bundle carries, so the size of the output schemas (the tokens rows) drives it too, and serialising a large tools/list is part of the time to the first answer.`);
  }
  const overhead = results.callOverhead;
  if (overhead && !('error' in overhead)) {
    // Median of the blocks' percentile shifts, with min–max and the control's noise floor (results-markdown.ts says why).
    const blocks = (spread: Spread | undefined) => (spread === undefined ? '' : ` (blocks ${spread.min.toFixed(2)}–${spread.max.toFixed(2)} ms)`);
    const floor = overhead.controlP99PerBlock === undefined ? '' : `; control (nothing added) ${overhead.controlP99PerBlock.median.toFixed(2)} ms`;
    rows.push({ target: 'Per-call overhead ≤ 1 ms p50', measured: `${overhead.addedMs.p50.toFixed(2)} ms${blocks(overhead.addedP50PerBlock)} over ${overhead.calls} interleaved rounds`, verdict: verdict(overhead.addedMs.p50 <= 1) });
    rows.push({ target: 'Per-call overhead ≤ 3 ms p99', measured: `${overhead.addedMs.p99.toFixed(2)} ms${blocks(overhead.addedP99PerBlock)}${floor}`, verdict: verdict(overhead.addedMs.p99 <= 3) });
  } else rows.push({ target: 'Per-call overhead', measured: overhead ? overhead.error : 'not run', verdict: 'not measurable' });
  const discovery = results.discovery;
  rows.push(
    discovery?.supported
      ? { target: 'Discovery mode ≤ 1,500 tokens whatever the spec', measured: discovery.rows.map((row) => `${row.spec} ${row.tokens}`).join(', '), verdict: verdict(discovery.rows.every((row) => row.tokens <= 1500)) }
      : { target: 'Discovery mode ≤ 1,500 tokens whatever the spec', measured: discovery ? discovery.reason : 'not run', verdict: 'not measurable yet' },
  );
  const http = results.http;
  rows.push(http?.supported ? { target: 'HTTP throughput (reported, no target)', measured: http.rows.map((row) => `${row.clients} clients: ${row.callsPerSecond}/s`).join(', '), verdict: 'measured' } : { target: 'HTTP throughput (reported, no target)', measured: http ? http.reason : 'not run', verdict: 'not measurable yet' });
  const oursServers = servers.filter((cell) => cell.generator === 'vendor-mcp');
  const passing = oursServers.filter((cell) => cell.typecheck.ok && cell.tools !== undefined && cell.tools > 0);
  rows.push({ target: '100 % of our outputs type-check and answer tools/list', measured: `${passing.length} of ${oursServers.length}`, verdict: verdict(oursServers.length === 0 ? undefined : passing.length === oursServers.length) });
  if (generationMissed) {
    const note = profileNote(results);
    if (note) notes.unshift(note);
  }
  return { rows, notes };
}

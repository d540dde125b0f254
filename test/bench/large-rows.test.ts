import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../scripts/bench/bench-results.ts';
import { largeRows } from '../../scripts/bench/large-rows.ts';
import type { LargeServer } from '../../scripts/bench/large-server.ts';
import type { ScaleCell } from '../../scripts/bench/scale-server.ts';

type Large = NonNullable<BenchResults['large']>;
type Cell = Large['cells'][number];

const one = (median: number) => ({ median, min: median, max: median, runs: 1 });
const SPEC = { id: 'graph-beta', label: 'Microsoft Graph beta', source: 'test', file: 'x.json', operations: 22_000, bytes: 47e6 };

function cell(input: { readonly generator: string; readonly wallMs: number; readonly rssMb: number; readonly ok?: boolean }): Cell {
  const ok = input.ok ?? true;
  return { generator: input.generator, spec: SPEC.id, operations: SPEC.operations, runs: [], wallMs: one(input.wallMs), cpuMs: one(input.wallMs), rssMb: one(input.rssMb), ok, files: 1, bytes: 1, outDir: '/x', ...(ok ? {} : { failure: 'heap out of memory' }) };
}

function mode(input: { readonly mode: ScaleCell['mode']; readonly tools: number; readonly failure?: string; readonly startMs?: number }): ScaleCell {
  return { mode: input.mode, startMs: one(input.startMs ?? 3000), listMs: one(900), rssMb: one(400), tools: input.tools, listBytes: 1024, ...(input.failure ? { failure: input.failure } : {}) };
}

function server(input: { readonly toolsInPackage?: number; readonly auto?: number; readonly all?: number; readonly buildOk?: boolean; readonly failure?: string }): LargeServer {
  const buildOk = input.buildOk ?? true;
  return {
    spec: SPEC.id,
    toolsInPackage: input.toolsInPackage ?? 22_194,
    build: { ok: buildOk, wallMs: 95_000, errors: 0, peakMb: 20_000, ...(buildOk ? {} : { detail: 'build died: SIGKILL', lastLines: 'Killed' }) },
    cells: buildOk ? [mode({ mode: 'auto (default)', tools: input.auto ?? 4 }), mode({ mode: 'all', tools: input.all ?? 22_194, ...(input.failure ? { failure: input.failure } : {}) })] : [],
  };
}

function rows(input: { readonly ours: Cell; readonly peer?: Cell; readonly servers?: readonly LargeServer[] }) {
  return largeRows({ specs: [SPEC], cells: [input.ours, ...(input.peer ? [input.peer] : [])], ...(input.servers ? { servers: input.servers } : {}) });
}

const PEER = 'openapi-mcp-generator';

describe('largeRows: wall and peak RSS against the leanest peer', () => {
  it('is met at equal wall and equal RSS (the boundary), and missed one millisecond or one MB over', () => {
    expect(rows({ ours: cell({ generator: 'vendor-mcp', wallMs: 9000, rssMb: 1700 }), peer: cell({ generator: PEER, wallMs: 9000, rssMb: 1700 }) })[0]).toMatchObject({ verdict: 'met', measured: `ours 9.0 s, 1700 MB; ${PEER} 9.0 s, 1700 MB (1.00× wall, 1.00× RSS)` });
    expect(rows({ ours: cell({ generator: 'vendor-mcp', wallMs: 9001, rssMb: 1700 }), peer: cell({ generator: PEER, wallMs: 9000, rssMb: 1700 }) })[0]!.verdict).toBe('**MISSED**');
    expect(rows({ ours: cell({ generator: 'vendor-mcp', wallMs: 9000, rssMb: 1701 }), peer: cell({ generator: PEER, wallMs: 9000, rssMb: 1700 }) })[0]!.verdict).toBe('**MISSED**');
  });

  it('cannot be judged without a peer output (missing or failed peer), and says where a failed peer stopped', () => {
    const ours = cell({ generator: 'vendor-mcp', wallMs: 16_000, rssMb: 1830 });
    expect(rows({ ours })[0]).toMatchObject({ verdict: 'not measurable', measured: 'ours 16.0 s, 1830 MB; no peer output' });
    expect(rows({ ours, peer: cell({ generator: PEER, wallMs: 7260, rssMb: 1444, ok: false }) })[0]).toMatchObject({ verdict: 'not measurable', measured: `ours 16.0 s, 1830 MB; no peer output (${PEER} failed after 7.3 s, peak 1444 MB: heap out of memory)` });
  });

  it('is missed when ours failed, whatever the peer did', () => {
    expect(rows({ ours: cell({ generator: 'vendor-mcp', wallMs: 96_000, rssMb: 4096, ok: false }), peer: cell({ generator: PEER, wallMs: 9000, rssMb: 1700 }) })[0]).toMatchObject({ verdict: '**MISSED** (ours failed)', measured: 'ours failed: heap out of memory (peak 4096 MB)' });
  });
});

describe('largeRows: type-checks and lists tools', () => {
  const ours = cell({ generator: 'vendor-mcp', wallMs: 16_000, rssMb: 1830 });
  const listing = (servers: readonly LargeServer[] | undefined, generated = ours) => rows({ ours: generated, ...(servers ? { servers } : {}) })[1];

  it('is met when the build passes, auto lists tools and all lists every tool of tools.json', () => {
    const row = listing([server({})])!;
    expect(row.verdict).toBe('met');
    expect(row.measured).toBe('build (tsc, bundle, code cache) 95.0 s, peak 20000 MB; default (auto) 4 tools, first tools/list 3.0 s; all 22,194 tools, first tools/list 3.0 s of 22,194');
  });

  it('a first tools/list under a second reads in milliseconds (an early answer takes tens of them), from one second on in seconds', () => {
    const timed = (startMs: number) => rows({ ours, servers: [{ ...server({}), cells: [mode({ mode: 'auto (default)', tools: 4, startMs }), mode({ mode: 'all', tools: 22_194, startMs })] }] })[1]!.measured;
    expect(timed(34.4)).toContain('default (auto) 4 tools, first tools/list 34 ms; all 22,194 tools, first tools/list 34 ms of');
    expect(timed(999)).toContain('first tools/list 999 ms;');
    expect(timed(1000)).toContain('first tools/list 1.0 s;');
  });

  it('is missed when all mode lists one tool fewer or one more than the package has', () => {
    expect(listing([server({ all: 22_193 })])!.verdict).toBe('**MISSED**');
    expect(listing([server({ all: 22_195 })])!.verdict).toBe('**MISSED**');
  });

  it('is missed when the default mode lists nothing, or a package with no tools lists none', () => {
    expect(listing([server({ auto: 0 })])!.verdict).toBe('**MISSED**');
    expect(listing([server({ toolsInPackage: 0, all: 0 })])!.verdict).toBe('**MISSED**');
  });

  it('is missed, with the reason, when a start fails', () => {
    const row = listing([server({ failure: 'reply over 96 MB' })])!;
    expect(row.verdict).toBe('**MISSED**');
    expect(row.measured).toContain('all FAILED (reply over 96 MB)');
  });

  it('is missed, with the reason and the build figures, when the build fails', () => {
    expect(listing([server({ buildOk: false })])).toEqual({ target: 'Largest spec type-checks and lists tools (default and all modes): Microsoft Graph beta', measured: 'build (tsc, bundle, code cache) 95.0 s, peak 20000 MB: FAILED (build died: SIGKILL)', verdict: '**MISSED** (build failed)' });
  });

  it('is missed when ours did not generate, and not measurable when the spec was not built', () => {
    expect(listing([], cell({ generator: 'vendor-mcp', wallMs: 1, rssMb: 1, ok: false }))!.verdict).toBe('**MISSED** (ours failed)');
    expect(listing([])).toMatchObject({ measured: 'not run', verdict: 'not measurable' });
  });

  it('adds no listing row to results written before the build was measured', () => {
    expect(listing(undefined)).toBeUndefined();
  });
});

/**
 * A server of 10,000 tools (issue 19): generated from scale-spec.ts, built with the package's own
 * build script, and started with its published bin in its default mode (`auto`, which serves
 * discovery above 200 tools) and with `--tools-mode all`. Per mode: spawn → first `tools/list`
 * answer, a second `tools/list` on the warm server, RSS, and in auto mode one `search_tools` call.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchSpec } from './bench-specs.ts';
import { ourGeneration, type GenerationCell } from './generation-bench.ts';
import type { Graveyard } from './graveyard.ts';
import { ALL_TOOLS, buildOurs, ourServerCommand, type TypecheckResult } from './server-bench.ts';
import type { ServerCommand } from './server-probe.ts';
import { scaleSpec } from './scale-spec.ts';
import { spread, type Spread } from './stats.ts';
import { initialize, spawnStdioRpc } from './stdio-rpc.ts';

export const SCALE_OPERATIONS = 10_000;

export type ScaleMode = 'auto (default)' | 'all';

export type ScaleCell = {
  readonly mode: ScaleMode;
  readonly startMs: Spread;
  /** Spawn to the answer to a `ping` after the first listing: the server loaded (ours answers that listing before it loads). */
  readonly readyMs?: Spread;
  /** A second `tools/list` on the loaded server: the listing alone. */
  readonly listMs: Spread;
  readonly rssMb: Spread;
  readonly tools: number;
  readonly listBytes: number;
  /** Auto mode: one `search_tools` call over every tool. */
  readonly searchMs?: Spread;
  readonly failure?: string;
};

export type ScaleResult = {
  readonly operations: number;
  readonly generation: GenerationCell;
  readonly build?: TypecheckResult;
  readonly bundleBytes?: number;
  readonly cacheBytes?: number;
  readonly cells: readonly ScaleCell[];
};

type Sample = { readonly startMs: number; readonly readyMs: number; readonly listMs: number; readonly rssKb: number; readonly tools: number; readonly listBytes: number; readonly searchMs?: number };

async function sampleOnce(input: { readonly server: ServerCommand; readonly search: boolean }): Promise<Sample | { readonly error: string }> {
  const started = performance.now();
  const rpc = spawnStdioRpc(input.server);
  try {
    const init = await initialize(rpc);
    if (!init.result) return { error: `initialize: ${init.error?.message ?? 'no result'}` };
    const first = await rpc.request({ method: 'tools/list' });
    const startMs = performance.now() - started;
    if (!first.result) return { error: `tools/list: ${first.error?.message ?? 'no result'}` };
    const ping = await rpc.request({ method: 'ping' });
    if (!ping.result) return { error: `ping: ${ping.error?.message ?? 'no result'}` };
    const readyMs = performance.now() - started;
    const listStarted = performance.now();
    const second = await rpc.request({ method: 'tools/list' });
    const listMs = performance.now() - listStarted;
    const rssKb = rpc.rssKb() ?? Number.NaN;
    let searchMs: number | undefined;
    if (input.search) {
      const searchStarted = performance.now();
      const found = await rpc.request({ method: 'tools/call', params: { name: 'search_tools', arguments: { query: 'update widget', limit: 5 } } });
      searchMs = performance.now() - searchStarted;
      if (!found.result || found.result['isError'] === true) return { error: `search_tools: ${found.error?.message ?? JSON.stringify(found.result).slice(0, 200)}` };
    }
    return { startMs, readyMs, listMs, rssKb, tools: ((second.result?.['tools'] ?? []) as unknown[]).length, listBytes: first.bytes, ...(searchMs === undefined ? {} : { searchMs }) };
  } finally {
    await rpc.close();
  }
}

/** Rounds alternate the two modes, after one warm-up round, so load on the machine hits both alike. */
export async function probeModes(input: { readonly server: ServerCommand; readonly starts: number }): Promise<ScaleCell[]> {
  const modes: { readonly mode: ScaleMode; readonly args: readonly string[] }[] = [
    { mode: 'auto (default)', args: [] },
    { mode: 'all', args: ALL_TOOLS },
  ];
  const samples = new Map<ScaleMode, Sample[]>(modes.map((m) => [m.mode, []]));
  const failures = new Map<ScaleMode, string>();
  for (let round = 0; round <= input.starts; round += 1) {
    for (const { mode, args } of modes) {
      if (failures.has(mode)) continue;
      const sample = await sampleOnce({ server: { ...input.server, args: [...input.server.args, ...args] }, search: mode === 'auto (default)' });
      if ('error' in sample) failures.set(mode, sample.error);
      else if (round > 0) samples.get(mode)!.push(sample);
    }
  }
  return modes.map(({ mode }): ScaleCell => {
    const taken = samples.get(mode)!;
    const last = taken[taken.length - 1];
    const searches = taken.flatMap((s) => (s.searchMs === undefined ? [] : [s.searchMs]));
    return {
      mode,
      startMs: spread(taken.map((s) => s.startMs)),
      readyMs: spread(taken.map((s) => s.readyMs)),
      listMs: spread(taken.map((s) => s.listMs)),
      rssMb: spread(taken.map((s) => s.rssKb / 1024)),
      tools: last?.tools ?? 0,
      listBytes: last?.listBytes ?? 0,
      ...(searches.length > 0 ? { searchMs: spread(searches) } : {}),
      ...(failures.has(mode) ? { failure: failures.get(mode)! } : {}),
    };
  });
}

export async function measureScale(input: { readonly root: string; readonly cellsDir: string; readonly starts: number; readonly log: (text: string) => void; readonly graveyard: Graveyard }): Promise<ScaleResult> {
  const specDir = path.join(input.root, '.cache', 'bench', 'specs');
  mkdirSync(specDir, { recursive: true });
  const file = path.join(specDir, `scale-${SCALE_OPERATIONS}.json`);
  writeFileSync(file, JSON.stringify(scaleSpec(SCALE_OPERATIONS)));
  const spec: BenchSpec = { id: 'scale-10k', label: `Synthetic ${SCALE_OPERATIONS.toLocaleString('en-US')} operations`, source: 'scripts/bench/scale-spec.ts', file, operations: SCALE_OPERATIONS, bytes: statSync(file).size };
  input.log(`scale: generating ${spec.label}`);
  const generation = await ourGeneration({ root: input.root, spec, cellsDir: input.cellsDir, runs: 1, timeoutMs: 600_000, graveyard: input.graveyard });
  if (!generation.ok) return { operations: SCALE_OPERATIONS, generation, cells: [] };
  input.log('scale: building with the package build script');
  const build = await buildOurs({ root: input.root, packageDir: generation.outDir, timeoutMs: 900_000 });
  if (!build.ok) return { operations: SCALE_OPERATIONS, generation, build, cells: [] };
  const dist = path.join(generation.outDir, 'dist');
  input.log(`scale: ${input.starts} starts per mode`);
  const cells = await probeModes({ server: ourServerCommand({ packageDir: generation.outDir, slug: spec.id }), starts: input.starts });
  return { operations: SCALE_OPERATIONS, generation, build, bundleBytes: statSync(path.join(dist, 'server.cjs')).size, cacheBytes: statSync(path.join(dist, 'server.cjs.cache')).size, cells };
}

/** results-markdown.ts's formatters, so every table of results.md prints figures alike. */
export type Formatters = {
  readonly range: (s: Spread | undefined, format: (value: number) => string) => string;
  readonly ms: (value: number) => string;
  readonly mb: (value: number) => string;
  readonly kb: (bytes: number) => string;
};

/** The results.md section: what a 10,000-tool server does by default, and what it costs. */
export function scaleMarkdown(input: { readonly scale: ScaleResult | undefined; readonly format: Formatters }): string {
  const { scale } = input;
  const { range, ms, mb, kb } = input.format;
  if (scale === undefined) return 'Not run (`npm run bench -- --only scale`).';
  const generated = `Generation ${range(scale.generation.wallMs, ms)}, peak ${range(scale.generation.rssMb, mb)}, ${scale.generation.files.toLocaleString('en-US')} files`;
  if (!scale.generation.ok) return `${generated}: FAILED (${scale.generation.failure ?? ''}).`;
  if (scale.build === undefined || !scale.build.ok) return `${generated}; build FAILED (${scale.build?.detail ?? 'not run'}).`;
  return [
    `${generated}; build (tsc, bundle, code cache) ${ms(scale.build.wallMs)}; bundle ${kb(scale.bundleBytes ?? 0)}, code cache ${kb(scale.cacheBytes ?? 0)}. Each mode started with the package's bin, rounds alternating the modes after one warm-up round.`,
    '',
    modesTable({ cells: scale.cells, format: input.format }),
  ].join('\n');
}

/** One row per mode: what a started server listed and what it cost (the 10,000-tool and the largest real specs). */
export function modesTable(input: { readonly cells: readonly ScaleCell[]; readonly format: Formatters }): string {
  const { range, ms, mb, kb } = input.format;
  const header = ['mode', 'tools listed', 'spawn → first tools/list', 'spawn → ready (ping after it)', 'tools/list again', 'search_tools call', 'RSS after start', 'tools/list (wire)'];
  const rows = input.cells.map((cell) => (cell.failure !== undefined ? [cell.mode, `FAILED: ${cell.failure.replace(/\|/g, '/')}`, '', '', '', '', '', ''] : [cell.mode, cell.tools.toLocaleString('en-US'), range(cell.startMs, ms), range(cell.readyMs, ms), range(cell.listMs, ms), range(cell.searchMs, ms), range(cell.rssMb, mb), kb(cell.listBytes)]));
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

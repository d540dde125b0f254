/**
 * `npm run bench`: generation speed and scale, server start-up, tools/list size, per-call
 * overhead and (with issue 5's serving modes) HTTP throughput and discovery, for our generator and
 * side by side with the peers, in one run on one machine. Writes results.json and results.md here.
 */
import os from 'node:os';
import path from 'node:path';
import { githubSlices, largeSpecs, publicSpecs, type BenchSpec } from './bench-specs.ts';
import { measureLargeServer, type LargeServer } from './large-server.ts';
import { parseBenchOptions, SECTIONS, type BenchOptions, type Section } from './bench-options.ts';
import { CELLS, PEER_CELLS } from './bench-paths.ts';
import { measureCallOverhead, type OverheadResult } from './call-overhead.ts';
import { ourGeneration, ourVendorCommand, peerGeneration, timeGeneration, type GenerationCell } from './generation-bench.ts';
import { requireFreeSpace, withGraveyard, type Graveyard } from './graveyard.ts';
import { profileGeneration, profileServerStart } from './generator-profile.ts';
import { measureDiscovery, measureHttpThroughput, type DiscoveryResult, type HttpResult } from './http-bench.ts';
import { machineInfo, type MachineInfo } from './machine-info.ts';
import { parameterCoverage, printIr, type Coverage } from './parameter-coverage.ts';
import { measurePeerCoverage } from './peer-coverage.ts';
import { ensureInstalled, peerAdapters, peerInstallSets, type PeerAdapter } from './peer-adapters.ts';
import type { BenchResults } from './bench-results.ts';
import { commitOf, readPreviousResults, writtenSections } from './merge-results.ts';
import { writeResultFiles } from './results-file.ts';
import { remoteSection } from './remote-section.ts';
import { measureScale } from './scale-server.ts';
import { prepareOurServer, preparePeerServer, probeInterleaved, type PreparedServer, type ServerCell } from './server-bench.ts';
import type { ProfileSummary } from './profile-summary.ts';
import { spread, type Spread } from './stats.ts';
import { runTimedChild } from '../corpus/timed-child.ts';
import buildGenerated from '../shared/build-generated.ts';
import { VENDORS } from '../shared/repo-root.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const HERE = import.meta.dirname;

/**
 * Outputs a run replaces are kept until it ends (graveyard.ts). Their peak, from the sizes of each
 * output on 2026-12-07 (du): the previous run's cells, moved aside at the start (~0.6 GB: ours
 * ~0.23 GB with their builds, the peers' ~0.38 GB of which openapi-mcp-generator's Graph 0.26 GB),
 * 5 rounds of cold outputs (ours ~45 MB a round, the peers' ~50 MB and kubb's GitHub 51 MB once),
 * Graph v1.0 cold (ours ~0.26 GB, the peer's 0.26 GB) and the 10,000-tool package: about 2 GB in
 * all. Twice that must be free on each cells folder's file system, or the run stops before starting.
 */
const FREE_BYTES_NEEDED = 4e9;
/** The sections that generate (servers builds on the generation section's outputs). */
const GENERATING: readonly Section[] = ['generation', 'servers', 'large', 'scale'];

const log = (text: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);

/** How many cold generations a peer gets on a spec: a single one where one takes most of a minute or more (peer-bench.md). */
function peerRuns(input: { readonly peer: PeerAdapter; readonly spec: BenchSpec; readonly runs: number }): number {
  return input.peer.id === 'kubb' && input.spec.operations > 200 ? 1 : input.runs;
}

function peerTimeoutMs(input: { readonly peer: PeerAdapter; readonly spec: BenchSpec }): number {
  // kubb takes ~95 s on GitHub REST on an idle machine and its output does not parse (peer-bench.md).
  if (input.peer.id === 'kubb') return 120_000;
  // orval exhausts a 4 GB heap on Stripe after ~160 s (peer-bench.md); 45 s without output says enough.
  if (input.peer.id === 'orval') return 45_000;
  return 120_000;
}

async function generationSection(input: { readonly options: BenchOptions; readonly specs: readonly BenchSpec[]; readonly slices: readonly BenchSpec[]; readonly peers: readonly PeerAdapter[]; readonly graveyard: Graveyard }) {
  const cells = new Map<string, GenerationCell>();
  const merge = (cell: GenerationCell) => {
    const key = `${cell.generator}|${cell.spec}`;
    const before = cells.get(key);
    if (before === undefined) return cells.set(key, cell);
    const runs = [...before.runs, ...cell.runs];
    const ok = before.ok && cell.ok;
    cells.set(key, { ...cell, runs, ok, ...(ok ? {} : { failure: before.failure ?? cell.failure }), wallMs: spread(runs.map((run) => run.wallMs)), cpuMs: spread(runs.map((run) => run.cpuMs ?? Number.NaN)), rssMb: spread(runs.map((run) => (run.maxRssKb ?? 0) / 1024)), files: cell.ok ? cell.files : before.files, bytes: cell.ok ? cell.bytes : before.bytes });
  };
  // Our outputs start unbuilt: a dist/ left by an earlier run's server stage would be copied and
  // unlinked by every regeneration (the write stage keeps build output), which is not generation.
  input.graveyard.bury(path.join(CELLS, 'vendor-mcp'));
  // Untimed: builds the generator bundle and its code cache (once per generator change, as any first
  // `npm run generate` does) and records the vendors' up-to-date stamps, so every timed run meets the same state.
  for (const vendor of VENDORS) {
    log(`warm-up: vendor-mcp ${vendor}`);
    const command = ourVendorCommand({ root: ROOT, vendor });
    await runTimedChild({ ...command, timeoutMs: 300_000 });
  }
  // Rounds interleave generators and specs, so a burst of load on the shared machine hits all alike.
  for (let round = 0; round < input.options.runs; round += 1) {
    for (const vendor of VENDORS) {
      log(`round ${round + 1}: vendor-mcp ${vendor}`);
      const packageDir = path.join(ROOT, 'generated', vendor);
      merge(await timeGeneration({ generator: 'vendor-mcp', spec: { id: vendor, operations: 0 }, runs: 1, timeoutMs: 120_000, outDir: packageDir, prepare: () => undefined, command: ourVendorCommand({ root: ROOT, vendor }), expectOutput: path.join(packageDir, 'tools.json') }));
    }
    for (const spec of [...input.slices, ...input.specs]) {
      log(`round ${round + 1}: vendor-mcp ${spec.id}`);
      merge(await ourGeneration({ root: ROOT, spec, cellsDir: CELLS, runs: 1, timeoutMs: 300_000, graveyard: input.graveyard }));
      if (spec.subsetOf !== undefined) continue;
      for (const kind of ['first regeneration', 'regeneration'] as const) {
        log(`round ${round + 1}: vendor-mcp ${spec.id} (${kind}, nothing changed)`);
        merge(await ourGeneration({ root: ROOT, spec, cellsDir: CELLS, runs: 1, timeoutMs: 300_000, kind, graveyard: input.graveyard }));
      }
      for (const peer of input.peers) {
        const previous = cells.get(`${peer.id}|${spec.id}`);
        if (previous && (!previous.ok || previous.runs.length >= peerRuns({ peer, spec, runs: input.options.runs }))) continue;
        log(`round ${round + 1}: ${peer.id} ${spec.id}`);
        merge(await peerGeneration({ peer, spec, cellsDir: PEER_CELLS, runs: 1, timeoutMs: peerTimeoutMs({ peer, spec }), graveyard: input.graveyard }));
      }
    }
  }
  const all = [...cells.values()];
  const sliceIds = new Set(input.slices.map((slice) => slice.id));
  return { generation: all.filter((cell) => !sliceIds.has(cell.spec)), growth: all.filter((cell) => sliceIds.has(cell.spec) || (cell.generator === 'vendor-mcp' && input.specs.some((spec) => spec.id === cell.spec))) };
}

/** One timed start per mode after the warm-up: a Graph server lists ~10,000–22,000 tools per start. */
const LARGE_STARTS = 1;

/**
 * The largest real specs, cold (never-used output folder), one run each: ours and openapi-mcp-generator,
 * the leanest peer; then our package built and started in both tool modes (large-server.ts).
 */
async function largeSection(input: { readonly peers: readonly PeerAdapter[]; readonly graveyard: Graveyard }): Promise<NonNullable<BenchResults['large']>> {
  const specs = largeSpecs(ROOT);
  const cells: GenerationCell[] = [];
  const servers: LargeServer[] = [];
  for (const spec of specs) {
    log(`large: vendor-mcp ${spec.id}`);
    const ours = await ourGeneration({ root: ROOT, spec, cellsDir: CELLS, runs: 1, timeoutMs: 600_000, graveyard: input.graveyard });
    cells.push(ours);
    for (const peer of input.peers.filter((item) => item.id === 'openapi-mcp-generator')) {
      log(`large: ${peer.id} ${spec.id}`);
      cells.push(await peerGeneration({ peer, spec, cellsDir: PEER_CELLS, runs: 1, timeoutMs: 600_000, graveyard: input.graveyard }));
    }
    // After the timed generations, so the build's page cache and memory do not bill them.
    if (ours.ok) servers.push(await measureLargeServer({ root: ROOT, packageDir: ours.outDir, spec: spec.id, starts: LARGE_STARTS, log }));
  }
  return { specs, cells, servers };
}

async function serverSection(input: { readonly options: BenchOptions; readonly specs: readonly BenchSpec[]; readonly peers: readonly PeerAdapter[]; readonly generation: readonly GenerationCell[] }): Promise<{ readonly servers: ServerCell[]; readonly bareNodeMs: number[] }> {
  const servers: ServerCell[] = [];
  const bare: number[] = [];
  const groups: { readonly spec: string; readonly prepare: (() => Promise<PreparedServer>)[] }[] = [
    ...VENDORS.map((vendor) => ({ spec: vendor, prepare: [() => prepareOurServer({ root: ROOT, packageDir: path.join(ROOT, 'generated', vendor), slug: vendor, spec: vendor })] })),
    ...input.specs.map((spec) => {
      const prepare: (() => Promise<PreparedServer>)[] = [];
      const ours = input.generation.find((cell) => cell.generator === 'vendor-mcp' && cell.spec === spec.id);
      if (ours?.ok) prepare.push(() => prepareOurServer({ root: ROOT, packageDir: ours.outDir, slug: spec.id, spec: spec.id }));
      for (const peer of input.peers) {
        if (input.generation.find((cell) => cell.generator === peer.id && cell.spec === spec.id)?.ok) {
          prepare.push(() => preparePeerServer({ root: ROOT, peer, cell: path.join(PEER_CELLS, peer.id, spec.id), spec: spec.id, typecheckTimeoutMs: input.options.quick ? 60_000 : 90_000 }));
        }
      }
      return { spec: spec.id, prepare };
    }),
  ];
  for (const group of groups) {
    log(`servers: ${group.spec} (build and type-check, then ${input.options.starts} interleaved starts)`);
    const prepared: PreparedServer[] = [];
    for (const prepare of group.prepare) prepared.push(await prepare());
    const probed = await probeInterleaved({ prepared, runs: input.options.starts, timeoutMs: 60_000 });
    servers.push(...probed.cells);
    bare.push(...probed.bareNodeMs);
  }
  return { servers, bareNodeMs: bare };
}

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2));
  if ('error' in options) {
    process.stderr.write(`${options.error}\n`);
    return 2;
  }
  const startedAt = new Date().toISOString();
  // Read before the run: a results file that cannot be merged into stops it now, not after an hour.
  if (writtenSections(options).length < writtenSections({ sections: SECTIONS }).length) readPreviousResults(path.join(HERE, 'results.json'));
  const commit = commitOf(ROOT);
  const machine = machineInfo(ROOT);
  log(`load average ${machine.loadAverage.join(' ')} on ${machine.cores} cores`);
  if (options.sections.some((section) => GENERATING.includes(section))) requireFreeSpace({ dirs: [CELLS, PEER_CELLS], bytes: FREE_BYTES_NEEDED });
  // Every output a timed run replaces is kept until the run is over, then deleted once (graveyard.ts).
  return withGraveyard({ roots: [CELLS, PEER_CELLS], body: (graveyard) => measureAndWrite({ options, startedAt, commit, machine, graveyard }) });
}

async function measureAndWrite(input: { readonly options: BenchOptions; readonly startedAt: string; readonly commit: string; readonly machine: MachineInfo; readonly graveyard: Graveyard }): Promise<number> {
  const { options, startedAt, commit, machine, graveyard } = input;
  const peers = options.peers ? peerAdapters(ROOT) : [];
  if (options.peers) for (const set of peerInstallSets()) ensureInstalled({ root: ROOT, set });
  const all = publicSpecs(ROOT);
  const specs = options.quick ? all.filter((spec) => spec.operations < 400) : all;
  const github = all.find((spec) => spec.id === 'github')!;
  const slices = options.quick ? [] : githubSlices({ root: ROOT, github, fractions: [0.25, 0.5, 0.75] });

  const wants = (section: BenchOptions['sections'][number]) => options.sections.includes(section);
  const { generation, growth } = wants('generation') || wants('servers') ? await generationSection({ options, specs, slices, peers, graveyard }) : { generation: [], growth: [] };
  const serving = wants('servers') ? await serverSection({ options, specs, peers, generation }) : undefined;
  const servers = serving?.servers ?? [];
  const bareNodeMs = serving ? spread(serving.bareNodeMs) : undefined;
  const coverage = wants('servers')
    ? specs.map((spec) => {
        log(`parameter coverage: ${spec.id}`);
        return { spec: spec.id, ...parameterCoverage({ api: printIr({ root: ROOT, spec, outDir: path.join(CELLS, 'vendor-mcp', spec.id) }), specFile: spec.file }) };
      })
    : [];
  const peerCoverage = wants('servers') ? measurePeerCoverage({ servers, specs, peers, cellOf: (peer, spec) => path.join(PEER_CELLS, peer.id, spec.id) }) : [];
  const large = wants('large') ? await largeSection({ peers, graveyard }) : undefined;
  const scale = wants('scale') ? await measureScale({ root: ROOT, cellsDir: CELLS, starts: options.starts, log, graveyard }) : undefined;
  let callOverhead: BenchResults['callOverhead'];
  if (wants('calls')) {
    // The server measured is generated/malomo/dist: built now if its sources changed since it was,
    // or `--only calls` after a runtime change would measure the old build.
    buildGenerated();
    log('per-call overhead (malomo, stdio)');
    callOverhead = await measureCallOverhead({ root: ROOT, blocks: options.blocks, perBlock: options.perBlock }).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
  }
  let http: HttpResult | undefined;
  let discovery: DiscoveryResult | undefined;
  if (wants('http')) {
    log('HTTP throughput and discovery (issue 5)');
    http = await measureHttpThroughput({ root: ROOT, clientCounts: options.quick ? [1, 8] : [1, 4, 16], seconds: options.quick ? 3 : 5 });
    const built = servers.filter((cell) => cell.generator === 'vendor-mcp' && cell.startMs !== undefined);
    const packages = [
      ...VENDORS.filter((vendor) => built.some((cell) => cell.spec === vendor)).map((vendor) => ({ spec: vendor, packageDir: path.join(ROOT, 'generated', vendor), slug: vendor })),
      ...specs.filter((spec) => built.some((cell) => cell.spec === spec.id)).map((spec) => ({ spec: spec.id, packageDir: path.join(CELLS, 'vendor-mcp', spec.id), slug: spec.id })),
    ];
    discovery = packages.length > 0 ? await measureDiscovery({ packages }) : { supported: false, reason: 'no built package (run with the servers section)' };
  }
  let profile: BenchResults['profile'];
  if (wants('generation') && !options.quick) {
    log('profile: vendor-mcp github');
    const summary = await profileGeneration({ root: ROOT, spec: github, outDir: path.join(CELLS, 'vendor-mcp-profile', 'github'), graveyard });
    if (summary) profile = { spec: github.id, ...summary };
  }
  let serverProfile: BenchResults['serverProfile'];
  const biggestServer = [...specs].reverse().find((spec) => servers.some((cell) => cell.generator === 'vendor-mcp' && cell.spec === spec.id && cell.startMs !== undefined));
  if (biggestServer) {
    log(`profile: vendor-mcp ${biggestServer.id} server start`);
    const summary = await profileServerStart({ packageDir: path.join(CELLS, 'vendor-mcp', biggestServer.id), slug: biggestServer.id });
    if (summary) serverProfile = { spec: biggestServer.id, ...summary };
  }
  const results: BenchResults = {
    startedAt, finishedAt: new Date().toISOString(), options, machine, loadAverageAtEnd: os.loadavg().map((value) => Math.round(value * 100) / 100),
    peers: peers.map((peer) => ({ id: peer.id, version: peer.version })), specs: [...specs, ...slices], generation, growth, ...(large ? { large } : {}), ...(scale ? { scale } : {}),
    servers: servers.map(({ listed: _listed, ...rest }) => rest), ...(bareNodeMs ? { bareNodeMs } : {}), coverage, peerCoverage,
    ...(callOverhead ? { callOverhead } : {}), ...(http ? { http } : {}), ...(discovery ? { discovery } : {}), ...(profile ? { profile } : {}), ...(serverProfile ? { serverProfile } : {}),
  };
  if (wants('remote')) {
    log('remote serving through nginx, shared limit and soak (issue 21; writes remote-results.md)');
    await remoteSection({ root: ROOT, here: HERE, quick: options.quick, log });
  }
  // A partial run replaces only its own sections; the others keep the run that measured them.
  if (writtenSections(options).length > 0) {
    const run = { startedAt, finishedAt: results.finishedAt, commit, options, loadAverage: machine.loadAverage, loadAverageAtEnd: results.loadAverageAtEnd };
    writeResultFiles({ dir: HERE, current: results, run, servers: wants('servers') ? servers : undefined });
    log(`wrote ${path.relative(ROOT, path.join(HERE, 'results.md'))} and results.json (${writtenSections(options).join(', ')}; other sections kept)`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

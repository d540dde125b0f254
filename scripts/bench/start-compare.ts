/**
 * `tsx scripts/bench/start-compare.ts [--runs 8] [--specs stripe,github] [--generate] [--variant label=dir]…`:
 * the server-start rows of `npm run bench` for a few specs only, without rewriting results.md —
 * ours, openapi-mcp-generator's server and bare `node -e 0`, interleaved round by round
 * (server-bench.ts), with each server's CPU at its first `tools/list` answer beside the wall time.
 * `--generate` regenerates and builds our package of each spec first; each `--variant` is another
 * built package of ours (e.g. a copy built from other runtime code), started in the same rounds;
 * their `tools/list` replies are compared byte for byte with the first one's. `--peer-cells` reads
 * the peer's bundled server from another folder than the full run's (a copy other runs cannot replace).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { publicSpecs } from './bench-specs.ts';
import { OURS, ourGeneration } from './generation-bench.ts';
import { withGraveyard } from './graveyard.ts';
import { bundleServer } from './bundle-server.ts';
import { CELLS, PEER_CELLS } from './bench-paths.ts';
import { peerAdapters } from './peer-adapters.ts';
import { ALL_TOOLS, buildOurs, ourServerCommand, probeInterleaved, type PreparedServer } from './server-bench.ts';
import type { Spread } from './stats.ts';
import { PROTOCOL_VERSION } from './stdio-rpc.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const UNCHECKED = { ok: true, wallMs: 0, errors: 0 };

type Options = { readonly runs: number; readonly specs: readonly string[]; readonly generate: boolean; readonly variants: readonly { readonly label: string; readonly dir: string }[]; readonly peerCells: string };

function parseOptions(argv: readonly string[]): Options {
  const values = (flag: string) => argv.flatMap((arg, at) => (arg === flag && argv[at + 1] !== undefined ? [argv[at + 1]!] : []));
  const variants = values('--variant').map((value) => ({ label: value.split('=')[0]!, dir: path.resolve(value.split('=').slice(1).join('=')) }));
  return { runs: Number(values('--runs')[0] ?? 8), specs: (values('--specs')[0] ?? 'stripe,github').split(','), generate: argv.includes('--generate'), variants, peerCells: path.resolve(values('--peer-cells')[0] ?? PEER_CELLS) };
}

function ours(input: { readonly generator: string; readonly spec: string; readonly packageDir: string }): PreparedServer {
  const server = ourServerCommand({ packageDir: input.packageDir, slug: input.spec });
  return { generator: input.generator, spec: input.spec, typecheck: UNCHECKED, server: { ...server, args: [...server.args, ...ALL_TOOLS] } };
}

async function omg(input: { readonly spec: string; readonly cells: string }): Promise<PreparedServer | undefined> {
  const { spec } = input;
  const peer = peerAdapters(ROOT).find((item) => item.id === 'openapi-mcp-generator')!;
  const cell = path.join(input.cells, peer.id, spec);
  const outfile = path.join(cell, 'bench-server.mjs');
  if (!existsSync(peer.entry(cell))) return undefined;
  if (!existsSync(outfile) && !(await bundleServer({ entry: peer.entry(cell), outfile })).ok) return undefined;
  return { generator: peer.id, spec, typecheck: UNCHECKED, server: { command: process.execPath, args: [outfile], cwd: cell, env: { PATH: process.env['PATH'] ?? '', ...peer.serverEnv('http://127.0.0.1:9') } } };
}

/** SHA-256 of one `tools/list` reply line exactly as the server wrote it (request 2, after `initialize`). */
function listDigest(server: PreparedServer): Promise<string> {
  const { command, args, cwd, env } = server.server!;
  const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'ignore'] });
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (let newline = buffered.indexOf(10); newline >= 0; newline = buffered.indexOf(10)) {
        const line = buffered.subarray(0, newline);
        buffered = buffered.subarray(newline + 1);
        if (!line.subarray(-8).toString().endsWith('"id":2}')) continue;
        child.kill();
        resolve(createHash('sha256').update(line).digest('hex').slice(0, 16));
      }
    });
    child.on('exit', () => resolve('failed: no tools/list reply'));
    const send = (message: Record<string, unknown>) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    send({ id: 1, method: 'initialize', params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'start-compare', version: '1.0.0' } } });
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/list' });
  });
}

const USAGE = `usage: tsx scripts/bench/start-compare.ts [--runs N] [--specs id,id] [--generate] [--variant label=dir]… [--peer-cells dir]
  specs: ${publicSpecs(ROOT).map((spec) => spec.id).join(', ')} (default stripe,github); runs: rounds after one warm-up (default 8)
`;

/** What is wrong with the options, before anything is started: a typo must not measure nothing, or the wrong specs. */
function optionsProblem(options: Options): string | undefined {
  if (!Number.isInteger(options.runs) || options.runs < 1) return '--runs needs a positive integer';
  const known = publicSpecs(ROOT).map((spec) => spec.id);
  const unknown = options.specs.filter((id) => !known.includes(id));
  return unknown.length > 0 ? `unknown spec ${unknown.join(', ')}` : undefined;
}

const fmt = (value: Spread | undefined) => (value === undefined ? '-' : `${value.median.toFixed(0)} (${value.min.toFixed(0)}–${value.max.toFixed(0)})`);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const options = parseOptions(argv);
  const problem = optionsProblem(options);
  if (problem !== undefined) {
    process.stderr.write(`${problem}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const specs = publicSpecs(ROOT).filter((spec) => options.specs.includes(spec.id));
  process.stdout.write(`load at start ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}\n`);
  for (const spec of specs) {
    const packageDir = path.join(CELLS, OURS, spec.id);
    if (options.generate) {
      // Not a timed row, but its generation runs as the bench's do; the old output is deleted after it.
      const generated = await withGraveyard({ roots: [CELLS], body: (graveyard) => ourGeneration({ root: ROOT, spec, cellsDir: CELLS, runs: 1, timeoutMs: 600_000, graveyard }) });
      if (!generated.ok) throw new Error(`generation of ${spec.id} failed: ${generated.failure}`);
      const built = await buildOurs({ root: ROOT, packageDir, timeoutMs: 600_000 });
      if (!built.ok) throw new Error(`build of ${spec.id} failed: ${built.detail}`);
    }
    const peer = await omg({ spec: spec.id, cells: options.peerCells });
    const mine = [ours({ generator: OURS, spec: spec.id, packageDir }), ...options.variants.map((variant) => ours({ generator: variant.label, spec: spec.id, packageDir: path.join(variant.dir, spec.id) }))];
    const digests = await Promise.all(mine.map(listDigest));
    const { cells } = await probeInterleaved({ prepared: [...mine, ...(peer ? [peer] : [])], runs: options.runs, timeoutMs: 60_000 });
    const peerMs = cells.find((cell) => cell.generator === peer?.generator)?.startMs?.median;
    const bare = cells[0]?.bareNodeMs;
    process.stdout.write(`${spec.id}: bare node ${fmt(bare)} ms\n`);
    for (const [at, cell] of cells.entries()) {
      const ratios = cell.startMs && peerMs ? ` ×peer ${(cell.startMs.median / peerMs).toFixed(2)} ×bare ${(cell.startMs.median / bare!.median).toFixed(2)}` : '';
      const digest = at < digests.length ? ` list ${digests[at]}${digests[at] === digests[0] ? '' : ' DIFFERS'}` : '';
      process.stdout.write(`  ${cell.generator.padEnd(24)} wall ${fmt(cell.startMs)} cpu ${fmt(cell.cpuMs)} ready ${fmt(cell.readyMs)}${ratios}${digest}${cell.failure ? ` FAILED ${cell.failure}` : ''}\n`);
    }
  }
  process.stdout.write(`load at end ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}\n`);
}

await main();

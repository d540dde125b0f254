import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { modelVisibleTokens, type ModelVisibleTool } from '../../generator/shared/model-tokens.ts';
import { tokenFloors, type TokenFloors } from './token-floor.ts';
import { baseUrlEnvName, envPrefixFor } from '../../generator/ir/naming.ts';
import { runTimedChild } from '../corpus/timed-child.ts';
import { packageBin } from '../shared/package-bin.ts';
import { bundleServer } from './bundle-server.ts';
import { useRuntime, type PeerAdapter } from './peer-adapters.ts';
import { probeServer, type ServerCommand } from './server-probe.ts';
import { spread, type Spread } from './stats.ts';

/** Our servers list every tool in the comparisons, whatever their size. */
export const ALL_TOOLS = ['--tools-mode', 'all'] as const;

/** Unroutable on purpose: start-up and tools/list never call the vendor. */
const NO_VENDOR = 'http://127.0.0.1:9';

export type TypecheckResult = {
  readonly ok: boolean;
  readonly wallMs: number;
  readonly errors: number;
  readonly detail?: string;
  /** Peak RSS of the build and its children (tsc, esbuild, the code-cache writer), from `time -v`. */
  readonly peakMb?: number;
  /** A failed build's last output lines: an out-of-memory or a killed child says why only at the end. */
  readonly lastLines?: string;
};

/** How many of a failed build's last output lines are kept. */
const LAST_LINES = 6;

export type ServerCell = {
  readonly generator: string;
  readonly spec: string;
  readonly typecheck: TypecheckResult;
  readonly startMs?: Spread;
  /** The server's CPU up to its first `tools/list` answer (server-probe.ts). */
  readonly cpuMs?: Spread;
  /** Spawn to the answer to a `ping` after the listing: when it can take a call (server-probe.ts). */
  readonly readyMs?: Spread;
  readonly rssMb?: Spread;
  readonly tools?: number;
  readonly listBytes?: number;
  /** Model-visible o200k_base tokens of every listed tool (generator/shared/model-tokens.ts). */
  readonly tokens?: number;
  readonly tokensPerTool?: number;
  readonly failure?: string;
  /** Bare `node -e 0` in the same rounds as this cell (its spec's group): the floor the ratio to bare node divides by. */
  readonly bareNodeMs?: Spread;
  /** The listed tools of one probe, for the parameter and polymorphism checks (not kept in results.json). */
  readonly listed?: readonly Record<string, unknown>[];
  /** Share of the tools/list bytes in each field of the listed tools: kept, so a later partial run can still say it. */
  readonly listShares?: Readonly<Record<(typeof LIST_FIELDS)[number], number>>;
  /** Ours only: tokens a tool of our listing cut to the floors of token-floor.ts. */
  readonly tokenFloors?: TokenFloors;
};

const LIST_FIELDS = ['outputSchema', 'inputSchema', 'description', 'annotations'] as const;

function listShares(input: { readonly tools: readonly Record<string, unknown>[]; readonly bytes: number }): NonNullable<ServerCell['listShares']> {
  const part = (key: string) => input.tools.reduce((sum, tool) => sum + (tool[key] === undefined ? 0 : JSON.stringify(tool[key]).length), 0) / Math.max(1, input.bytes);
  return Object.fromEntries(LIST_FIELDS.map((key) => [key, part(key)])) as NonNullable<ServerCell['listShares']>;
}

function countTsErrors(text: string): number {
  return (text.match(/error TS\d+/g) ?? []).length;
}

function firstError(text: string): string | undefined {
  return text.split('\n').find((line) => /error TS\d+|Error:|RangeError/.test(line))?.trim().slice(0, 240);
}

/** A built server ready to probe, or why there is none. */
export type PreparedServer = { readonly generator: string; readonly spec: string; readonly typecheck: TypecheckResult; readonly server?: ServerCommand; readonly failure?: string };

/**
 * Probes every prepared server of one spec round by round (one start each per round, after one
 * warm-up round), with bare `node -e 0` in the same rounds: on a shared machine a burst of load
 * then hits every generator's starts alike, so the ratios hold even when absolute times swing.
 */
export async function probeInterleaved(input: { readonly prepared: readonly PreparedServer[]; readonly runs: number; readonly timeoutMs: number }): Promise<{ readonly cells: ServerCell[]; readonly bareNodeMs: number[] }> {
  const starts = new Map<PreparedServer, number[]>();
  const rss = new Map<PreparedServer, number[]>();
  const cpu = new Map<PreparedServer, number[]>();
  const ready = new Map<PreparedServer, number[]>();
  const last = new Map<PreparedServer, Extract<Awaited<ReturnType<typeof probeServer>>, { ok: true }>>();
  const failed = new Map<PreparedServer, string>();
  const bare: number[] = [];
  for (let round = 0; round <= input.runs; round += 1) {
    const bareMs = await bareNodeOnce();
    if (round > 0) bare.push(bareMs);
    for (const item of input.prepared) {
      if (item.server === undefined || failed.has(item)) continue;
      const probed = await probeServer({ server: item.server, timeoutMs: input.timeoutMs });
      if (!probed.ok) {
        failed.set(item, probed.error);
        continue;
      }
      last.set(item, probed);
      if (round === 0) continue;
      starts.set(item, [...(starts.get(item) ?? []), probed.startMs]);
      if (probed.cpuMs !== undefined) cpu.set(item, [...(cpu.get(item) ?? []), probed.cpuMs]);
      if (probed.readyMs !== undefined) ready.set(item, [...(ready.get(item) ?? []), probed.readyMs]);
      if (probed.rssKb !== undefined) rss.set(item, [...(rss.get(item) ?? []), probed.rssKb / 1024]);
    }
  }
  const cells = input.prepared.map((item): ServerCell => {
    const base = { generator: item.generator, spec: item.spec, typecheck: item.typecheck, bareNodeMs: spread(bare) };
    const failure = item.failure ?? failed.get(item);
    const probed = last.get(item);
    if (failure !== undefined || probed === undefined) return { ...base, failure: failure ?? 'no probe' };
    // The same count the release budgets and the lint use, for ours and the peers alike.
    const tokens = probed.tools.reduce((sum, tool) => sum + modelVisibleTokens(tool as ModelVisibleTool), 0);
    return { ...base, startMs: spread(starts.get(item) ?? []), cpuMs: spread(cpu.get(item) ?? []), readyMs: spread(ready.get(item) ?? []), rssMb: spread(rss.get(item) ?? []), tools: probed.tools.length, listBytes: probed.listBytes, tokens, tokensPerTool: probed.tools.length > 0 ? Math.round(tokens / probed.tools.length) : 0, listed: probed.tools, listShares: listShares({ tools: probed.tools, bytes: probed.listBytes }), ...(item.generator === 'vendor-mcp' ? { tokenFloors: tokenFloors(probed.tools as ModelVisibleTool[]) } : {}) };
  });
  return { cells, bareNodeMs: bare };
}

/** `time -v` reports nothing when the cap killed it with the build: then the RSS the cap saw is the peak known. */
function peakOf(run: { readonly maxRssKb: number | undefined; readonly cappedAtMb?: number }): { peakMb?: number } {
  const peakMb = run.cappedAtMb ?? (run.maxRssKb === undefined ? undefined : run.maxRssKb / 1024);
  return peakMb === undefined ? {} : { peakMb };
}

/** Builds one of our packages with its own build script (tsc, then the esbuild bundle of the bin). */
export async function buildOurs(input: { readonly root: string; readonly packageDir: string; readonly timeoutMs: number; readonly memoryCapMb?: number }): Promise<TypecheckResult> {
  const manifest = JSON.parse(readFileSync(path.join(input.packageDir, 'package.json'), 'utf8')) as { scripts: { build: string } };
  const bin = path.join(input.root, 'node_modules', '.bin');
  const run = await runTimedChild({ command: '/bin/sh', args: ['-c', manifest.scripts.build], cwd: input.packageDir, timeoutMs: input.timeoutMs, ...(input.memoryCapMb === undefined ? {} : { memoryCapMb: input.memoryCapMb }), env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}` } });
  const output = `${run.stdout}\n${run.stderr}`;
  const ok = run.exitCode === 0 && !run.timedOut && existsSync(packageBin(input.packageDir));
  const died = run.signal ? `build died: ${run.signal}` : undefined;
  const capped = run.cappedAtMb === undefined ? undefined : `stopped at the bench's memory cap of ${input.memoryCapMb} MB (${run.cappedAtMb} MB after ${Math.round(run.wallMs / 1000)} s)`;
  const unreadable = run.memoryUnreadable ? `not built: the bench's memory cap of ${input.memoryCapMb} MB needs /proc to read the build's memory, and it cannot be read here` : undefined;
  const detail = ok ? undefined : run.timedOut ? `not done within ${input.timeoutMs / 1000} s` : unreadable ?? capped ?? firstError(output) ?? died ?? output.trim().slice(0, 240);
  const lastLines = ok ? '' : output.trim().split('\n').slice(-LAST_LINES).join('\n').slice(-1200);
  return { ok, wallMs: run.wallMs, errors: countTsErrors(output), ...(detail ? { detail } : {}), ...peakOf(run), ...(lastLines ? { lastLines } : {}) };
}

/** Every credential variable the package's vendor.ts names gets a dummy value (start-up checks they are set). */
function credentialEnv(packageDir: string): Record<string, string> {
  const vendor = readFileSync(path.join(packageDir, 'src', 'vendor.ts'), 'utf8');
  return Object.fromEntries([...vendor.matchAll(/"env": "([A-Z0-9_]+)"/g)].map((match) => [match[1]!, 'bench-token']));
}

export function ourServerCommand(input: { readonly packageDir: string; readonly slug: string; readonly baseUrl?: string }): ServerCommand {
  const baseUrlEnv = /"baseUrlEnv": "([A-Z0-9_]+)"/.exec(readFileSync(path.join(input.packageDir, 'src', 'vendor.ts'), 'utf8'))?.[1] ?? baseUrlEnvName(envPrefixFor(input.slug));
  return { command: process.execPath, args: [packageBin(input.packageDir)], cwd: input.packageDir, env: { ...serverBaseEnv(), ...credentialEnv(input.packageDir), [baseUrlEnv]: input.baseUrl ?? NO_VENDOR } };
}

export async function prepareOurServer(input: { readonly root: string; readonly packageDir: string; readonly slug: string; readonly spec: string }): Promise<PreparedServer> {
  const typecheck = await buildOurs({ root: input.root, packageDir: input.packageDir, timeoutMs: 300_000 });
  if (!typecheck.ok) return { generator: 'vendor-mcp', spec: input.spec, typecheck, failure: `build: ${typecheck.detail}` };
  // Every tool listed, as the peers list them: above 200 tools the default (auto) is discovery mode.
  const server = ourServerCommand({ packageDir: input.packageDir, slug: input.slug });
  return { generator: 'vendor-mcp', spec: input.spec, typecheck, server: { ...server, args: [...server.args, ...ALL_TOOLS] } };
}

export async function preparePeerServer(input: { readonly root: string; readonly peer: PeerAdapter; readonly cell: string; readonly spec: string; readonly typecheckTimeoutMs: number }): Promise<PreparedServer> {
  const runtime = useRuntime({ root: input.root, peer: input.peer, cell: input.cell });
  const tsconfig = input.peer.tsconfig(input.cell);
  const tsc = path.join(runtime, 'typescript', 'bin', 'tsc');
  const checked = await runTimedChild({ command: process.execPath, args: ['--max-old-space-size=4096', tsc, '--noEmit', '-p', tsconfig], cwd: path.dirname(tsconfig), timeoutMs: input.typecheckTimeoutMs });
  const output = `${checked.stdout}\n${checked.stderr}`;
  const typecheckOk = checked.exitCode === 0 && !checked.timedOut;
  const typecheck: TypecheckResult = {
    ok: typecheckOk,
    wallMs: checked.wallMs,
    errors: countTsErrors(output),
    ...(typecheckOk ? {} : { detail: checked.timedOut ? `not done within ${input.typecheckTimeoutMs / 1000} s` : firstError(output) ?? (checked.signal ? `tsc died: ${checked.signal}` : output.trim().slice(0, 240)) }),
  };
  const outfile = path.join(input.cell, 'bench-server.mjs');
  const bundled = await bundleServer({ entry: input.peer.entry(input.cell), outfile });
  if (!bundled.ok) return { generator: input.peer.id, spec: input.spec, typecheck, failure: `bundle: ${bundled.error}` };
  return { generator: input.peer.id, spec: input.spec, typecheck, server: { command: process.execPath, args: [outfile], cwd: input.cell, env: { ...serverBaseEnv(), ...input.peer.serverEnv(NO_VENDOR) } } };
}

/**
 * Builds with issue 5's invocation limit (default 120 calls a minute per principal, on stdio too)
 * would refuse most of a load test; the overhead and throughput runs switch it off.
 */
export function unlimitedCallsArgs(packageDir: string): string[] {
  return existsSync(path.join(packageDir, 'src', 'runtime', 'invocation-limit.ts')) ? ['--max-calls-per-minute', '0'] : [];
}

/**
 * What every timed server start runs in, ours, the peers' and bare node's alike: PATH, plus what a
 * server needs (credentials, its base URL), as an MCP client's config gives it. Not the bench's own
 * environment: this machine sets NODE_EXTRA_CA_CERTS, and with it every node process reads the
 * system CA bundle at start (`node -e 0` 50 ms, against 20 ms without). Bare node used to run in the
 * bench's environment and the servers in this one, so the "≤ 2.5× bare node" rows divided by a floor
 * 30 ms higher than the one the servers stood on.
 */
export function serverBaseEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '' };
}

/** `node -e 0` in the servers' environment: the floor every node server pays. */
export function bareNodeCommand(): ServerCommand {
  return { command: process.execPath, args: ['-e', '0'], cwd: process.cwd(), env: serverBaseEnv() };
}

/** Spawn to exit of bare node. */
function bareNodeOnce(): Promise<number> {
  const { command, args, cwd, env } = bareNodeCommand();
  const started = performance.now();
  return new Promise((resolve) => spawn(command, args, { cwd, env, stdio: 'ignore' }).on('exit', () => resolve(performance.now() - started)));
}

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { baseUrlEnvName, envPrefixFor } from '../../generator/ir/naming.ts';
import { runTimedChild } from '../corpus/timed-child.ts';
import { bundleServer } from './bundle-server.ts';
import { useRuntime, type PeerAdapter } from './peer-adapters.ts';
import { probeServer, type ServerCommand } from './server-probe.ts';
import { spread, type Spread } from './stats.ts';

/** Unroutable on purpose: start-up and tools/list never call the vendor. */
const NO_VENDOR = 'http://127.0.0.1:9';

export type TypecheckResult = { readonly ok: boolean; readonly wallMs: number; readonly errors: number; readonly detail?: string };

export type ServerCell = {
  readonly generator: string;
  readonly spec: string;
  readonly typecheck: TypecheckResult;
  readonly startMs?: Spread;
  readonly rssMb?: Spread;
  readonly tools?: number;
  readonly listBytes?: number;
  readonly tokens?: number;
  readonly tokensPerTool?: number;
  readonly failure?: string;
  /** The listed tools of one probe, for the parameter and polymorphism checks. */
  readonly listed?: readonly Record<string, unknown>[];
};

function countTsErrors(text: string): number {
  return (text.match(/error TS\d+/g) ?? []).length;
}

function firstError(text: string): string | undefined {
  return text.split('\n').find((line) => /error TS\d+|Error:|RangeError/.test(line))?.trim().slice(0, 240);
}

async function probeRepeatedly(input: { readonly server: ServerCommand; readonly runs: number; readonly timeoutMs: number }): Promise<Omit<ServerCell, 'generator' | 'spec' | 'typecheck'>> {
  const starts: number[] = [];
  const rss: number[] = [];
  let last: Awaited<ReturnType<typeof probeServer>> | undefined;
  // One warm-up start fills the page cache, as for every peer.
  for (let index = 0; index <= input.runs; index += 1) {
    last = await probeServer({ server: input.server, timeoutMs: input.timeoutMs });
    if (!last.ok) return { failure: last.error };
    if (index === 0) continue;
    starts.push(last.startMs);
    if (last.rssKb !== undefined) rss.push(last.rssKb / 1024);
  }
  if (last === undefined || !last.ok) return { failure: 'no probe' };
  const tokens = Math.round(last.listBytes / 4);
  return { startMs: spread(starts), rssMb: spread(rss), tools: last.tools.length, listBytes: last.listBytes, tokens, tokensPerTool: last.tools.length > 0 ? Math.round(tokens / last.tools.length) : 0, listed: last.tools };
}

/** Builds one of our packages with its own build script (tsc, then the esbuild bundle of the bin). */
export async function buildOurs(input: { readonly root: string; readonly packageDir: string; readonly timeoutMs: number }): Promise<TypecheckResult> {
  const manifest = JSON.parse(readFileSync(path.join(input.packageDir, 'package.json'), 'utf8')) as { scripts: { build: string } };
  const bin = path.join(input.root, 'node_modules', '.bin');
  const run = await runTimedChild({ command: '/bin/sh', args: ['-c', manifest.scripts.build], cwd: input.packageDir, timeoutMs: input.timeoutMs, env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}` } });
  const output = `${run.stdout}\n${run.stderr}`;
  const ok = run.exitCode === 0 && !run.timedOut && existsSync(path.join(input.packageDir, 'dist', 'bin.js'));
  const detail = ok ? undefined : run.timedOut ? `not done within ${input.timeoutMs / 1000} s` : firstError(output) ?? output.trim().slice(0, 240);
  return { ok, wallMs: run.wallMs, errors: countTsErrors(output), ...(detail ? { detail } : {}) };
}

/** Every credential variable the package's vendor.ts names gets a dummy value (start-up checks they are set). */
function credentialEnv(packageDir: string): Record<string, string> {
  const vendor = readFileSync(path.join(packageDir, 'src', 'vendor.ts'), 'utf8');
  return Object.fromEntries([...vendor.matchAll(/"env": "([A-Z0-9_]+)"/g)].map((match) => [match[1]!, 'bench-token']));
}

export function ourServerCommand(input: { readonly packageDir: string; readonly slug: string; readonly baseUrl?: string }): ServerCommand {
  const baseUrlEnv = /"baseUrlEnv": "([A-Z0-9_]+)"/.exec(readFileSync(path.join(input.packageDir, 'src', 'vendor.ts'), 'utf8'))?.[1] ?? baseUrlEnvName(envPrefixFor(input.slug));
  return { command: process.execPath, args: [path.resolve(input.packageDir, 'dist', 'bin.js')], cwd: input.packageDir, env: { PATH: process.env['PATH'] ?? '', ...credentialEnv(input.packageDir), [baseUrlEnv]: input.baseUrl ?? NO_VENDOR } };
}

export async function ourServerCell(input: { readonly root: string; readonly packageDir: string; readonly slug: string; readonly spec: string; readonly runs: number; readonly env?: Record<string, string> }): Promise<ServerCell> {
  const typecheck = await buildOurs({ root: input.root, packageDir: input.packageDir, timeoutMs: 300_000 });
  if (!typecheck.ok) return { generator: 'vendor-mcp', spec: input.spec, typecheck, failure: `build: ${typecheck.detail}` };
  const server = ourServerCommand({ packageDir: input.packageDir, slug: input.slug });
  const probed = await probeRepeatedly({ server: { ...server, env: { ...server.env, ...input.env } }, runs: input.runs, timeoutMs: 60_000 });
  return { generator: 'vendor-mcp', spec: input.spec, typecheck, ...probed };
}

export async function peerServerCell(input: { readonly root: string; readonly peer: PeerAdapter; readonly cell: string; readonly spec: string; readonly runs: number; readonly typecheckTimeoutMs: number }): Promise<ServerCell> {
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
  const server: ServerCommand = { command: process.execPath, args: [outfile], cwd: input.cell, env: { PATH: process.env['PATH'] ?? '', ...input.peer.serverEnv(NO_VENDOR) } };
  const probed = await probeRepeatedly({ server, runs: input.runs, timeoutMs: 60_000 });
  return { generator: input.peer.id, spec: input.spec, typecheck, ...probed };
}

/**
 * Builds with issue 5's invocation limit (default 120 calls a minute per principal, on stdio too)
 * would refuse most of a load test; the overhead and throughput runs switch it off.
 */
export function unlimitedCallsArgs(packageDir: string): string[] {
  return existsSync(path.join(packageDir, 'src', 'runtime', 'invocation-limit.ts')) ? ['--max-calls-per-minute', '0'] : [];
}

/** Spawn to exit of `node -e 0`: the floor every node server pays. */
export async function bareNode(runs: number): Promise<Spread> {
  const times: number[] = [];
  for (let index = 0; index <= runs; index += 1) {
    const started = performance.now();
    await new Promise<void>((resolve) => spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).on('exit', () => resolve()));
    if (index > 0) times.push(performance.now() - started);
  }
  return spread(times);
}

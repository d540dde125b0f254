import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { generationEnv } from './bench-env.ts';
import { forgetUpToDate } from '../../generator/cli-up-to-date.ts';
import { runTimedChild } from '../corpus/timed-child.ts';
import type { BenchSpec } from './bench-specs.ts';
import type { Graveyard } from './graveyard.ts';
import { outputSize } from './output-size.ts';
import type { Command, PeerAdapter } from './peer-adapters.ts';
import { spread, type Spread } from './stats.ts';

export type GenerationRun = { readonly wallMs: number; readonly cpuMs?: number; readonly maxRssKb: number | undefined; readonly ok: boolean; readonly failure?: string };
export type GenerationCell = {
  readonly generator: string;
  readonly spec: string;
  readonly operations: number;
  readonly runs: readonly GenerationRun[];
  readonly wallMs: Spread;
  /** User + system CPU: steadier than wall time when the machine is shared. */
  readonly cpuMs: Spread;
  readonly rssMb: Spread;
  readonly ok: boolean;
  readonly failure?: string;
  readonly files: number;
  readonly bytes: number;
  /** Where the last run's output is, for the server and typecheck stages. */
  readonly outDir: string;
};

const NODE_HEAP = '--max-old-space-size=4096';

/**
 * Between a run's preparation and its timing: flushes the file system's pending work, so a run is
 * not billed for another generator's files still being written back (or for the rename that moved
 * the previous output aside). Every generator, ours and the peers', gets the same settle.
 *
 * Why the previous output is renamed aside (graveyard.ts) rather than deleted: this machine's root
 * file system is ext4 without a journal (`/sys/fs/ext4/vda/journal_task` reads `<none>`,
 * `/proc/fs/jbd2/` lists nothing). In that mode ext4's inode allocator (fs/ext4/ialloc.c,
 * find_inode_bit → recently_deleted) passes over every inode freed within the last 60 s
 * (RECENTCY_MIN; 360 s while its inode-table block is still dirty), so creating files right after
 * many were deleted costs system CPU, and most for the generator that creates the most files: ours
 * writes ~1,300 for GitHub REST, openapi-mcp-generator 8. A cold GitHub run of ours right after
 * removing the last one's output read 1.79–2.18 s wall with 1.04–1.35 s of system CPU; into a
 * never-used folder with the last output renamed aside, 1.09–1.11 s with 0.23–0.24 s (and 1.86 s
 * again for such a run within 30 s of an `rm`). In blocks of 5 rounds (docs/testing.md), ours' system
 * CPU on GitHub read a median 675–700 ms with `rm`, growing round by round as freed inodes piled up
 * (230 → 1,160 ms), and 245–275 ms with the rename; openapi-mcp-generator's 100 vs 90–95 ms; user
 * CPU the same either way. A `sync` does not help: the window is counted from the deletion. A CI job
 * on a fresh clone, or a journaled ext4 or xfs, has no such rule, so a timed run that paid it would
 * be billed for the bench's own clean-up.
 */
export function settleFileSystem(): void {
  execFileSync('sync', { stdio: 'ignore' });
}

/** Our rows: a cold generation (never-used output folder), and regenerations where nothing changed. */
export const OURS = 'vendor-mcp';
/** The first regeneration after a change: runs the whole pipeline, writes nothing, records the fast path's stamp. */
export const OURS_FIRST_REGENERATION = 'vendor-mcp, 1st regeneration, nothing changed';
/** Every later one: the fast path (generator/cli-up-to-date.ts). */
export const OURS_REGENERATION = 'vendor-mcp, regeneration, nothing changed';
export const isOurs = (generator: string) => generator === OURS || generator.startsWith(`${OURS},`);

/** Our generator as `npm run generate` runs it (scripts/generate.cjs), without npm's own start-up. */
const LAUNCHER = 'scripts/generate.cjs';

/** `args` are node's flag, the launcher, then the CLI's argv (what generate.cjs sees as its own). */
export function ourGenerateCommand(input: { readonly root: string; readonly spec: BenchSpec; readonly outDir: string }): Command {
  return { command: process.execPath, args: [NODE_HEAP, LAUNCHER, '--quiet', '--spec', path.relative(input.root, input.spec.file), '--vendor', input.spec.id, '--out', path.relative(input.root, input.outDir)], cwd: input.root, env: generationEnv() };
}

export function ourVendorCommand(input: { readonly root: string; readonly vendor: string }): Command {
  return { command: process.execPath, args: [NODE_HEAP, LAUNCHER, '--quiet', input.vendor], cwd: input.root, env: generationEnv() };
}

function lastLines(text: string): string {
  const lines = text.trim().split('\n').filter((line) => line.trim() !== '');
  return lines.slice(-2).join(' | ').slice(0, 300);
}

/**
 * Why a generator failed, in its own words: the last line that names an error and is not a stack
 * frame (openapi-mcp-generator on Graph beta ends with four `at …` lines under "RangeError: Invalid
 * string length", which the last two lines alone hid), else its last two lines.
 */
export function failureReason(text: string): string {
  const named = text
    .split('\n')
    .filter((line) => !/^\s*at\s/.test(line) && /\b[A-Za-z]*Error\b/.test(line))
    .at(-1);
  return named === undefined ? lastLines(text) : named.trim().slice(0, 300);
}

/** Runs one generator on one spec `runs` times, each a cold process, and summarises. */
export async function timeGeneration(input: {
  readonly generator: string;
  readonly spec: { readonly id: string; readonly operations: number };
  readonly runs: number;
  readonly timeoutMs: number;
  readonly outDir: string;
  /** Before each run: a never-used output folder, the previous output moved aside (peers get their config written again). */
  readonly prepare: () => void;
  /** Run after `prepare`, outside the timing (default: settleFileSystem). */
  readonly settle?: () => void;
  readonly command: Command;
  /** A run only counts as ok if the output is where it should be. */
  readonly expectOutput: string;
}): Promise<GenerationCell> {
  const runs: GenerationRun[] = [];
  for (let index = 0; index < input.runs; index += 1) {
    input.prepare();
    (input.settle ?? settleFileSystem)();
    const run = await runTimedChild({ ...input.command, timeoutMs: input.timeoutMs });
    const ok = run.exitCode === 0 && !run.timedOut && existsSync(input.expectOutput);
    const failure = ok ? undefined : run.timedOut ? `no result within ${input.timeoutMs / 1000} s` : `${run.signal ?? `exit ${run.exitCode}`}: ${failureReason(run.stderr || run.stdout)}`;
    runs.push({ wallMs: run.wallMs, ...(run.cpuMs !== undefined ? { cpuMs: run.cpuMs } : {}), maxRssKb: run.maxRssKb, ok, ...(failure ? { failure } : {}) });
    if (!ok) break;
  }
  const ok = runs.every((run) => run.ok);
  const size = ok ? outputSize(input.outDir) : { files: 0, bytes: 0 };
  return {
    generator: input.generator,
    spec: input.spec.id,
    operations: input.spec.operations,
    runs,
    wallMs: spread(runs.map((run) => run.wallMs)),
    cpuMs: spread(runs.map((run) => run.cpuMs ?? Number.NaN)),
    rssMb: spread(runs.map((run) => (run.maxRssKb ?? 0) / 1024)),
    ok,
    ...(ok ? {} : { failure: runs.find((run) => !run.ok)?.failure }),
    files: size.files,
    bytes: size.bytes,
    outDir: input.outDir,
  };
}

export function peerGeneration(input: { readonly peer: PeerAdapter; readonly spec: BenchSpec; readonly cellsDir: string; readonly runs: number; readonly timeoutMs: number; readonly graveyard: Graveyard }): Promise<GenerationCell> {
  const cell = path.join(input.cellsDir, input.peer.id, input.spec.id);
  const expect = input.peer.id === 'openapi-mcp-generator' ? path.join(cell, 'out', 'src', 'index.ts') : input.peer.id === 'orval' ? path.join(cell, 'src', 'server.ts') : path.join(cell, 'src', 'gen', 'mcp', 'server.ts');
  return timeGeneration({
    generator: input.peer.id,
    spec: input.spec,
    runs: input.runs,
    timeoutMs: input.timeoutMs,
    outDir: input.peer.id === 'openapi-mcp-generator' ? path.join(cell, 'out') : path.join(cell, 'src'),
    prepare: () => input.peer.prepare({ cell, spec: input.spec, graveyard: input.graveyard }),
    command: input.peer.generate({ cell, spec: input.spec }),
    expectOutput: expect,
  });
}

/**
 * `kind` cold: into a never-used folder (the previous output is moved into the graveyard, never
 * deleted in place: settleFileSystem says why). The regenerations run right
 * after, over what the cold run wrote, with nothing changed: the first checks and records, the
 * second is the one CI and a developer's repeated `npm run generate` meet.
 */
export function ourGeneration(input: { readonly root: string; readonly spec: BenchSpec; readonly cellsDir: string; readonly runs: number; readonly timeoutMs: number; readonly graveyard: Graveyard; readonly kind?: 'cold' | 'first regeneration' | 'regeneration' }): Promise<GenerationCell> {
  const outDir = path.join(input.cellsDir, OURS, input.spec.id);
  const kind = input.kind ?? 'cold';
  const command = ourGenerateCommand({ root: input.root, spec: input.spec, outDir });
  return timeGeneration({
    generator: kind === 'cold' ? OURS : kind === 'first regeneration' ? OURS_FIRST_REGENERATION : OURS_REGENERATION,
    spec: input.spec,
    runs: input.runs,
    timeoutMs: input.timeoutMs,
    outDir,
    prepare: () => {
      if (kind === 'regeneration') return;
      // A stamp from an earlier round still holds for the identical tree a cold run writes again: the 1st regeneration would skip the pipeline.
      forgetUpToDate({ root: input.root, cwd: command.cwd, argv: command.args.slice(2) });
      if (kind === 'cold') input.graveyard.bury(outDir);
    },
    command,
    expectOutput: path.join(outDir, 'tools.json'),
  });
}

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { groupRssKb } from './group-rss.ts';

export type ChildRun = {
  readonly exitCode: number | null;
  /** Set when the command died of a signal (as GNU time reports it, or as seen by node). */
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  /** Peak resident set size of the command and its waited-for descendants, from `time -v`. */
  readonly maxRssKb: number | undefined;
  /** User + system CPU time of the command and its waited-for descendants, from `time -v`. */
  readonly cpuMs?: number;
  /** Set when the process group passed `memoryCapMb` and was killed for it: the RSS seen then. */
  readonly cappedAtMb?: number;
  /** Set when a memory cap was asked for and the group's memory could not be read: the command did not run, or was stopped. */
  readonly memoryUnreadable?: true;
};

const GNU_TIME = '/usr/bin/time';
const OUTPUT_LIMIT = 256 * 1024;

/** Keeps the head and the tail of a long output: the first error and the last words both matter. */
function capture(): { push(chunk: Buffer): void; text(): string } {
  let head = '';
  let tail = '';
  let dropped = 0;
  return {
    push(chunk) {
      const text = chunk.toString('utf8');
      if (head.length < OUTPUT_LIMIT) head += text;
      else {
        tail += text;
        if (tail.length > OUTPUT_LIMIT) {
          dropped += tail.length - OUTPUT_LIMIT;
          tail = tail.slice(-OUTPUT_LIMIT);
        }
      }
    },
    text: () => (dropped > 0 ? `${head}\n… (${dropped} characters dropped) …\n${tail}` : head + tail),
  };
}

function parseTimeReport(file: string): { maxRssKb?: number; exitCode?: number; signal?: number; cpuMs?: number } {
  if (!existsSync(file)) return {};
  const report = readFileSync(file, 'utf8');
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
  const exit = /Exit status: (\d+)/.exec(report);
  const signal = /Command terminated by signal (\d+)/.exec(report);
  const user = /User time \(seconds\): ([\d.]+)/.exec(report);
  const system = /System time \(seconds\): ([\d.]+)/.exec(report);
  return {
    ...(user && system ? { cpuMs: Math.round((Number(user[1]) + Number(system[1])) * 1000) } : {}),
    ...(rss ? { maxRssKb: Number(rss[1]) } : {}),
    ...(exit ? { exitCode: Number(exit[1]) } : {}),
    ...(signal ? { signal: Number(signal[1]) } : {}),
  };
}

const SIGNAL_NAMES: Record<number, string> = { 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 15: 'SIGTERM' };

/**
 * A native child (tsc 7 over ~22,000 modules reached 24 GB here) can take the machine's memory before
 * any out-of-memory error of its own; past the cap its whole process group is killed, once a second at most late.
 * Fail closed: a group whose memory cannot be read is killed too, and the run says so.
 */
function watchMemory(input: { readonly pgid: number; readonly capMb: number | undefined; readonly procDir?: string }): { stop(): void; cappedAtMb(): number | undefined; unreadable(): boolean } {
  let capped: number | undefined;
  let unreadable = false;
  const { capMb } = input;
  if (capMb === undefined) return { stop: () => undefined, cappedAtMb: () => undefined, unreadable: () => false };
  const poll = setInterval(() => {
    if (capped !== undefined || unreadable) return;
    const rssKb = groupRssKb({ pgid: input.pgid, ...(input.procDir === undefined ? {} : { procDir: input.procDir }) });
    if (rssKb === undefined) unreadable = true;
    else if (rssKb / 1024 > capMb) capped = Math.round(rssKb / 1024);
    else return;
    try {
      process.kill(-input.pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 1000);
  return { stop: () => clearInterval(poll), cappedAtMb: () => capped, unreadable: () => unreadable };
}

/** What a capped run returns when the cap cannot be enforced on this machine: nothing was started. */
function unreadableRun(): ChildRun {
  return { exitCode: null, signal: null, timedOut: false, stdout: '', stderr: '', wallMs: 0, maxRssKb: undefined, memoryUnreadable: true };
}

/**
 * Runs one command under GNU `time -v` in its own process group, so a timeout kills it and every
 * process it started (a generated server, a native tsc) at once.
 */
export function runTimedChild(input: { readonly command: string; readonly args: readonly string[]; readonly cwd: string; readonly timeoutMs: number; readonly env?: NodeJS.ProcessEnv; readonly memoryCapMb?: number; readonly procDir?: string }): Promise<ChildRun> {
  const procDir = input.procDir === undefined ? {} : { procDir: input.procDir };
  // A cap that cannot be read cannot be kept: refuse before starting what it was meant to bound.
  if (input.memoryCapMb !== undefined && groupRssKb({ pgid: process.pid, ...procDir }) === undefined) return Promise.resolve(unreadableRun());
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'corpus-time-'));
  const timeFile = path.join(scratch, 'time.txt');
  const started = performance.now();
  const child = spawn(GNU_TIME, ['-v', '-o', timeFile, input.command, ...input.args], { cwd: input.cwd, env: input.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = capture();
  const stderr = capture();
  child.stdout.on('data', stdout.push);
  child.stderr.on('data', stderr.push);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, input.timeoutMs);
  const watch = watchMemory({ pgid: child.pid!, capMb: input.memoryCapMb, ...procDir });
  return new Promise((resolve) => {
    child.on('close', (code, nodeSignal) => {
      clearTimeout(timer);
      watch.stop();
      const wallMs = Math.round(performance.now() - started);
      const report = parseTimeReport(timeFile);
      rmSync(scratch, { recursive: true, force: true });
      const signal = report.signal !== undefined ? (SIGNAL_NAMES[report.signal] ?? `signal ${report.signal}`) : nodeSignal;
      resolve({ exitCode: report.exitCode ?? code, signal, timedOut, stdout: stdout.text(), stderr: stderr.text(), wallMs, maxRssKb: report.maxRssKb, ...(report.cpuMs !== undefined ? { cpuMs: report.cpuMs } : {}), ...(watch.cappedAtMb() !== undefined ? { cappedAtMb: watch.cappedAtMb() } : {}), ...(watch.unreadable() ? { memoryUnreadable: true as const } : {}) });
    });
  });
}

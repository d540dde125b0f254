import { spawn } from 'node:child_process';
import { cpSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageBin } from '../../scripts/shared/package-bin.ts';
import { packageEnv } from '../../scripts/shared/package-env.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

/**
 * Built packages as the bin starts them, and altered copies of them, for the tests of the early
 * answer (early-answer.e2e.test.ts): raw bytes in, raw bytes out, no SDK in between.
 */

export const packageDirOf = (vendor: string): string => path.join(REPO_ROOT, 'generated', vendor);

/** The vendor credential and a base URL on 127.0.0.1 nobody listens on: nothing here calls a vendor. */
export function startEnv(vendor: string): Record<string, string> {
  const names = packageEnv(packageDirOf(vendor));
  return { PATH: process.env['PATH'] ?? '', [names.credential]: 'e2e-early-token', [names.baseUrl]: 'http://127.0.0.1:9' };
}

/** Changes `dist/` of a copy; given the copy's `dist` folder. */
export type Alteration = (dist: string) => void;

/**
 * A copy of the package (package.json and dist/) in `folder`, changed by `alter`; its bin's path.
 * Outside the repository the bundle's externals (ioredis, rate-limiter-flexible) cannot be
 * resolved, which a start without a Redis URL never asks for.
 */
export function packageCopy(input: { readonly vendor: string; readonly folder: string; readonly alter: Alteration }): string {
  const from = packageDirOf(input.vendor);
  cpSync(path.join(from, 'package.json'), path.join(input.folder, 'package.json'));
  cpSync(path.join(from, 'dist'), path.join(input.folder, 'dist'), { recursive: true });
  input.alter(path.join(input.folder, 'dist'));
  return packageBin(input.folder);
}

export const withoutEarly: Alteration = (dist) => rmSync(path.join(dist, 'server.cjs.early'));

/** A bundle of the same size that throws as it loads: only the bin's early answer can reply. */
export const unloadableBundle: Alteration = (dist) => {
  const file = path.join(dist, 'server.cjs');
  const text = "throw new Error('e2e: this bundle does not load');";
  writeFileSync(file, text.padEnd(statSync(file).size, ' '));
};

/** Replaces the one occurrence of `from` in the bundle by text of the same byte length. */
export function bundleEdit(input: { readonly from: string; readonly to: string }): Alteration {
  return (dist) => {
    const file = path.join(dist, 'server.cjs');
    const text = readFileSync(file, 'utf8');
    if (Buffer.byteLength(input.from) !== Buffer.byteLength(input.to) || text.split(input.from).length !== 2) throw new Error(`bundleEdit: ${input.from} is not in the bundle once, or ${input.to} has another length`);
    writeFileSync(file, text.replace(input.from, input.to));
  };
}

const DIGEST_BYTES = 32;

/** A stored reply: the line split where the id goes (early-start.ts `ReplyLine`). */
type StoredEarly = { modes: Record<string, { initialize: Record<string, [string, string]> }> };

/** Every stored `initialize` reply changed by `edit`; the header (the bundle's digest) and valid JSON kept. */
export function earlyInitializeEdit(edit: (line: string) => string): Alteration {
  return (dist) => {
    const file = path.join(dist, 'server.cjs.early');
    const stored = readFileSync(file);
    const early = JSON.parse(stored.subarray(DIGEST_BYTES).toString('utf8')) as StoredEarly;
    for (const replies of Object.values(early.modes)) {
      for (const [version, [before, after]] of Object.entries(replies.initialize)) {
        if (edit(before) === before) throw new Error(`earlyInitializeEdit: the ${version} reply is unchanged`);
        replies.initialize[version] = [edit(before), after];
      }
    }
    writeFileSync(file, Buffer.concat([stored.subarray(0, DIGEST_BYTES), Buffer.from(JSON.stringify(early), 'utf8')]));
  };
}

/** Send lines (objects as JSON, strings as they are), wait for the n-th reply line, or pause. */
export type Step = { readonly send: readonly unknown[] } | { readonly replies: number } | { readonly pause: number };

export type Conversation = { readonly stdout: Buffer; readonly stderr: string; readonly code: number | null };

/**
 * A reply not come this long after it was awaited is given up on (the test then fails on what is
 * missing); a process that has not exited this long after its stdin ended is killed (`code` null).
 */
const WAIT_MS = 10_000;

/** Starts the bin, takes the steps, ends stdin and waits for the process to exit. */
export function converse(input: { readonly bin: string; readonly args?: readonly string[]; readonly env: Record<string, string>; readonly steps: readonly Step[] }): Promise<Conversation> {
  const child = spawn(process.execPath, [input.bin, ...(input.args ?? [])], { env: input.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  let stderr = '';
  let lines = 0;
  let exited = false;
  let waiting: (() => void) | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout.push(chunk);
    lines += chunk.filter((byte) => byte === 10).length;
    waiting?.();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // A process that stops early (the tests make some) closes its stdin under the last writes.
  child.stdin.on('error', () => undefined);
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  void closed.then(() => {
    exited = true;
    waiting?.();
  });
  const take = (step: Step) =>
    new Promise<void>((resolve) => {
      if ('pause' in step) return void setTimeout(resolve, step.pause);
      if ('send' in step) return void child.stdin.write(step.send.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n', () => resolve());
      const timer = setTimeout(resolve, WAIT_MS);
      waiting = () => {
        if (lines < step.replies && !exited) return;
        clearTimeout(timer);
        resolve();
      };
      waiting();
    });
  return (async () => {
    for (const step of input.steps) await take(step);
    child.stdin.end();
    const kill = setTimeout(() => child.kill('SIGKILL'), WAIT_MS);
    const code = await closed;
    clearTimeout(kill);
    return { stdout: Buffer.concat(stdout), stderr, code };
  })();
}

/** The JSON log lines on stderr (a crash's stack is no such line). */
export function logLines(stderr: string): readonly Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

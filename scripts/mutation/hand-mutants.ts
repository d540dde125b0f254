/**
 * `npm run mutation:hand [-- --only <id,id> | --area <area,area>]`: the runtime's hand-written mutants
 * (hand-mutant-list.ts), each applied to templates/runtime, regenerated with `npm run generate` and
 * tested with the real suite's files for its area, the way an outside reviewer would check that
 * every small bug in paging, guards, redaction, auth, Origin/Host and path building fails a test.
 * Stryker (`npm run mutation`) measures the unit tests; this checks the regenerated packages too.
 *
 * The source and generated/ are restored after every mutant (and on SIGINT/SIGTERM), and the run
 * refuses to start unless both are clean, so a crash can never leave a mutant behind. Writes
 * hand-mutants.json (results by id, merged across partial runs) and hand-mutants.md.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AREA_TESTS, MUTANTS, type HandMutant } from './hand-mutant-list.ts';
import { writeHandReport, type HandResult } from './hand-mutant-report.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const RESULTS = path.join(ROOT, 'scripts', 'mutation', 'hand-mutants.json');
const WATCHED = ['templates/runtime', 'generated'];

/** Another git process (an editor, a status poll) may hold the index lock for a moment: wait and try again. */
function git(args: readonly string[]): string {
  for (let attempt = 1; ; attempt++) {
    try {
      return execFileSync('git', [...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      if (attempt === 10 || !String((error as { stderr?: unknown }).stderr).includes('index.lock')) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
}

function dirtyPaths(): string {
  return git(['status', '--porcelain', '--', ...WATCHED]).trim();
}

/** Puts the runtime file back and generated/ as committed (a mutant's generation bumps versions, which regenerating alone keeps). */
function restore(input: { readonly file: string; readonly original: string }): void {
  writeFileSync(path.join(ROOT, input.file), input.original);
  git(['checkout', '--', 'generated']);
  git(['clean', '-fdq', '--', 'generated']);
}

function occurrences(input: { readonly text: string; readonly find: string }): number {
  return input.text.split(input.find).length - 1;
}

type VitestJson = { readonly testResults: readonly { readonly name: string; readonly status: string; readonly assertionResults: readonly { readonly status: string; readonly fullName: string }[] }[] };

type Finished = { readonly status: number | null; readonly output: string };

/** The child running now, in its own process group, so a signal can stop it and everything it started. */
let running: ChildProcess | undefined;
/** The mutated file's original text while a mutant is applied. */
let pending: { readonly file: string; readonly original: string } | undefined;

/** Children run asynchronously so a SIGINT or SIGTERM is handled while one runs, not after the whole run. */
function run(input: { readonly command: string; readonly args: readonly string[] }): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(input.command, [...input.args], { cwd: ROOT, detached: true, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (status) => {
      running = undefined;
      resolve({ status, output });
    });
  });
}

const lastLines = (output: string) => output.trim().split('\n').slice(-3).join(' ');

/** Runtime tests import templates/runtime directly: they need no package build (the unit config). */
function vitestConfig(files: readonly string[]): string {
  return files.every((file) => file.startsWith('test/runtime/')) ? 'vitest.unit.config.ts' : 'vitest.config.ts';
}

async function runTests(files: readonly string[]): Promise<Omit<HandResult, 'id' | 'seconds'>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hand-mutant-'));
  const out = path.join(dir, 'vitest.json');
  try {
    const finished = await run({ command: 'npx', args: ['vitest', 'run', '--config', vitestConfig(files), '--reporter=json', `--outputFile=${out}`, ...files] });
    if (!existsSync(out)) return { status: 'killed', by: [`vitest exited ${finished.status} without results: ${lastLines(finished.output)}`] };
    const report = JSON.parse(readFileSync(out, 'utf8')) as VitestJson;
    const failed = report.testResults.filter((file) => file.status === 'failed');
    if (failed.length === 0) return finished.status === 0 ? { status: 'survived', by: [] } : { status: 'killed', by: [`vitest exited ${finished.status}`] };
    return {
      status: 'killed',
      by: failed.map((file) => {
        const first = file.assertionResults.find((test) => test.status === 'failed');
        return `${path.relative(ROOT, file.name)}${first ? ` › ${first.fullName}` : ''}`;
      }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runMutant(mutant: HandMutant): Promise<HandResult> {
  const started = Date.now();
  const file = path.join(ROOT, mutant.file);
  const original = readFileSync(file, 'utf8');
  const found = occurrences({ text: original, find: mutant.find });
  if (found !== 1) return { id: mutant.id, status: 'invalid', by: [`the text to find occurs ${found} times in ${mutant.file}, not once`], seconds: 0 };
  pending = { file: mutant.file, original };
  try {
    writeFileSync(file, original.replace(mutant.find, () => mutant.replace));
    const generated = await run({ command: 'npm', args: ['run', '--silent', 'generate'] });
    const outcome = generated.status === 0 ? await runTests(mutant.tests ?? AREA_TESTS[mutant.area]) : { status: 'killed' as const, by: [`npm run generate failed: ${lastLines(generated.output)}`] };
    return { id: mutant.id, ...outcome, seconds: Math.round((Date.now() - started) / 1000) };
  } finally {
    restore(pending);
    pending = undefined;
  }
}

/** Ctrl-C or a kill: stop the child's whole group, put the mutated file and generated/ back, and leave. */
function onSignal(signal: NodeJS.Signals): void {
  if (running?.pid !== undefined) {
    try {
      process.kill(-running.pid, 'SIGTERM');
    } catch {
      // The group already ended.
    }
  }
  if (pending !== undefined) restore(pending);
  process.stderr.write(`\n${signal}: stopped; source and generated/ restored.\n`);
  process.exit(130);
}

function selected(argv: readonly string[]): readonly HandMutant[] {
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const only = value('--only')?.split(',');
  const areas = value('--area')?.split(',');
  return MUTANTS.filter((m) => m.equivalent === undefined && (only === undefined || only.includes(m.id)) && (areas === undefined || areas.includes(m.area)));
}

/** Results so far, merged with earlier runs' and written after every mutant, so a stopped run keeps what it measured. */
function save(input: { readonly results: Record<string, HandResult>; readonly mutants: number; readonly wallSeconds: number }): Record<string, HandResult> {
  const known = Object.fromEntries(MUTANTS.filter((m) => m.equivalent === undefined && input.results[m.id] !== undefined).map((m) => [m.id, input.results[m.id]!]));
  writeFileSync(RESULTS, `${JSON.stringify({ results: known }, null, 2)}\n`);
  writeHandReport({ mutants: MUTANTS, results: known, lastRun: { mutants: input.mutants, wallSeconds: input.wallSeconds } });
  return known;
}

async function main(): Promise<void> {
  const dirty = dirtyPaths();
  if (dirty !== '') {
    process.stderr.write(`Refusing to mutate: templates/runtime or generated/ has uncommitted changes, which the restore after each mutant would lose:\n${dirty}\n`);
    process.exit(2);
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const mutants = selected(process.argv.slice(2));
  const results: Record<string, HandResult> = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as { results: Record<string, HandResult> }).results : {};
  const started = Date.now();
  let known: Record<string, HandResult> = results;
  for (const [index, mutant] of mutants.entries()) {
    const result = await runMutant(mutant);
    results[mutant.id] = result;
    known = save({ results, mutants: index + 1, wallSeconds: Math.round((Date.now() - started) / 1000) });
    process.stderr.write(`[${index + 1}/${mutants.length}] ${mutant.id} ${result.status.toUpperCase()} (${result.seconds} s)${result.by[0] ? `: ${result.by[0]}` : ''}\n`);
  }
  // Whatever happened above, the tree ends as it began: generation from the restored source is up to date.
  const check = await run({ command: 'npm', args: ['run', '--silent', 'generate', '--', '--check'] });
  if (check.status !== 0 || dirtyPaths() !== '') {
    process.stderr.write('After the run, templates/runtime or generated/ is not as committed: check git status.\n');
    process.exit(1);
  }
  const survivors = mutants.filter((m) => known[m.id]?.status !== 'killed');
  process.stderr.write(`${mutants.length - survivors.length} killed, ${survivors.length} not killed${survivors.length > 0 ? `: ${survivors.map((m) => m.id).join(', ')}` : ''}; ${Math.round((Date.now() - started) / 1000)} s.\n`);
  process.exitCode = survivors.length > 0 ? 1 : 0;
}

await main();

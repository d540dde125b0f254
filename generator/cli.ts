import path from 'node:path';
import { createDiagnostic, DiagnosticError, hasErrors, type Diagnostic } from './diagnostics/diagnostic.ts';
import { formatDiagnostic } from './diagnostics/format.ts';
import { renderDiagnostics } from './diagnostics/report.ts';
import type { EmittedFile } from './emit/emit-package.ts';
import { openFrameStore, type FrameStore } from './emit/ts/frame-store.ts';
import { createSourcePrinter } from './emit/ts/source-printer.ts';
import { pathProblem, slugProblem } from './ir/naming.ts';
import { heapRoom, writeReserveBytes, type HeapRoom, type HeapSpot } from './shared/heap-room.ts';
import { shellWord } from './shared/shell-word.ts';
import type { PlainVendorOptions } from './ir/from-openapi/vendor-settings.ts';
import type { ApiIR } from './ir/types.ts';
import { readAssets } from './load/read-assets.ts';
import { repositoryRoot } from './shared/repository-root.ts';
import { displayPath, inputSizes, listVendorDocs, readOverlaidSpec, readSpecFile } from './load/read-inputs.ts';
import { readPreviousPackage } from './load/read-previous-package.ts';
import { runInit } from './cli-init.ts';
import { GENERATOR_ID_ENV, recordUpToDate, upToDateBefore, type Invocation } from './cli-up-to-date.ts';
import { CLI_USAGE, parseCliOptions, type CliOptions } from './cli-options.ts';
import { generatePackage } from './pipeline.ts';
import type { Release } from './release/release-plan.ts';
import { describeChange } from './release/surface-rules.ts';
import { checkTree, type Drift } from './write/check-tree.ts';
import { liesWithin } from './write/inside-root.ts';
import { holdsNothing, notOursDiagnostic, withMarker } from './write/ownership.ts';
import { filesDigest } from './write/tree-digest.ts';
import { outputProblems, recoverInterruptedWrite, writeTrees } from './write/write-tree.ts';

const ROOT = repositoryRoot();

type Target = { readonly label: string; readonly spec: string; readonly overlays: readonly string[]; readonly outDir: string; readonly regenerate: string; readonly plain?: { readonly slug: string; readonly authFile?: string; readonly listing?: 'full' } };
type Generated = { readonly target: Target; readonly api: ApiIR; readonly files: readonly EmittedFile[]; readonly release: Release };

/** `--vendor`, `--spec` and `--out` reach folder names and every file's regenerate line: refuse what could break out. */
function argumentDiagnostics(options: CliOptions): Diagnostic[] {
  const checks = [
    { flag: '--vendor', value: options.vendor, problem: slugProblem },
    { flag: '--spec', value: options.spec, problem: pathProblem },
    { flag: '--out', value: options.out, problem: pathProblem },
    { flag: '--auth-file', value: options.authFile, problem: pathProblem },
    ...options.overlays.map((value) => ({ flag: '--overlay', value, problem: pathProblem })),
  ];
  return checks.flatMap(({ flag, value, problem }) => {
    const reason = value === undefined ? undefined : problem(value);
    return reason === undefined ? [] : [createDiagnostic({ code: 'VMCP_NAME_INVALID', message: `${flag} ${JSON.stringify(value)} is refused: it ${reason}`, location: { file: 'argv', pointer: '' } })];
  });
}

/**
 * An input file inside `--out` is deleted when the write replaces that folder as a whole, and the
 * run still succeeds: refused before anything is read (`--spec out/api.yaml --out out`).
 */
function inputsInsideOutput(options: CliOptions): Diagnostic[] {
  const inputs = [{ flag: '--spec', value: options.spec }, { flag: '--auth-file', value: options.authFile }, ...options.overlays.map((value) => ({ flag: '--overlay', value }))];
  return inputs.flatMap(({ flag, value }) =>
    value === undefined || options.out === undefined || !liesWithin({ file: value, dir: options.out })
      ? []
      : [createDiagnostic({ code: 'VMCP_INPUT_INSIDE_OUTPUT', message: `${flag} ${JSON.stringify(value)} lies inside --out ${JSON.stringify(options.out)}, which generate replaces as a whole: the file would be deleted`, location: { file: 'argv', pointer: '' } })],
  );
}

function resolveTargets(options: CliOptions): { targets: Target[]; diagnostics: Diagnostic[] } {
  if (options.spec !== undefined) {
    const refused = [...argumentDiagnostics(options), ...inputsInsideOutput(options)];
    if (refused.length > 0) return { targets: [], diagnostics: refused };
    // Each path as `npm run` resolves it, from the repository root, whatever folder this run started in (displayPath).
    const word = (file: string) => shellWord(displayPath(file));
    const overlayArgs = options.overlays.map((file) => ` --overlay ${word(file)}`).join('');
    const authArgs = options.authFile ? ` --auth-file ${word(options.authFile)}` : '';
    const listingArgs = options.fullListing ? ' --full-listing' : '';
    const regenerate = `npm run generate -- --spec ${word(options.spec)}${overlayArgs} --vendor ${options.vendor} --out ${word(options.out!)}${authArgs}${listingArgs}`;
    const plain = { slug: options.vendor!, ...(options.authFile ? { authFile: path.resolve(options.authFile) } : {}), ...(options.fullListing ? { listing: 'full' as const } : {}) };
    return { targets: [{ label: options.vendor!, spec: path.resolve(options.spec), overlays: options.overlays.map((file) => path.resolve(file)), outDir: path.resolve(options.out!), regenerate, plain }], diagnostics: [] };
  }
  const available = listVendorDocs(path.join(ROOT, 'vendor-docs'));
  const wanted = options.vendors.length > 0 ? options.vendors : available.map((v) => v.vendor);
  const diagnostics: Diagnostic[] = [];
  const targets: Target[] = [];
  for (const vendor of wanted) {
    const doc = available.find((v) => v.vendor === vendor);
    if (doc === undefined) {
      diagnostics.push(createDiagnostic({ code: 'VMCP_VENDOR_UNKNOWN', message: `No vendor-docs/${vendor}/openapi.yaml (known: ${available.map((v) => v.vendor).join(', ') || 'none'})`, location: { file: `vendor-docs/${vendor}`, pointer: '' } }));
      continue;
    }
    targets.push({ label: vendor, spec: doc.file, overlays: doc.overlays, outDir: path.join(ROOT, 'generated', vendor), regenerate: `npm run generate -- ${vendor}` });
  }
  return { targets, diagnostics };
}

/**
 * Heap a parse takes beyond its text, per byte of it: parsing is one call with no checkpoint inside
 * (generator/shared/heap-room.ts). Measured: JSON ~1.7× (Graph v1.0, 20 MB: +33 MB), YAML ~30×
 * (DigitalOcean as 1.6 MB of YAML: +44–55 MB, its document kept for positions); rounded up.
 */
const PARSE_HEAP_PER_BYTE = { json: 3, yaml: 40 };

function reserveParse(input: { readonly heap: HeapRoom; readonly target: Target }): void {
  const bytes = inputSizes([input.target.spec, ...input.target.overlays]).reduce((sum, { file, bytes }) => sum + bytes * (file.endsWith('.json') ? PARSE_HEAP_PER_BYTE.json : PARSE_HEAP_PER_BYTE.yaml), 0);
  input.heap.reserve({ stage: 'load (parsing)', file: displayPath(input.target.spec), pointer: '', bytes });
}

/** The frames kept for this generator (frame-store.ts); none when not run through scripts/generate.cjs, which names the generator. */
function frameStore(): FrameStore | undefined {
  const generatorId = process.env[GENERATOR_ID_ENV];
  return generatorId === undefined || generatorId === '' ? undefined : openFrameStore({ dir: path.join(ROOT, '.cache', 'frames'), generatorId });
}

function generateAll(targets: readonly Target[], split: boolean | undefined): { generated: Generated[]; diagnostics: Diagnostic[] } {
  try {
    return generateEach({ targets, split, heap: heapRoom() });
  } catch (error) {
    // The heap ran short (VMCP_HEAP_LIMIT): what was built is dropped, and nothing is written.
    return { generated: [], diagnostics: [...refusal(error)] };
  }
}

/** A stage refuses by throwing its diagnostics; anything else it throws is a generator bug, thrown on. */
function refusal(error: unknown): readonly Diagnostic[] {
  if (error instanceof DiagnosticError) return error.diagnostics;
  throw error;
}

/** The write stage's heap reserve as diagnostics (none when there is room): checked before anything is written. */
function heapShortage(at: HeapSpot & { readonly bytes: number }): readonly Diagnostic[] {
  try {
    heapRoom().reserve({ ...at, file: at.file === '' ? at.file : displayPath(at.file) });
    return [];
  } catch (error) {
    return refusal(error);
  }
}

function generateEach(input: { readonly targets: readonly Target[]; readonly split: boolean | undefined; readonly heap: HeapRoom }): { generated: Generated[]; diagnostics: Diagnostic[] } {
  const { targets, split, heap } = input;
  const assets = readAssets(ROOT);
  const store = frameStore();
  const print = createSourcePrinter(store === undefined ? {} : { store });
  const generated: Generated[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const target of targets) {
    reserveParse({ heap, target });
    const loaded = readOverlaidSpec(target);
    if ('diagnostics' in loaded) {
      diagnostics.push(...loaded.diagnostics);
      continue;
    }
    const plain = target.plain === undefined ? undefined : plainOptions(target.plain);
    if (plain !== undefined && 'diagnostics' in plain) {
      diagnostics.push(...plain.diagnostics);
      continue;
    }
    const previous = readPreviousPackage(target.outDir);
    const result = generatePackage({ document: loaded.document, assets, heap, ...(previous ? { previous } : {}), regenerate: target.regenerate, print, ...(split !== undefined ? { split } : {}), ...(plain ? { plain } : {}) });
    diagnostics.push(...result.diagnostics);
    if (result.api && result.files && result.release) generated.push({ target, api: result.api, files: result.files, release: result.release });
  }
  store?.save();
  return { generated, diagnostics };
}

/** A plain spec's options, with its auth file read and parsed (YAML or JSON, same diagnostics as a spec). */
function plainOptions(input: { readonly slug: string; readonly authFile?: string; readonly listing?: 'full' }): PlainVendorOptions | { readonly diagnostics: Diagnostic[] } {
  const listing = input.listing !== undefined ? { listing: input.listing } : {};
  if (input.authFile === undefined) return { slug: input.slug, ...listing };
  const loaded = readSpecFile(input.authFile);
  if ('diagnostics' in loaded) return { diagnostics: [...loaded.diagnostics] };
  const data = (typeof loaded.document.data === 'object' && loaded.document.data !== null ? loaded.document.data : {}) as Record<string, unknown>;
  return { slug: input.slug, ...listing, auth: { file: loaded.document.file, securitySchemes: data['securitySchemes'], auth: data['auth'] } };
}

/** What a regeneration decided about the version, in the words the changelog uses. */
function releaseLines(item: Generated): string[] {
  const { release } = item;
  if (release.level === undefined || release.level === 'initial') return [];
  return [`${displayPath(item.target.outDir)}: ${release.previousVersion} → ${release.version} (${release.level})`, ...release.changes.map((change) => `  ${describeChange(change)}`)];
}

/** One line of `--check`; a foreign entry says what it is, since its path alone looks like any file's. */
function driftLine(input: { readonly dir: string; readonly drift: Drift }): string {
  const { drift } = input;
  const shown = `${drift.change.padEnd(7)} ${displayPath(path.join(input.dir, drift.file))}`;
  return drift.change === 'foreign' ? `${shown} (${drift.kind}, not followed: generate writes only files and folders, and replaces it)\n` : `${shown}\n`;
}

function check(generated: readonly Generated[]): number {
  let drifted = 0;
  const stale: Generated[] = [];
  for (const item of generated) {
    const drifts = checkTree({ dir: item.target.outDir, files: item.files });
    if (drifts.length > 0) stale.push(item);
    for (const drift of drifts) {
      drifted += 1;
      process.stderr.write(driftLine({ dir: item.target.outDir, drift }));
    }
  }
  if (drifted === 0) {
    process.stderr.write(`generated output is up to date (${generated.length} package${generated.length === 1 ? '' : 's'})\n`);
    return 0;
  }
  const releases = stale.flatMap(releaseLines);
  if (releases.length > 0) process.stderr.write(`\nRegenerating would release:\n${releases.join('\n')}\n`);
  const commands = stale.map((item) => item.target.regenerate).join(' && ');
  process.stderr.write(`\n${drifted} generated file(s) are stale.\nFix: run \`${commands}\`, review the diff and CHANGELOG.md entry, and commit the result.\n`);
  return 1;
}

function summary(item: Generated): string {
  const { api } = item;
  const omitted = api.omitted.length > 0 ? `, ${api.omitted.length} operation(s) left out` : '';
  return `${displayPath(item.target.outDir)}: ${api.tools.length} tools from ${api.sourceFile}${omitted}`;
}

/** The write stage refuses by throwing its diagnostics; anything else it throws is a bug. */
async function writeStage(work: () => void | Promise<void>): Promise<readonly Diagnostic[]> {
  try {
    await work();
    return [];
  } catch (error) {
    return refusal(error);
  }
}

/**
 * A folder that is not ours is refused before anything is read or touched; then a write cut short
 * last time is finished or undone, before the previous package is read from the output.
 */
function prepareOutputs(outDirs: readonly string[]): Promise<readonly Diagnostic[]> {
  return writeStage(() => {
    const notOurs = outputProblems(outDirs).map(notOursDiagnostic);
    if (notOurs.length > 0) throw new DiagnosticError(notOurs);
    recoverInterruptedWrite({ dirs: outDirs });
  });
}

/**
 * Writes to stderr, unless there is nothing to write: a --quiet run with nothing to report never
 * creates process.stderr. Node creates it on first use, and as the pipe the bench and CI give it
 * that cost ~1.6 ms of a cold run, ~3 ms under the V8 flag scripts/generate.cjs sets (the
 * streams' modules then compile without Node's code cache).
 */
function toStderr(text: string): void {
  if (text !== '') process.stderr.write(text);
}

function refuse(diagnostics: readonly Diagnostic[]): number {
  for (const line of renderDiagnostics({ diagnostics, quiet: false })) process.stderr.write(`${line}\n`);
  process.stderr.write(`\n${diagnostics.length} error(s). Nothing was written.\n`);
  return 1;
}

export async function run(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'init') return runInit(argv.slice(1));
  const options = parseCliOptions(argv);
  if ('error' in options) {
    process.stderr.write(`${formatDiagnostic(createDiagnostic({ code: 'VMCP_USAGE', message: options.error, location: { file: 'argv', pointer: '' } }))}\n\n${CLI_USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${CLI_USAGE}\n`);
    return 0;
  }
  const invocation = invocationOf(argv);
  const listed = resolveTargets(options);
  // A run that fills a missing or empty folder cannot find every tree unchanged, so it records no stamp
  // and needs no key, which hashes every template and vendor doc (a cold generation read each twice).
  const before = invocation === undefined || listed.targets.some((target) => holdsNothing(target.outDir)) ? undefined : upToDateBefore(invocation);
  // The key comes before every input is read, the vendor-docs listing included: list again after it.
  const resolved = before === undefined ? listed : resolveTargets(options);
  const unprepared = options.check || options.printIr ? [] : await prepareOutputs(resolved.targets.map((target) => target.outDir));
  if (unprepared.length > 0) return refuse(unprepared);
  const { generated, diagnostics } = generateAll(resolved.targets, options.split);
  const all = [...resolved.diagnostics, ...diagnostics];
  const rendered = renderDiagnostics({ diagnostics: all, quiet: options.quiet }).map((line) => `${line}\n`).join('');
  toStderr(rendered);
  if (hasErrors(all)) {
    const errors = all.filter((d) => d.severity === 'error').length;
    process.stderr.write(`\n${errors} error(s). Nothing was written; generated output is unchanged.\n`);
    return 1;
  }
  if (options.printIr) {
    process.stdout.write(`${JSON.stringify(generated.map((g) => g.api), null, 2)}\n`);
    return 0;
  }
  if (options.check) return check(generated);
  // Graph v1.0's 106 MB tools.json crashed a 640 MB heap here before this reserve (heap-room.ts).
  const bytes = writeReserveBytes({ texts: generated.flatMap((item) => item.files.map((file) => file.contents)), fits: heapRoom().fits });
  const short = heapShortage({ stage: 'write', file: generated[0]?.target.spec ?? '', pointer: '', bytes });
  if (short.length > 0) return refuse(short);
  let written: readonly string[] = [];
  const failed = await writeStage(async () => {
    written = await writeTrees({ trees: generated.map((item) => ({ dir: item.target.outDir, files: item.files })) });
  });
  if (failed.length > 0) return refuse(failed);
  const summaries = options.quiet ? '' : generated.map((item) => `${[summary(item), ...releaseLines(item)].join('\n')}\n`).join('');
  toStderr(summaries);
  // What this run printed since generating: the fast path repeats it word for word.
  const report = `${rendered}${summaries}`;
  if (invocation !== undefined && before !== undefined && written.length === 0) {
    const trees = generated.map((item) => ({ dir: path.resolve(item.target.outDir), digest: filesDigest(withMarker(item.files)) }));
    recordUpToDate({ invocation, before, trees, report });
  }
  return 0;
}

/** The invocation as the fast path keys it; undefined when not run by scripts/generate.cjs (no generator identity). */
function invocationOf(argv: readonly string[]): Invocation | undefined {
  const generatorId = process.env[GENERATOR_ID_ENV];
  return generatorId === undefined || generatorId === '' ? undefined : { root: ROOT, cwd: process.cwd(), argv, generatorId };
}

// A user's bad input never lands in the rejection: that is a diagnostic. This is a generator bug.
run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`vendor-mcp internal error (please report): ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 70;
  },
);

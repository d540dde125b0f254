// Folds the latest Stryker JSON report into scripts/mutation/results.json (one entry per file, so
// runs over separate file groups add up) and writes scripts/mutation/results.md from it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const here = path.join(root, 'scripts', 'mutation');

type Mutant = { readonly id: string; readonly mutatorName: string; readonly replacement?: string; readonly status: string; readonly location: { readonly start: { readonly line: number; readonly column: number } } };
type StrykerReport = { readonly files: Readonly<Record<string, { readonly source: string; readonly mutants: readonly Mutant[] }>> };

type Survivor = { readonly line: number; readonly column: number; readonly mutator: string; readonly replacement: string; readonly status: string };
type FileResult = { readonly killed: number; readonly timeout: number; readonly survived: number; readonly noCoverage: number; readonly invalid: number; readonly survivors: readonly Survivor[] };

/** Why a surviving mutant may stay: `<file>:<line>:<column> <mutator>` → one line (equivalent, or the test that covers it). */
type Notes = Readonly<Record<string, string>>;

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function fileResult(mutants: readonly Mutant[]): FileResult {
  const count = (status: string) => mutants.filter((m) => m.status === status).length;
  const survivors = mutants
    .filter((m) => UNDETECTED.has(m.status))
    .map((m) => ({ line: m.location.start.line, column: m.location.start.column, mutator: m.mutatorName, replacement: (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80), status: m.status }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
  return { killed: count('Killed'), timeout: count('Timeout'), survived: count('Survived'), noCoverage: count('NoCoverage'), invalid: count('CompileError') + count('RuntimeError'), survivors };
}

function score(result: FileResult): number {
  const detected = result.killed + result.timeout;
  const valid = detected + result.survived + result.noCoverage;
  return valid === 0 ? 100 : (100 * detected) / valid;
}

function group(file: string): string {
  return file.startsWith('templates/runtime/') ? 'templates/runtime' : 'generator stages';
}

const LATER = 'killed by a test added after this run';
/** A static mutant (module-level code) that Stryker's vitest runner did not switch on, applied to the source by hand instead. */
const BY_HAND = 'killed when applied by hand';
/** A test the run did not include (outside the file's narrow test set), checked by applying the mutant by hand: `killed by test/… "<name>"`. */
const OUTSIDE = 'killed by test/';

/** Survivors whose note names a test added since the run: counted as detected, and labelled as a projection. */
function projected(input: { readonly file: string; readonly result: FileResult; readonly notes: Notes }): number {
  const noteOf = (s: Survivor) => input.notes[`${input.file}:${s.line}:${s.column} ${s.mutator}`] ?? '';
  const later = input.result.survivors.filter((s) => [LATER, BY_HAND, OUTSIDE].some((prefix) => noteOf(s).startsWith(prefix))).length;
  // Equivalent mutants and unreachable defences cannot be killed by any test: they leave the count.
  const unkillable = input.result.survivors.filter((s) => /^(?:equivalent|unreachable)/.test(noteOf(s))).length;
  return score({ ...input.result, killed: input.result.killed + later, survived: input.result.survived + input.result.noCoverage - later - unkillable, noCoverage: 0 });
}

function table(input: { readonly results: Readonly<Record<string, FileResult>>; readonly files: readonly string[]; readonly notes: Notes }): string[] {
  const lines = ['| File | Killed | Timeout | Survived | No coverage | Score | Projected: later tests as detected, equivalent left out (not re-measured) |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const file of input.files) {
    const r = input.results[file]!;
    lines.push(`| ${file} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${score(r).toFixed(1)} % | ${projected({ file, result: r, notes: input.notes }).toFixed(1)} % |`);
  }
  const sum = (key: 'killed' | 'timeout' | 'survived' | 'noCoverage') => input.files.reduce((total, file) => total + input.results[file]![key], 0);
  const total: FileResult = { killed: sum('killed'), timeout: sum('timeout'), survived: sum('survived'), noCoverage: sum('noCoverage'), invalid: 0, survivors: [] };
  lines.push(`| **all** | ${total.killed} | ${total.timeout} | ${total.survived} | ${total.noCoverage} | **${score(total).toFixed(1)} %** | |`);
  return lines;
}

function markdown(input: { readonly results: Readonly<Record<string, FileResult>>; readonly notes: Notes }): string {
  const files = Object.keys(input.results).sort();
  const out = [
    '# Mutation testing report',
    '',
    'Written by `npm run mutation` (Stryker 10, vitest runner with per-test coverage, TypeScript checker; the fast unit tests of `vitest.unit.config.ts`).',
    'Score = detected (killed or timed out) / (detected + survived + no coverage); mutants that do not compile are not counted.',
    'Targets: 85 % for `templates/runtime/`, 80 % for the generator stages (`generator/ir`, `generator/plan`, `generator/release`).',
    'Each file shows its latest run. Files not listed have not been run yet (CPU on the shared machine); run them with',
    '`npm run mutation -- --mutate <file>,<file>`. A survivor noted as killed by a later test was checked against that test\'s',
    'intent, not re-measured; the projected column counts those as detected, and those killed by a test outside the run\'s test set',
    '(`killed by test/…`, each applied to the source by hand). Incremental runs reuse the result of a static mutant',
    '(module-level code) even when a new test would kill it (`npm run mutation -- --force` re-measures); such notes say they were checked by hand.',
    'Runs over runtime files leave out two tests that compare packages generated from the templates with the committed ones',
    '(`test/release/reviewable-diffs`, `test/generator/overlay-split`; see `vitest.unit.config.ts`): Stryker rewrites the runtime',
    'files it mutates, so those fail whatever mutant is active, and they read the runtime only as text. Runtime files measured',
    'before that fix (paging-cursor, preflight-read, safeguards, rate-limit-headers, redaction, response-limit) ran',
    'with the tests of `test/runtime` only; fewer tests can only lower a score, so those scores are lower bounds.',
    '`templates/runtime/main.ts`, `paginate.ts`, `shared-invocation-limit.ts`, `http-request.ts`, `server-options.ts`, `code-cache.ts`, `runtime-config.ts` and `same-fields.ts` were re-measured with `--force`, the TypeScript checker and the runtime tests of `vitest.unit.config.ts` (all of `test/runtime` but code-cache.test.ts, plus variant-strictness).',
    'The generator stages ran with `--testFiles` naming their own tests (cheaper per mutant than the whole unit config):',
    '`generator/release` with its unit tests, test/release/{diff-schema,diff-surface,release-package,release-plan}.test.ts (fingerprint re-measured so with --force) (on a machine shared by six, whole generations per mutant did not fit the time);',
    '`generator/plan` and the top of `generator/ir` with test/generator/{plan-package,naming,ir-helpers}.test.ts (naming re-measured so with --force);',
    'the `generator/ir/from-openapi` files with the tests of their own stage: schema-object with test/generator/{schema-object,all-of-merge,output-and-paging}, all-of-merge with {all-of-merge,schema-object},',
    'pagination-object with {pagination-object,output-and-paging}, output-shape with {output-shape}, safeguard-object with {safeguard-object}, variant-family and split-tools with {variant-family}, closed-schema with {variant-family,variant-strictness},',
    'vendor-settings and vendor-runtime-settings with {vendor-settings,diagnostics}, classify-operation with {classify-operation,init-classify}, operation-object with {operation-object,wire-arguments,host-hints},',
    'parameter-object with {wire-arguments,operation-object}, request-body-object and flat-arguments with {wire-arguments,operation-object,flat-arguments,request-body,parameter-object,pagination-object}, reference-object with {schema-object,diagnostics}, mcp-extension with {mcp-extension,annotations,host-hints},',
    'prompt-settings with {prompt-settings,output-and-paging,mcp-extension}, api-document with {diagnostics,output-and-paging,operation-object,api-document}, shared-shapes, concise-text and pattern-length in one run with {shared-shapes,concise-text,pattern-length}, output-budget and build-context with {output-and-paging,schema-object,mcp-extension} (schema-walk and plan/file-plan hold types only: no mutants).',
    'A test file that builds an IR while it is collected (outside any test) makes every mutant it reaches static for Stryker: run against all tests, slowly, and often never switched on; tests build inside each test.',
    'They ran without the TypeScript checker (its CPU share on the shared machine): a mutant that does not compile is tested like any other. These scores are lower bounds too.',
    'Static mutants (module-level constants) survive every run here: the vitest runner keeps the modules its dry run loaded, so the mutant is never switched on.',
    'Each such generator survivor was applied to the source by hand and the same tests run; its note says `killed when applied by hand` (counted as detected in the projected column) or why it stays.',
    '',
  ];
  for (const name of ['templates/runtime', 'generator stages']) {
    const mine = files.filter((file) => group(file) === name);
    if (mine.length === 0) continue;
    out.push(`## ${name}`, '', ...table({ results: input.results, files: mine, notes: input.notes }), '');
  }
  // Stryker's own default leaves types.ts out (no runtime code); every other file of a target folder is a target.
  for (const [title, dirs] of [['Runtime files', ['templates/runtime']], ['Generator stage files', ['generator/ir', 'generator/ir/from-openapi', 'generator/plan', 'generator/release']]] as const) {
    const unmeasured = dirs.flatMap((dir) => readdirSync(path.join(root, dir)).filter((name) => name.endsWith('.ts') && name !== 'types.ts').map((name) => `${dir}/${name}`)).filter((file) => !files.includes(file));
    out.push(`## ${title} not measured yet`, '', unmeasured.length === 0 ? 'none' : unmeasured.map((file) => `\`${file}\``).join(', '), '');
  }
  out.push('## Surviving mutants', '', 'Each with why it may stay: equivalent (no test can tell it apart), or the test that now covers it.', '');
  for (const file of files) {
    const survivors = input.results[file]!.survivors;
    if (survivors.length === 0) continue;
    out.push(`### ${file}`, '');
    for (const s of survivors) {
      const note = input.notes[`${file}:${s.line}:${s.column} ${s.mutator}`] ?? 'not yet explained';
      out.push(`- ${s.line}:${s.column} ${s.mutator}${s.status === 'NoCoverage' ? ' (no coverage)' : ''} \`${s.replacement.replace(/`/g, "'")}\`: ${note}`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

// Without a run on this checkout (a merge of two branches' reports, a fresh clone) the report is
// re-rendered from the committed results alone.
// VMCP_MUTATION_JSON: another run's report (two runs side by side, each with its own jsonReporter file).
const latestFile = process.env['VMCP_MUTATION_JSON'] ?? path.join(root, '.cache', 'mutation', 'mutation.json');
const latest: StrykerReport = existsSync(latestFile) ? (JSON.parse(readFileSync(latestFile, 'utf8')) as StrykerReport) : { files: {} };
const store = path.join(here, 'results.json');
const results: Record<string, FileResult> = existsSync(store) ? (JSON.parse(readFileSync(store, 'utf8')) as Record<string, FileResult>) : {};
// Only the files this run mutated: Stryker's report also carries other files' results reused from its incremental store.
const mutated = process.env['VMCP_MUTATION_FILES']?.split(',').map((file) => file.trim()).filter((file) => file !== '');
for (const [file, report] of Object.entries(latest.files)) {
  const relative = path.relative(root, path.resolve(root, file));
  if (mutated === undefined || mutated.includes(relative)) results[relative] = fileResult(report.mutants);
}
const sorted = Object.fromEntries(Object.entries(results).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(store, `${JSON.stringify(sorted, null, 2)}\n`);
const notesFile = path.join(here, 'survivor-notes.json');
const notes = existsSync(notesFile) ? (JSON.parse(readFileSync(notesFile, 'utf8')) as Notes) : {};
writeFileSync(path.join(here, 'results.md'), markdown({ results: sorted, notes }));
process.stdout.write(`mutation report: scripts/mutation/results.md (${Object.keys(sorted).length} files)\n`);

/**
 * `npm run generate` (scripts/generate.mjs is the same launcher, for callers that name it): runs generator/cli.ts from an esbuild bundle cached in .cache/, rebuilt
 * whenever a file under generator/ or the installed dependencies change. It sits one level below
 * the repository root, so the CLI resolves templates and vendor docs exactly as from generator/.
 *
 * What a small spec's generation used to spend before generating anything (scripts/bench/results.md):
 * - tsx's on-the-fly transform and loader hooks, ~0.5 s of CPU: hence a bundle.
 * - compiling ts-morph's TypeScript (9 MB), the tokenizer's ranks and the rest, ~0.25 s: hence one
 *   bundle with the dependencies inside, compiled through vm.Script with V8's code cache saved beside
 *   it (Node 20 has no module.enableCompileCache). The cache is written once, after a run, when it
 *   is missing or V8 rejected it (another Node version), by rename so no reader sees half of it.
 * - peak RSS: the CLI bundle is minified (esbuild `minify`), because V8 holds the whole source as
 *   one string for the run: 10.3 MB instead of 18.5 MB, −8 MB peak RSS on Twilio Events (157 → 149)
 *   and −7 on DigitalOcean, CPU unchanged. Local names are mangled in an internal error's stack:
 *   run `node --import tsx generator/cli.ts <same arguments>` for one with source names.
 * - evaluating ts-morph's TypeScript compiler, which printing structures never needed: the bundle
 *   holds a facade in its place and no lib .d.ts texts (scripts/generator-typescript-facade.cjs;
 *   anything the facade does not serve loads the real compiler from node_modules). 10.3 → 3.9 MB
 *   of bundle, 13.9 → 5.9 MB of code cache, peak RSS −26 MB on Twilio Events, −46 MB on Stripe.
 * - evaluating ts-morph itself, ~25 ms of CPU of a cold Twilio Events run (its top level, its share
 *   of the code cache, the collections its objects cost): generator/emit/ts/ts-morph.ts loads it for
 *   the first file frame never printed before, and frame-store.ts keeps printed frames in
 *   .cache/frames/, so a run whose frames were all printed by an earlier one (any spec, any output
 *   folder) never evaluates it.
 * - measured and not kept (docs/testing.md, "Cold generation's start-up"): a V8 startup snapshot of
 *   the evaluated bundle (`node --snapshot-blob`; a 46 MB heap deserialises in what compiling from
 *   the code cache and evaluating takes, +11 MB RSS, and it needs a second node process); a code
 *   cache of the top level only (4.7 MB, +65 ms CPU compiling the rest lazily); loading the
 *   tokenizer lazily (every generation counts tokens for tools.json); V8 heap-size flags set from here
 *   (V8 sizes its heap at start; one GC flag does work from here, see runWithCodeCache); loading
 *   the bundle's node:os and node:fs/promises before that flag (see there).
 * - hashing generator/ on every run: scripts/generator-identity.cjs reuses the hash while every
 *   file stats as when it was taken.
 * - Node's ES module loader, ~10 ms of a regeneration's CPU: hence CommonJS here.
 * - nothing at all when the output is up to date: generator/cli-up-to-date.ts, a second small
 *   bundle, recognises "same inputs, same generator, output untouched" and the pipeline is never
 *   loaded (a full run records that fact, see there).
 */
'use strict';
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { generatorIdentity } = require('./generator-identity.cjs');

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, '.cache');

async function ensureBundles(hash) {
  const bundles = { cli: path.join(CACHE, `generator-${hash}.cjs`), upToDate: path.join(CACHE, `generator-${hash}-up-to-date.cjs`) };
  if (existsSync(bundles.cli) && existsSync(bundles.upToDate)) return bundles;
  mkdirSync(CACHE, { recursive: true });
  for (const old of readdirSync(CACHE).filter((name) => /^generator-[0-9a-f]{16}[-.]/.test(name) && !name.startsWith(`generator-${hash}`))) rmSync(path.join(CACHE, old), { force: true });
  const esbuild = await import('esbuild');
  // charset ascii (esbuild's default, stated because runWithCodeCache reads the bundle as latin1).
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', charset: 'ascii', define: { 'import.meta.dirname': '__dirname' }, logLevel: 'error' };
  // The up-to-date check has no dependencies; the CLI carries all of its own (one file to compile from the cache),
  // minified: V8 keeps its source as one string for the whole run (peak RSS, see the header).
  // ts-morph's TypeScript compiler stays out of it, behind a facade (scripts/generator-typescript-facade.cjs).
  const cli = { minify: true, plugins: [require('./generator-typescript-facade.cjs').typescriptFacadePlugin({ outdir: CACHE })] };
  for (const [entry, outfile, own] of [['cli-up-to-date.ts', bundles.upToDate, { packages: 'external' }], ['cli.ts', bundles.cli, cli]]) {
    const staging = `${outfile}.${process.pid}.tmp`;
    await esbuild.build({ ...common, entryPoints: [path.join(ROOT, 'generator', entry)], outfile: staging, ...own });
    renameSync(staging, outfile);
  }
  // The asynchronous API (plugins need it) keeps esbuild's service running: not for the whole generation.
  esbuild.stop();
  return bundles;
}

/** Runs a CommonJS bundle as require would, compiled with V8's code cache from `cacheFile` when it holds one. */
function runWithCodeCache(bundle) {
  // Loaded here, not at the top: a regeneration answered by the up-to-date check never needs them (node:crypto alone is ~2.5 ms,
  // node:module ~0.9 ms: it brings Node's ES module loader).
  const { createHash } = require('node:crypto');
  const Module = require('node:module');
  const vm = require('node:vm');
  // V8 starts incremental marking from a background task once the old generation nears its first,
  // small limit (~18 MB, which the code cache's functions alone nearly fill): on Twilio Events a full
  // mark-compact then cost 15-35 ms of the main thread in a 150 ms run, to free 4 MB. Without the task,
  // marking still starts when allocation reaches the limit (a big spec's run marks as before).
  // Set before compiling: V8 keys the code cache by its flags. So does the code cache built into node
  // for its own modules: those first loaded after this line compile from source (node:crypto alone
  // 2.4 → 3.6 ms). Loading the bundle's node:os and node:fs/promises before it was measured and is
  // not done: their code then sits in the old generation, which reaches its first limit, and the
  // mark-compact that follows cost more (Twilio Events, 20 and 30 rounds: +8 to +11 ms of CPU).
  require('node:v8').setFlagsFromString('--no-incremental-marking-task');
  // V8 rejects a cache made under other flags (--max-old-space-size, --cpu-prof): one cache per set, or runs would take turns rewriting it.
  const flags = createHash('sha256').update(JSON.stringify([process.execArgv, process.env.NODE_OPTIONS ?? ''])).digest('hex').slice(0, 8);
  const cacheFile = `${bundle}.v8-${process.versions.v8}-${flags}.cache`;
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const dynamicImport = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  // esbuild writes ASCII only (non-ASCII text is escaped), so latin1 reads it exactly, and faster than UTF-8.
  const script = new vm.Script(Module.wrap(readFileSync(bundle, 'latin1')), { filename: bundle, ...(cachedData ? { cachedData } : {}), ...(dynamicImport ? { importModuleDynamically: dynamicImport } : {}) });
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the run, so the cache holds every function the run compiled, not only the top level; and
    // only after one that succeeded: a run that stopped at bad input compiled a fraction of the
    // pipeline, and its cache would be kept for every later run (which then compile the rest lazily).
    process.once('exit', (code) => {
      if (code !== 0) return;
      try {
        writeFileSync(`${cacheFile}.${process.pid}.tmp`, script.createCachedData());
        renameSync(`${cacheFile}.${process.pid}.tmp`, cacheFile);
      } catch {
        // A read-only checkout: the next run compiles without the cache, as before.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
}

async function main() {
  const hash = generatorIdentity({ root: ROOT, launcherFiles: [__filename, path.join(__dirname, 'generator-identity.cjs'), path.join(__dirname, 'generator-typescript-facade.cjs'), path.join(__dirname, 'generator-append-comma.cjs')], recordFile: path.join(CACHE, 'generator-identity.json') });
  const bundles = await ensureBundles(hash);
  const argv = process.argv.slice(2);
  const { GENERATOR_ID_ENV, upToDateReport } = require(bundles.upToDate);
  const report = upToDateReport({ root: ROOT, cwd: process.cwd(), argv, generatorId: hash });
  // Nothing to print under --quiet: process.stderr is not even touched (creating it costs ~1.5 ms).
  if (report !== undefined) {
    if (report !== '') process.stderr.write(report);
  } else {
    process.env[GENERATOR_ID_ENV] = hash;
    runWithCodeCache(bundles.cli);
  }
}

main().catch((error) => {
  process.exitCode = 1;
  throw error;
});

/**
 * Corpus run: generate, type-check, build, start and list tools for a seeded random sample of real
 * public OpenAPI documents, and write results.md / results.json next to this file.
 *
 *   npx tsx scripts/corpus/run-corpus.ts --sample 200 --seed 1 [--concurrency 2] [--keep]
 *   npx tsx scripts/corpus/run-corpus.ts --spec docker.com/engine.json [--spec …] [--write-as targeted]
 *
 * A sample run writes results.md/.json; a run over hand-picked specs writes nothing. `--write-as
 * <name>` writes results-<name>.md/.json instead, so a rerun on another seed keeps earlier figures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS_PACKAGE, corpusPaths, extractSpecs, listCorpusSpecs } from './corpus-archive.ts';
import { renderJson, renderMarkdown } from './results-report.ts';
import { runSpec } from './run-spec.ts';
import { seededSample } from './seeded-sample.ts';
import type { SpecResult } from './spec-outcome.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const HERE = import.meta.dirname;

type Options = { readonly sample: number; readonly seed: number; readonly concurrency: number; readonly keep: boolean; readonly specs: readonly string[]; readonly reportName: string | undefined };

function parseOptions(argv: readonly string[]): Options {
  const number = ({ flag, fallback }: { flag: string; fallback: number }): number => {
    const index = argv.indexOf(flag);
    if (index < 0) return fallback;
    const value = Number(argv[index + 1]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} needs a whole number`);
    return value;
  };
  const specs = argv.flatMap((arg, index) => (arg === '--spec' && argv[index + 1] !== undefined ? [argv[index + 1]!] : []));
  const writeAs = argv.indexOf('--write-as') >= 0 ? argv[argv.indexOf('--write-as') + 1] : undefined;
  // A run over hand-picked specs is for reproducing; it does not overwrite the sample's report.
  const reportName = writeAs !== undefined ? `results-${writeAs}` : specs.length === 0 ? 'results' : undefined;
  return { sample: number({ flag: '--sample', fallback: 200 }), seed: number({ flag: '--seed', fallback: 1 }), concurrency: Math.max(1, number({ flag: '--concurrency', fallback: 2 })), keep: argv.includes('--keep'), specs, reportName };
}

/** Runs jobs with at most `limit` in flight, keeping results in input order. */
async function pool<T, R>(input: { readonly items: readonly T[]; readonly limit: number; readonly work: (item: T) => Promise<R> }): Promise<R[]> {
  const results: R[] = new Array<R>(input.items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < input.items.length) {
      const index = next++;
      results[index] = await input.work(input.items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.limit, input.items.length) }, worker));
  return results;
}

function progressLine(input: { readonly result: SpecResult; readonly index: number; readonly total: number }): string {
  const { result } = input;
  const what = result.outcome === 'success' ? `success, ${result.tools} tools` : result.outcome === 'clean-failure' ? `clean failure ${result.codes.join(',')}` : `DEFECT ${result.kind} at ${result.stage}: ${result.signature}`;
  return `[${input.index + 1}/${input.total}] ${result.spec}: ${what} (${(result.wallMs / 1000).toFixed(1)} s, ${result.maxRssKb === undefined ? '?' : Math.round(result.maxRssKb / 1024)} MB)\n`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const paths = corpusPaths(path.join(REPO_ROOT, '.cache', 'corpus'));
  const all = listCorpusSpecs(paths);
  const sample = options.specs.length > 0 ? [...options.specs] : seededSample({ items: all, size: options.sample, seed: options.seed });
  extractSpecs({ paths, specs: sample });
  const outRoot = path.join(paths.dir, 'out');
  mkdirSync(outRoot, { recursive: true });
  process.stderr.write(`corpus: ${all.length} specs; running ${sample.length} (seed ${options.seed}, concurrency ${options.concurrency})\n`);
  const started = performance.now();
  let done = 0;
  const results = await pool({
    items: sample,
    limit: options.concurrency,
    work: async (spec) => {
      const result = await runSpec({ repoRoot: REPO_ROOT, spec, specRoot: paths.specRoot, outRoot, keep: options.keep });
      process.stderr.write(progressLine({ result, index: done++, total: sample.length }));
      return result;
    },
  });
  const command = ['npx tsx scripts/corpus/run-corpus.ts', ...process.argv.slice(2)].join(' ');
  const summary = { corpus: CORPUS_PACKAGE, command, seed: options.specs.length > 0 ? undefined : options.seed, concurrency: options.concurrency, totalWallMs: Math.round(performance.now() - started), results };
  const counts = ['success', 'clean-failure', 'defect'].map((outcome) => `${outcome} ${results.filter((r) => r.outcome === outcome).length}`).join(', ');
  if (options.reportName !== undefined) {
    writeFileSync(path.join(HERE, `${options.reportName}.md`), renderMarkdown(summary));
    writeFileSync(path.join(HERE, `${options.reportName}.json`), renderJson(summary));
    process.stderr.write(`${counts}. Wrote scripts/corpus/${options.reportName}.md and .json\n`);
  } else process.stderr.write(`${counts}. (--spec run: nothing written; --write-as <name> writes results-<name>.md)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

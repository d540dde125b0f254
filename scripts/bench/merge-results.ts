/**
 * A partial run (`npm run bench -- --only calls`) replaces only the sections it ran: the others
 * keep the figures of the run that produced them, and each section says which run that was.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { SECTIONS, type BenchOptions, type Section } from './bench-options.ts';
import type { BenchResults, SectionRun } from './bench-results.ts';

/** The fields of the results each section writes; the remote section writes its own file. */
export const SECTION_FIELDS: Readonly<Record<Section, readonly (keyof BenchResults)[]>> = {
  generation: ['generation', 'growth', 'profile'],
  servers: ['servers', 'bareNodeMs', 'coverage', 'peerCoverage', 'serverProfile'],
  calls: ['callOverhead'],
  http: ['http', 'discovery'],
  large: ['large'],
  scale: ['scale'],
  remote: [],
};

/** Shared by the sections that read the public specs and the peers: the latest of those runs sets them. */
const SPEC_SECTIONS: readonly Section[] = ['generation', 'servers', 'large'];

/** Which run produced each section of results written before sections were recorded: the one run that wrote them. */
export function sectionRuns(results: BenchResults): Partial<Record<Section, SectionRun>> {
  if (results.sections !== undefined) return results.sections;
  const ran = results.options.sections ?? SECTIONS;
  const run: SectionRun = { startedAt: results.startedAt, finishedAt: results.finishedAt, commit: 'not recorded', options: results.options, loadAverage: results.machine.loadAverage, loadAverageAtEnd: results.loadAverageAtEnd };
  return Object.fromEntries(ran.filter((section) => section !== 'remote').map((section) => [section, run]));
}

/** The sections a run writes into results.json and results.md. */
export function writtenSections(options: Pick<BenchOptions, 'sections'>): readonly Section[] {
  return options.sections.filter((section) => SECTION_FIELDS[section].length > 0);
}

export function mergeResults(input: { readonly previous: BenchResults | undefined; readonly current: BenchResults; readonly run: SectionRun }): BenchResults {
  const { previous, current } = input;
  const ran = writtenSections(current.options);
  const before = previous === undefined ? {} : sectionRuns(previous);
  const merged: Record<string, unknown> = { ...current };
  for (const section of SECTIONS.filter((item) => !ran.includes(item))) {
    for (const field of SECTION_FIELDS[section]) {
      // A section this run did not measure shows the last run that did, or nothing.
      const kept = before[section] === undefined ? undefined : previous?.[field];
      if (kept !== undefined) merged[field] = kept;
      else if (Array.isArray(current[field])) merged[field] = [];
      else delete merged[field];
    }
  }
  if (previous !== undefined && !SPEC_SECTIONS.some((section) => ran.includes(section))) {
    merged['specs'] = previous.specs;
    merged['peers'] = previous.peers;
  }
  const sections: Partial<Record<Section, SectionRun>> = {};
  for (const section of SECTIONS) {
    const run = ran.includes(section) ? input.run : before[section];
    if (run !== undefined && SECTION_FIELDS[section].length > 0) sections[section] = run;
  }
  return { ...(merged as BenchResults), sections };
}

/** JSON writes NaN (a spread of no runs, a CPU time not measured) as null; spreads get it back. */
function restoreNaN(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('median' in value && 'min' in value && 'max' in value && 'runs' in value)) return value;
  const spread = value as Record<string, unknown>;
  return { ...spread, median: spread['median'] ?? Number.NaN, min: spread['min'] ?? Number.NaN, max: spread['max'] ?? Number.NaN };
}

/** The results file a partial run merges into; a file that exists but cannot be read stops the run (fail closed). */
export function readPreviousResults(file: string): BenchResults | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'), restoreNaN) as BenchResults;
  } catch (error) {
    throw new Error(`${file} exists but cannot be read (${error instanceof Error ? error.message : String(error)}); a partial run would drop the sections it keeps. Fix or remove it, or run every section.`);
  }
}

/** The commit the run measured, marked when the working tree had changes (results files aside). */
export function commitOf(root: string): string {
  const git = (args: readonly string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  try {
    const dirty = git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':!scripts/bench/results.json', ':!scripts/bench/results.md']);
    return `${git(['rev-parse', '--short', 'HEAD'])}${dirty === '' ? '' : ' with uncommitted changes'}`;
  } catch {
    return 'unknown (no git)';
  }
}

import { SECTIONS, type BenchOptions, type Section } from './bench-options.ts';
import type { BenchResults, SectionRun } from './bench-results.ts';
import { SECTION_FIELDS } from './merge-results.ts';

/** What each section is called in results.md. */
const TITLES: Readonly<Record<Section, string>> = {
  generation: 'Generation, growth and the generator profile',
  servers: 'Servers: type-check, cold start, tokens, parameters, start-up profile',
  calls: 'Per-call overhead',
  http: 'HTTP throughput and discovery mode',
  large: 'The largest real specs (Graph v1.0 and beta)',
  scale: 'A server of 10,000 tools',
  remote: 'Remote serving (remote-results.md)',
};

/** Results written before commits were recorded say so in words. */
const commitText = (run: SectionRun) => (run.commit === 'not recorded' ? 'a commit not recorded' : run.commit);

const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function mode(options: BenchOptions): string {
  const flags = [options.quick ? '--quick' : '', options.peers ? '' : '--no-peers', options.sections.length < SECTIONS.length ? `--only ${options.sections.join(',')}` : ''].filter(Boolean);
  return flags.length === 0 ? 'full' : flags.join(' ');
}

/** The options of the run that produced a section (the latest run's, for results without sections). */
export function optionsOf(input: { readonly results: BenchResults; readonly section: Section }): BenchOptions {
  return input.results.sections?.[input.section]?.options ?? input.results.options;
}

/** One line under a section's heading naming the run that produced it. */
export function fromRun(input: { readonly results: BenchResults; readonly section: Section }): string {
  const run = input.results.sections?.[input.section];
  if (input.results.sections === undefined) return '';
  if (run === undefined) return '_No run has measured this section yet._\n\n';
  return `_From the run of ${minute(run.startedAt)}–${minute(run.finishedAt).slice(11)} UTC on ${commitText(run)} (${mode(run.options)})._\n\n`;
}

/** Which run produced each section: a partial run replaces only its own. */
export function provenanceTable(results: BenchResults): string {
  if (results.sections === undefined) return '';
  const row = (section: Section, run: SectionRun | undefined) =>
    run === undefined ? `| ${TITLES[section]} | not measured yet | | | |` : `| ${TITLES[section]} | ${minute(run.startedAt)} – ${minute(run.finishedAt).slice(11)} | ${commitText(run)} | ${mode(run.options)} | ${run.loadAverage[0]} → ${run.loadAverageAtEnd[0]} |`;
  const written = SECTIONS.filter((section) => SECTION_FIELDS[section].length > 0);
  return [
    'Each section comes from the latest run that measured it (`npm run bench -- --only <sections>` replaces only those), so figures in different sections may come from different runs and commits:',
    '',
    '| section | run (UTC) | commit | options | load average (1 min), start → end |',
    '|---|---|---|---|---|',
    ...written.map((section) => row(section, results.sections![section])),
  ].join('\n');
}

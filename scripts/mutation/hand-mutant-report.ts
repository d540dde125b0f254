import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { AREA_TESTS, type HandMutant, type MutantArea } from './hand-mutant-list.ts';

export type HandResult = {
  readonly id: string;
  /** `invalid`: the text to find did not occur exactly once, so nothing was applied. */
  readonly status: 'killed' | 'survived' | 'invalid';
  /** Failing test files (with their first failing test), or why the run itself failed. */
  readonly by: readonly string[];
  readonly seconds: number;
};

const REPORT = path.join(import.meta.dirname, 'hand-mutants.md');

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function outcome(input: { readonly mutant: HandMutant; readonly result: HandResult | undefined }): string {
  const { mutant, result } = input;
  if (mutant.equivalent !== undefined) return `equivalent: ${mutant.equivalent}`;
  if (result === undefined) return 'not run yet';
  if (result.status === 'killed') return `killed by ${result.by.map((b) => `\`${b}\``).join(', ')}`;
  return result.status === 'invalid' ? `INVALID: ${result.by.join(' ')}` : '**SURVIVED**';
}

function areaRows(input: { readonly mutants: readonly HandMutant[]; readonly results: Readonly<Record<string, HandResult>> }): string[] {
  const areas = [...new Set(input.mutants.map((m) => m.area))];
  return areas.map((area: MutantArea) => {
    const of = input.mutants.filter((m) => m.area === area);
    const count = (status: HandResult['status']) => of.filter((m) => m.equivalent === undefined && input.results[m.id]?.status === status).length;
    return `| ${area} | ${of.length} | ${count('killed')} | ${count('survived')} | ${of.filter((m) => m.equivalent !== undefined).length} |`;
  });
}

/** hand-mutants.md: a summary per area, the test files each area runs, and every mutant's outcome. */
export function writeHandReport(input: { readonly mutants: readonly HandMutant[]; readonly results: Readonly<Record<string, HandResult>>; readonly lastRun: { readonly mutants: number; readonly wallSeconds: number } }): void {
  const { mutants, results } = input;
  const lines = [
    '# Hand mutants of the runtime',
    '',
    'Written by `npm run mutation:hand` (scripts/mutation/hand-mutants.ts; the mutants are in hand-mutant-list.ts). Each mutant is',
    'applied to `templates/runtime/`, the packages regenerated (`npm run generate`), its area\'s test files run, and the source and',
    '`generated/` restored. A mutant marked equivalent is not run; its reason says why no test can tell it apart.',
    '',
    `Last run: ${input.lastRun.mutants} mutants in ${input.lastRun.wallSeconds} s (wall time on the shared 2-core machine, nice 10). Results are merged across runs (\`--only\`, \`--area\`);`,
    `each mutant's own time (apply, generate, test, restore) adds up to ${Object.values(results).reduce((sum, r) => sum + r.seconds, 0)} s over the ${Object.keys(results).length} results below.`,
    '',
    '| Area | Mutants | Killed | Survived | Equivalent |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...areaRows({ mutants, results }),
    '',
    '## Test files per area',
    '',
    ...Object.entries(AREA_TESTS).map(([area, files]) => `- ${area}: ${files.map((f) => `\`${f}\``).join(', ')}`),
    '',
    '## Mutants',
    '',
    '| Id | Area | File | Mutant | Outcome |',
    '| --- | --- | --- | --- | --- |',
    ...mutants.map((mutant) => `| ${mutant.id} | ${mutant.area} | \`${mutant.file.replace('templates/runtime/', '')}\` | ${cell(mutant.description)} | ${cell(outcome({ mutant, result: results[mutant.id] }))} |`),
    '',
  ];
  writeFileSync(REPORT, lines.join('\n'));
}

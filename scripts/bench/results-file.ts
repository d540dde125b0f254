import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchResults, SectionRun } from './bench-results.ts';
import { mergeResults, readPreviousResults } from './merge-results.ts';
import { renderResults } from './results-markdown.ts';
import type { ServerCell } from './server-bench.ts';

/**
 * Writes results.json and results.md in `dir`: this run's sections merged into what is there.
 * `servers` are this run's cells with their listed tools (for the token notes), when it ran them.
 */
export function writeResultFiles(input: { readonly dir: string; readonly current: BenchResults; readonly run: SectionRun; readonly servers?: readonly ServerCell[] }): BenchResults {
  const file = path.join(input.dir, 'results.json');
  const merged = mergeResults({ previous: readPreviousResults(file), current: input.current, run: input.run });
  // Rendered before either file is written: a failure leaves both as they were.
  const markdown = renderResults({ results: merged, servers: input.servers ?? merged.servers });
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  writeFileSync(path.join(input.dir, 'results.md'), markdown);
  return merged;
}

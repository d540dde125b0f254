import type { CleanFailure, Defect, SpecResult, Success } from './spec-outcome.ts';

export type RunSummary = {
  readonly corpus: string;
  /** How to repeat this run. */
  readonly command: string;
  /** Undefined for a run over hand-picked specs. */
  readonly seed: number | undefined;
  readonly concurrency: number;
  readonly totalWallMs: number;
  readonly results: readonly SpecResult[];
};

function percent(input: { readonly part: number; readonly whole: number }): string {
  return input.whole === 0 ? '0%' : `${((100 * input.part) / input.whole).toFixed(1)}%`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function megabytes(kb: number | undefined): string {
  return kb === undefined ? '?' : `${Math.round(kb / 1024)} MB`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Clean failures by the diagnostic code(s) they stopped on; a spec with two codes counts under each. */
function failuresByCode(failures: readonly CleanFailure[]): string[] {
  const byCode = new Map<string, string[]>();
  for (const failure of failures) for (const code of failure.codes) byCode.set(code, [...(byCode.get(code) ?? []), failure.spec]);
  return [...byCode.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([code, specs]) => `| \`${code}\` | ${specs.length} | ${specs.slice(0, 6).map((s) => `\`${s}\``).join(', ')}${specs.length > 6 ? ', …' : ''} |`);
}

/** Simplifications the generator reported on specs that still succeeded. */
function notesTable(successes: readonly Success[]): string[] {
  const byCode = new Map<string, { specs: number; total: number }>();
  for (const success of successes) {
    for (const [code, count] of Object.entries(success.notes)) {
      const entry = byCode.get(code) ?? { specs: 0, total: 0 };
      byCode.set(code, { specs: entry.specs + 1, total: entry.total + count });
    }
  }
  return [...byCode.entries()].sort((a, b) => b[1].specs - a[1].specs).map(([code, entry]) => `| \`${code}\` | ${entry.specs} | ${entry.total} |`);
}

function defectSections(defects: readonly Defect[]): string[] {
  const bySignature = new Map<string, Defect[]>();
  for (const defect of defects) bySignature.set(defect.signature, [...(bySignature.get(defect.signature) ?? []), defect]);
  const groups = [...bySignature.entries()].sort((a, b) => b[1].length - a[1].length);
  const lines = ['| Cause (signature) | Stage | Specs |', '| --- | --- | --- |', ...groups.map(([signature, group]) => `| ${cell(signature)} | ${group[0]!.stage} | ${group.length} |`), ''];
  for (const defect of defects) {
    lines.push(`### \`${defect.spec}\` — ${defect.kind} at ${defect.stage}`, '', `Output kept in \`${defect.outDir}\`.`, '', '```text', defect.excerpt, '```', '');
  }
  return lines;
}

function worst(input: { readonly results: readonly SpecResult[]; readonly by: 'wallMs' | 'maxRssKb' }): string[] {
  const sorted = [...input.results].sort((a, b) => (b[input.by] ?? 0) - (a[input.by] ?? 0)).slice(0, 5);
  return sorted.map((r) => `| \`${r.spec}\` | ${(r.sizeBytes / 1e6).toFixed(1)} MB | ${r.outcome} | ${seconds(r.wallMs)} | ${megabytes(r.maxRssKb)} | ${r.stages.map((s) => `${s.stage} ${seconds(s.wallMs)}/${megabytes(s.maxRssKb)}`).join(', ')} |`);
}

export function renderMarkdown(summary: RunSummary): string {
  const { results } = summary;
  const successes = results.filter((r): r is Success => r.outcome === 'success');
  const failures = results.filter((r): r is CleanFailure => r.outcome === 'clean-failure');
  const defects = results.filter((r): r is Defect => r.outcome === 'defect');
  const total = results.length;
  const tools = successes.reduce((sum, r) => sum + r.tools, 0);
  return [
    '# Corpus run: results',
    '',
    `Corpus: \`${summary.corpus}\` (APIs.guru, bundled and converted to OpenAPI 3). Specs: ${total}${summary.seed === undefined ? ' (hand-picked)' : ` (seeded random sample, seed ${summary.seed})`}, concurrency ${summary.concurrency}, total wall time ${seconds(summary.totalWallMs)}.`,
    `Regenerate: \`${summary.command.length > 300 ? `${summary.command.slice(0, 300)} …\` (full command in the .json)` : `${summary.command}\``}.`,
    '',
    '| Outcome | Specs | Rate |',
    '| --- | --- | --- |',
    `| success (built, started, tools listed) | ${successes.length} | ${percent({ part: successes.length, whole: total })} |`,
    `| clean failure (exit 1 with VMCP_ errors) | ${failures.length} | ${percent({ part: failures.length, whole: total })} |`,
    `| defect | ${defects.length} | ${percent({ part: defects.length, whole: total })} |`,
    '',
    `Successes listed ${tools} tools in all (median ${successes.length > 0 ? [...successes].sort((a, b) => a.tools - b.tools)[Math.floor(successes.length / 2)]!.tools : 0} per spec).`,
    '',
    `Successes with zero tools (every operation left out, usually for lack of a description or summary): ${successes.filter((r) => r.tools === 0).map((r) => `\`${r.spec}\``).join(', ') || 'none'}.`,
    '',
    '## Warnings and infos on successful specs',
    '',
    '| Code | Specs | Occurrences |',
    '| --- | --- | --- |',
    ...notesTable(successes),
    '',
    '## Clean failures by diagnostic code',
    '',
    '| Code | Specs | Examples |',
    '| --- | --- | --- |',
    ...failuresByCode(failures),
    '',
    '## Defects',
    '',
    ...(defects.length === 0 ? ['None.', ''] : defectSections(defects)),
    '## Slowest 5 specs (wall time summed over stages)',
    '',
    '| Spec | Size | Outcome | Wall | Peak RSS | Stages (wall/RSS) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...worst({ results, by: 'wallMs' }),
    '',
    '## Largest 5 peak RSS figures',
    '',
    '| Spec | Size | Outcome | Wall | Peak RSS | Stages (wall/RSS) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...worst({ results, by: 'maxRssKb' }),
    '',
    '## Sample',
    '',
    results.map((r) => `\`${r.spec}\` ${r.outcome === 'success' ? `✓ ${r.tools}` : r.outcome === 'clean-failure' ? `✗ ${r.codes.join(',')}` : `DEFECT ${r.kind}`}`).join(' · '),
    '',
  ].join('\n');
}

/** One line per spec keeps the file small and diffable. */
export function renderJson(summary: RunSummary): string {
  const { results, ...header } = summary;
  return `{${Object.entries(header).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ')},\n"results": [\n${results.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
}

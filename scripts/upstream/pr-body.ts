/** The pull request body: what the vendor changed, what that does to the tools, and the versions. */

const MAX_DIFF_LINES = 400;

/** Release lines as `npm run generate` prints them: `generated/x: 1.2.0 → 2.0.0 (major)` and indented rule lines. */
export function releaseSections(generateOutput: string): { bumps: string[]; changes: string[] } {
  const lines = generateOutput.split('\n');
  return {
    bumps: lines.filter((line) => /^\S+: \S+ → \S+ \(\w+\)$/.test(line)),
    changes: lines.filter((line) => /^ {2}`[a-z-]+` \(\w+\): /.test(line)).map((line) => line.trim()),
  };
}

function clipped(diff: string): string[] {
  const lines = diff.trimEnd().split('\n');
  if (lines.length <= MAX_DIFF_LINES) return lines;
  return [...lines.slice(0, MAX_DIFF_LINES), `… ${lines.length - MAX_DIFF_LINES} more lines: see the files changed`];
}

export function pullRequestBody(input: { readonly vendors: readonly { readonly vendor: string; readonly url: string; readonly diff: string }[]; readonly generateOutput: string }): string {
  const { bumps, changes } = releaseSections(input.generateOutput);
  return [
    `# Vendor specs changed upstream: ${input.vendors.map((v) => v.vendor).join(', ')}`,
    '',
    'Downloaded by `.github/workflows/upstream.yml`; every curation overlay still applies, the packages were regenerated and the tests passed.',
    '',
    '## Version bumps',
    '',
    ...(bumps.length > 0 ? bumps.map((line) => `- ${line}`) : ['- none: the tool surface did not change (contract-only edits)']),
    '',
    '## Tool surface diff (release rule IDs)',
    '',
    ...(changes.length > 0 ? changes.map((line) => `- ${line}`) : ['- no tool changed']),
    '',
    '## Vendor contract diff',
    '',
    ...input.vendors.flatMap((v) => [`### ${v.vendor} (${v.url})`, '', '```diff', ...clipped(v.diff), '```', '']),
  ].join('\n');
}

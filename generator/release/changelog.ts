import type { BumpLevel } from './surface-rules.ts';

/** Everything from the first version heading on: what a new entry is prepended to. */
export function changelogEntries(text: string | undefined): string {
  if (text === undefined) return '';
  const start = text.search(/^## /m);
  return start === -1 ? '' : text.slice(start).trimEnd();
}

/** One version's entry. No dates: regeneration must be byte-stable, and git records when. */
export function changelogEntry(input: { readonly version: string; readonly level: BumpLevel | 'initial'; readonly source: string; readonly lines: readonly string[]; readonly why?: string }): string {
  const why = input.why === undefined ? [] : [`Why: ${input.why}`, ''];
  return [`## ${input.version} (${input.level})`, '', `From ${input.source}.`, '', ...why, ...input.lines.map((line) => `- ${line}`)].join('\n');
}

export function prependEntry(input: { readonly entry: string; readonly entries: string }): string {
  return input.entries === '' ? input.entry : `${input.entry}\n\n${input.entries}`;
}

export function changelogText(input: { readonly header: string; readonly packageName: string; readonly entries: string }): string {
  return [
    input.header,
    '',
    `# Changelog: ${input.packageName}`,
    '',
    'Versions follow the tool surface agents see (`tools.json`): breaking changes are major, additions minor, docs or runtime only patch. Each line names the rule that classified it (see the vendor-mcp README, "Release").',
    '',
    input.entries,
    '',
  ].join('\n');
}

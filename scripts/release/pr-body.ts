import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { changelogEntries } from '../../generator/release/changelog.ts';
import { REPO_ROOT } from '../shared/repo-root.ts';
import { fileAtRef } from './git-files.ts';

/**
 * The body of the regeneration pull request: for each package whose version the regeneration
 * changed (against `base`), its newest CHANGELOG.md entry, so reviewers read the bump and why.
 */
export function pullRequestBody(input: { readonly base: string }): string {
  const dir = path.join(REPO_ROOT, 'generated');
  const sections: string[] = [];
  for (const vendor of readdirSync(dir).sort()) {
    const version = (JSON.parse(readFileSync(path.join(dir, vendor, 'package.json'), 'utf8')) as { version: string }).version;
    const before = fileAtRef({ ref: input.base, path: `generated/${vendor}/package.json` });
    const previous = before === undefined ? '(new)' : (JSON.parse(before) as { version: string }).version;
    if (previous === version) continue;
    const newest = changelogEntries(readFileSync(path.join(dir, vendor, 'CHANGELOG.md'), 'utf8')).split(/\n(?=## )/)[0] ?? '';
    sections.push(`### @vendor-mcp/${vendor}: ${previous} → ${version}\n\n${newest.replace(/^## .*\n\n/, '')}`);
  }
  const intro = 'Regenerated from `vendor-docs/` by the regenerate workflow. Review the generated diff; versions and entries come from the tool-surface diff (`npm run surface-diff`).';
  return [intro, ...(sections.length > 0 ? sections : ['No package version changed.'])].join('\n\n');
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${pullRequestBody({ base: process.argv[2] ?? 'HEAD' })}\n`);

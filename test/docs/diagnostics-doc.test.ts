import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

/** Every `VMCP_…` code written anywhere under generator/ (codes.ts defines them; stages report them). */
function codesUsed(): string[] {
  const files = readdirSync(path.join(REPO_ROOT, 'generator'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  const codes = files.flatMap((file) => [...readFileSync(path.join(REPO_ROOT, 'generator', file), 'utf8').matchAll(/\bVMCP_[A-Z0-9_]*[A-Z0-9]\b/g)].map((match) => match[0]));
  return [...new Set(codes)].sort();
}

describe('docs/diagnostics.md', () => {
  // A user meets a code in a terminal or a CI log and looks it up there: a code left out reads as undocumented.
  it('lists every diagnostic code the generator can print', () => {
    const documented = new Set([...readFileSync(path.join(REPO_ROOT, 'docs', 'diagnostics.md'), 'utf8').matchAll(/`(VMCP_[A-Z0-9_]+)`/g)].map((match) => match[1]));
    const used = codesUsed();
    expect(used.length).toBeGreaterThan(40);
    expect(used.filter((code) => !documented.has(code))).toStrictEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

/**
 * The README states what each package's tool list costs a model; a reader (and the issue's
 * independent count) compares it with `tools.json`. Regenerating must not leave the README behind.
 */
const VENDORS = [
  { vendor: 'roserocket', label: 'Rose Rocket' },
  { vendor: 'edesk', label: 'eDesk' },
  { vendor: 'malomo', label: 'Malomo' },
];
const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');

describe('the README token figures', () => {
  it.each(VENDORS)('$label: the figure and tool count are the ones tools.json records', ({ vendor, label }) => {
    const snapshot = JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'tools.json'), 'utf8')) as { tools: unknown[]; modelTokens: { total: number } };
    const stated = new RegExp(`${label} ([\\d,]+) for (\\d+)`).exec(readme);
    expect(stated, `README names ${label}'s figure`).not.toBeNull();
    expect({ tokens: Number(stated![1]!.replaceAll(',', '')), tools: Number(stated![2]) }).toStrictEqual({ tokens: snapshot.modelTokens.total, tools: snapshot.tools.length });
  });
});

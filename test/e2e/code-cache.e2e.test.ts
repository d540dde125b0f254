import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, VENDORS } from '../../scripts/shared/repo-root.ts';

/**
 * The build's last step writes the code cache that `npm pack` ships: a plain `node` of the same
 * version must take it, or every start of the bin compiles the whole bundle again.
 */
describe.each(VENDORS)('%s: the built package ships a code cache its bin takes', (vendor) => {
  it('a fresh `node` process loads dist/server.cjs from its cache and finds start()', () => {
    const dist = path.join(REPO_ROOT, 'generated', vendor, 'dist');
    const script = `import { loadBundle } from ${JSON.stringify(path.join(dist, 'runtime', 'code-cache.js'))}; const loaded = loadBundle(${JSON.stringify(path.join(dist, 'server.cjs'))}); process.stdout.write(JSON.stringify({ accepted: loaded.cacheAccepted, start: typeof loaded.entry.start, listed: [...(loaded.listing?.keys() ?? [])].sort() }));`;
    const report = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } })) as unknown;
    // The serialised listing ships too, one entry for each tool tools.json records.
    const recorded = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'tools.json'), 'utf8')) as { tools: { name: string }[] }).tools.map((tool) => tool.name).sort();
    expect(report).toStrictEqual({ accepted: true, start: 'function', listed: recorded });
  });
});

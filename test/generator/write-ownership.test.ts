import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticError } from '../../generator/diagnostics/diagnostic.ts';
import { liesWithin } from '../../generator/write/inside-root.ts';
import { OWNER_MARKER, withMarker } from '../../generator/write/ownership.ts';
import { listTree } from '../../generator/write/package-tree.ts';
import { recoverInterruptedWrite, writeTrees } from '../../generator/write/write-tree.ts';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { treeHash } from '../../scripts/shared/tree-hash.ts';

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'vmcp-ownership-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FILES = [{ path: 'src/index.ts', contents: 'export const v = 1;\n' }];

/** A folder of someone's own: sources and a git repository. */
function project(dir: string): void {
  for (const [file, contents] of [['src/app.ts', 'export {};\n'], ['.git/HEAD', 'ref: refs/heads/main\n'], ['package.json', '{}\n']] as const) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), contents);
  }
}

/** What the write stage refused with, or 'written'. */
async function attempt(work: () => unknown): Promise<string> {
  try {
    await work();
    return 'written';
  } catch (error) {
    if (error instanceof DiagnosticError) return error.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n');
    throw error;
  }
}

describe('generate writes only into a folder that is missing, empty or its own', () => {
  it('refuses an existing project folder given as --out, exits 1 with code, path and fix, and touches nothing', async () => {
    const parent = mkdtempSync(path.join(work, 'cli-'));
    const spec = path.join(parent, 'acme.yaml');
    writeFileSync(spec, MINIMAL_VENDOR_DOC);
    const out = path.join(parent, 'my-project');
    project(out);
    const before = treeHash(parent);
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'generator', 'cli.ts'), '--spec', spec, '--vendor', 'acme', '--out', out], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n').slice(0, 2)).toStrictEqual([
      `${out} error VMCP_OUTPUT_NOT_OURS: ${out} is not empty and has no ${OWNER_MARKER}, so it is not a package this generator wrote. Nothing was written or removed`,
      '  fix: Give --out a folder that is missing, empty, or a package this generator wrote (it holds .vendor-mcp-package.json). A package written before that marker existed: move it aside and generate again.',
    ]);
    expect(treeHash(parent)).toBe(before);
  }, 60_000);

  it.each([
    { given: 'missing', make: () => undefined, want: 'written' },
    { given: 'empty', make: (dir: string) => mkdirSync(dir), want: 'written' },
    { given: 'a package this generator wrote', make: (dir: string) => writeTrees({ trees: [{ dir, files: FILES }] }), want: 'written' },
    { given: 'a project folder', make: project, want: 'VMCP_OUTPUT_NOT_OURS: {dir} is not empty and has no .vendor-mcp-package.json, so it is not a package this generator wrote. Nothing was written or removed' },
    { given: 'a folder holding only dist/', make: (dir: string) => mkdirSync(path.join(dir, 'dist'), { recursive: true }), want: 'VMCP_OUTPUT_NOT_OURS: {dir} is not empty and has no .vendor-mcp-package.json, so it is not a package this generator wrote. Nothing was written or removed' },
    { given: 'a folder whose marker names another generator', make: (dir: string) => (mkdirSync(dir), writeFileSync(path.join(dir, OWNER_MARKER), '{"generator":"other"}')), want: 'VMCP_OUTPUT_NOT_OURS: {dir} is not empty and has no .vendor-mcp-package.json, so it is not a package this generator wrote. Nothing was written or removed' },
    { given: 'a file', make: (dir: string) => writeFileSync(dir, 'x'), want: 'VMCP_OUTPUT_NOT_OURS: {dir} is a file, not a folder. Nothing was written or removed' },
    {
      given: 'a symbolic link to a generated package',
      make: async (dir: string) => (await writeTrees({ trees: [{ dir: `${dir}-real`, files: FILES }] }), symlinkSync(`${dir}-real`, dir)),
      want: 'VMCP_OUTPUT_NOT_OURS: {dir} is a symbolic link; pass the real folder it points to. Nothing was written or removed',
    },
  ])('$given → $want', async ({ make, want }) => {
    const parent = mkdtempSync(path.join(work, 'unit-'));
    const dir = path.join(parent, 'out');
    await make(dir);
    const before = treeHash(parent);
    const outcome = await attempt(() => writeTrees({ trees: [{ dir, files: FILES }] }));
    expect(outcome).toBe(want.replace('{dir}', dir));
    if (want === 'written') expect(listTree(dir)).toStrictEqual(withMarker(FILES).map((f) => f.path).sort());
    else expect(treeHash(parent)).toBe(before);
  });

  it('refuses a folder under a file (--out notes.txt/pkg) with its path, and touches nothing', async () => {
    const parent = mkdtempSync(path.join(work, 'under-file-'));
    writeFileSync(path.join(parent, 'notes.txt'), 'x');
    const dir = path.join(parent, 'notes.txt', 'pkg');
    const before = treeHash(parent);
    const want = `VMCP_OUTPUT_NOT_OURS: ${dir} cannot be a folder: a step of its path is a file. Nothing was written or removed`;
    expect(await attempt(() => writeTrees({ trees: [{ dir, files: FILES }] }))).toBe(want);
    expect(treeHash(parent)).toBe(before);
  });

  it.each(['../escaped.ts', '/tmp/absolute.ts', 'src/../../escaped.ts'])('refuses a file path %s that resolves outside the folder', async (file) => {
    const parent = mkdtempSync(path.join(work, 'escape-'));
    const dir = path.join(parent, 'out');
    const outcome = await attempt(() => writeTrees({ trees: [{ dir, files: [...FILES, { path: file, contents: 'x' }] }] }));
    expect(outcome).toBe(`VMCP_OUTPUT_NOT_OURS: ${dir}.vmcp-staging would receive ${JSON.stringify(file)}, which resolves outside it. Nothing was written or removed`);
    expect(existsSync(path.join(parent, 'escaped.ts'))).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('leaves a folder of someone else that happens to carry the staging suffix', async () => {
    const parent = mkdtempSync(path.join(work, 'suffix-'));
    const dir = path.join(parent, 'out');
    project(`${dir}.vmcp-staging`);
    const before = treeHash(parent);
    expect(await attempt(() => writeTrees({ trees: [{ dir, files: FILES }] }))).toBe(
      `VMCP_OUTPUT_NOT_OURS: ${dir}.vmcp-staging has no ${OWNER_MARKER}, so this generator did not stage it. Nothing was written or removed`,
    );
    expect(treeHash(parent)).toBe(before);
  });
});

describe('a write journal is obeyed only when it names this generator’s own folders', () => {
  const staged = (dir: string) => {
    for (const file of withMarker(FILES)) {
      mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
      writeFileSync(path.join(dir, file.path), file.contents);
    }
  };
  const refusedBecause = (why: string) => `VMCP_JOURNAL_REFUSED: The write journal is not obeyed: ${why}. Nothing was moved or removed`;

  it.each([
    { given: 'a ../ name', journal: '[{"name":"../victim"}]', want: refusedBecause('entry {"name":"../victim"}: its name contains a path separator or a control character') },
    { given: 'an absolute name', journal: '[{"name":"/victim"}]', want: refusedBecause('entry {"name":"/victim"}: its name contains a path separator or a control character') },
    { given: 'a dot', journal: '[{"name":"."}]', want: refusedBecause('entry {"name":"."}: its name is a relative path step') },
    { given: 'a sibling project folder', journal: '[{"name":"victim"}]', want: refusedBecause('entry "victim": {parent}/victim is not empty and has no .vendor-mcp-package.json, so it is not a package this generator wrote') },
    { given: 'a name that is not a string', journal: '[{"name":7}]', want: refusedBecause('entry {"name":7}: its name is not a non-empty string') },
    { given: 'no list', journal: '{"name":"out"}', want: refusedBecause('it is not a list of {name} entries') },
    { given: 'an empty list', journal: '[]', want: refusedBecause('it is not a list of {name} entries') },
    { given: 'garbage', journal: 'rm -rf /', want: refusedBecause('it is not JSON') },
  ])('refuses a journal naming $given and moves nothing', async ({ journal, want }) => {
    const parent = mkdtempSync(path.join(work, 'journal-'));
    project(path.join(parent, 'victim'));
    staged(path.join(parent, 'victim.vmcp-staging'));
    writeFileSync(path.join(parent, '.vendor-mcp-write.journal'), journal);
    const before = treeHash(parent);
    expect(await attempt(() => recoverInterruptedWrite({ dirs: [path.join(parent, 'out')] }))).toBe(want.replace('{parent}', parent));
    expect(treeHash(parent)).toBe(before);
  });

  it('refuses a folder planted where the journal draft goes, and removes nothing', async () => {
    const parent = mkdtempSync(path.join(work, 'journal-draft-'));
    project(path.join(parent, '.vendor-mcp-write.journal.tmp'));
    const before = treeHash(parent);
    expect(await attempt(() => writeTrees({ trees: [{ dir: path.join(parent, 'out'), files: FILES }] }))).toBe(
      `VMCP_OUTPUT_NOT_OURS: ${path.join(parent, '.vendor-mcp-write.journal.tmp')} is a folder, not the journal file this generator writes. Nothing was written or removed`,
    );
    expect(treeHash(parent)).toBe(before);
  });

  it('refuses a journal that is a symbolic link', async () => {
    const parent = mkdtempSync(path.join(work, 'journal-link-'));
    writeFileSync(path.join(work, 'elsewhere.json'), '[{"name":"out"}]');
    symlinkSync(path.join(work, 'elsewhere.json'), path.join(parent, '.vendor-mcp-write.journal'));
    expect(await attempt(() => recoverInterruptedWrite({ dirs: [path.join(parent, 'out')] }))).toBe(refusedBecause('it is not a small regular file'));
  });

  it('obeys a journal naming a staged tree of its own (the committed case)', async () => {
    const parent = mkdtempSync(path.join(work, 'journal-ok-'));
    staged(path.join(parent, 'out.vmcp-staging'));
    writeFileSync(path.join(parent, '.vendor-mcp-write.journal'), '[{"name":"out"}]');
    expect(await attempt(() => recoverInterruptedWrite({ dirs: [path.join(parent, 'out')] }))).toBe('written');
    expect(listTree(parent)).toStrictEqual(withMarker(FILES).map((f) => `out/${f.path}`).sort());
  });
});

describe('an input inside the output folder (the write would delete it)', () => {
  it('is found through relative steps and symbolic links, and a sibling with the same prefix is not inside', () => {
    const parent = mkdtempSync(path.join(work, 'within-'));
    const out = path.join(parent, 'out');
    mkdirSync(path.join(out, 'docs'), { recursive: true });
    writeFileSync(path.join(out, 'docs', 'api.yaml'), 'x');
    symlinkSync(path.join(out, 'docs', 'api.yaml'), path.join(parent, 'link.yaml'));
    symlinkSync(parent, path.join(work, `alias-${path.basename(parent)}`));
    const alias = path.join(work, `alias-${path.basename(parent)}`);
    const cases = {
      inside: liesWithin({ file: path.join(out, 'docs', 'api.yaml'), dir: out }),
      'the folder itself': liesWithin({ file: `${out}/`, dir: out }),
      'a link elsewhere to a file inside': liesWithin({ file: path.join(parent, 'link.yaml'), dir: out }),
      'through a linked parent of --out': liesWithin({ file: path.join(out, 'docs', 'api.yaml'), dir: path.join(alias, 'out') }),
      'a sibling out-2': liesWithin({ file: path.join(parent, 'out-2', 'api.yaml'), dir: out }),
      'beside a missing --out': liesWithin({ file: path.join(parent, 'link.yaml'), dir: path.join(parent, 'new', 'out') }),
    };
    expect(cases).toStrictEqual({ inside: true, 'the folder itself': true, 'a link elsewhere to a file inside': true, 'through a linked parent of --out': true, 'a sibling out-2': false, 'beside a missing --out': false });
  });
});

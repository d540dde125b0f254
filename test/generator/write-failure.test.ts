import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DiagnosticError } from '../../generator/diagnostics/diagnostic.ts';
import { writeTrees } from '../../generator/write/write-tree.ts';
import { treeHash } from '../../scripts/shared/tree-hash.ts';

/** The file whose opening fails, and how; none: every open goes through. */
const failing: { file?: string; error?: () => Error } = {};

// Every file the write stage creates is opened through openSync (durable.ts), so one failure can be
// injected at any file of a write: a disk that fills up or refuses a name half-way through staging.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    openSync: (file: string, ...rest: [string]) => {
      if (failing.file !== undefined && String(file) === failing.file) throw failing.error!();
      return fs.openSync(file, ...rest);
    },
  };
});

const work = mkdtempSync(path.join(tmpdir(), 'vmcp-write-failure-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => {
  delete failing.file;
  delete failing.error;
});

const OLD = [{ path: 'src/a.ts', contents: 'old a\n' }, { path: 'README.md', contents: 'old\n' }];
const NEW = [...Array.from({ length: 40 }, (_, index) => ({ path: `src/tools/t${index}.ts`, contents: `t${index}\n` })), { path: 'src/a.ts', contents: 'new a\n' }];

const noSpace = (file: string) => () => Object.assign(new Error(`ENOSPC: no space left on device, open '${file}'`), { code: 'ENOSPC', errno: -28, syscall: 'open', path: file });

/** What writeTrees threw: a refusal's code and message, or the error itself. */
async function failure(dir: string): Promise<unknown> {
  try {
    await writeTrees({ trees: [{ dir, files: NEW }] });
  } catch (error) {
    return error instanceof DiagnosticError ? error.diagnostics.map((d) => `${d.code}: ${d.message}`) : error;
  }
  return 'written';
}

describe('a write that fails before its commit leaves the old package and nothing else', () => {
  it.each([
    { at: 'a file half-way through staging', file: (dir: string) => path.join(`${dir}.vmcp-staging`, 'src', 'tools', 't20.ts') },
    { at: 'the journal draft, after every file was staged', file: (dir: string) => path.join(path.dirname(dir), '.vendor-mcp-write.journal.tmp') },
  ])('out of disk space at $at: VMCP_WRITE_FAILED with the path and the OS reason, no staging left', async ({ file }) => {
    const parent = mkdtempSync(path.join(work, 'nospace-'));
    const dir = path.join(parent, 'out');
    await writeTrees({ trees: [{ dir, files: OLD }] });
    const before = treeHash(dir);
    failing.file = file(dir);
    failing.error = noSpace(failing.file);
    expect(await failure(dir)).toStrictEqual([`VMCP_WRITE_FAILED: Could not write ${dir}: ENOSPC: no space left on device, open '${failing.file}'`]);
    expect(readdirSync(parent)).toStrictEqual(['out']);
    expect(treeHash(dir)).toBe(before);
  });

  it('a generator bug mid-write is thrown on as it is (exit 70), and the staging still goes', async () => {
    const parent = mkdtempSync(path.join(work, 'bug-'));
    const dir = path.join(parent, 'out');
    failing.file = path.join(`${dir}.vmcp-staging`, 'src', 'a.ts');
    failing.error = () => new TypeError('a bug');
    expect(await failure(dir)).toStrictEqual(new TypeError('a bug'));
    expect(readdirSync(parent)).toStrictEqual([]);
  });

  it.runIf(existsSync('/proc/self'))('an output whose parent refuses the lock folder (/proc/self/…): VMCP_WRITE_FAILED naming the OS error and path', async () => {
    const outcome = await failure('/proc/self/nope');
    expect(outcome).toStrictEqual([expect.stringMatching(/^VMCP_WRITE_FAILED: Could not write \/proc\/self\/nope: E[A-Z]+: .*, mkdir '\/proc\/self\/\.vendor-mcp-write\.lock\.new-/)]);
  });
});

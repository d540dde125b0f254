import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EmittedFile } from '../emit/emit-package.ts';

/** Build output and installs are not ours: they survive regeneration. */
const KEPT = ['dist', 'node_modules'];
const STAGING = '.vmcp-staging';
const RETIRED = '.vmcp-retired';
/** Its existence is the commit point: with it every staged tree goes in; without it none does. */
const JOURNAL = '.vendor-mcp-write.journal';

export type TreeWrite = { readonly dir: string; readonly files: readonly EmittedFile[] };

type Entry = { readonly name: string };

const staging = (input: { parent: string; name: string }) => path.join(input.parent, `${input.name}${STAGING}`);
const retired = (input: { parent: string; name: string }) => path.join(input.parent, `${input.name}${RETIRED}`);

function stage(tree: TreeWrite): void {
  const target = staging({ parent: path.dirname(tree.dir), name: path.basename(tree.dir) });
  rmSync(target, { recursive: true, force: true });
  for (const file of tree.files) {
    const full = path.join(target, file.path);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, file.contents);
  }
  mkdirSync(target, { recursive: true });
  for (const kept of KEPT) {
    const from = path.join(tree.dir, kept);
    if (existsSync(from)) cpSync(from, path.join(target, kept), { recursive: true, verbatimSymlinks: true });
  }
}

/** Swaps one staged tree in. Idempotent, so a recovery may run it again after any interruption. */
function swapIn(input: { readonly parent: string; readonly name: string }): void {
  const dir = path.join(input.parent, input.name);
  if (!existsSync(staging(input))) return;
  if (existsSync(dir)) {
    rmSync(retired(input), { recursive: true, force: true });
    renameSync(dir, retired(input));
  }
  renameSync(staging(input), dir);
}

/**
 * Finishes or undoes a write that was interrupted (SIGINT, SIGKILL, a crash) in `parent`. With a
 * journal the write had committed: every staged tree is swapped in. Without one it had not: staged
 * trees are dropped and the old trees, never touched before the commit, stand.
 */
export function recoverInterruptedWrite(parent: string): void {
  if (!existsSync(parent)) return;
  const journal = path.join(parent, JOURNAL);
  if (existsSync(journal)) {
    const entries = JSON.parse(readFileSync(journal, 'utf8')) as Entry[];
    for (const { name } of entries) swapIn({ parent, name });
  }
  for (const name of readdirSync(parent)) {
    if (name.endsWith(STAGING) || name.endsWith(RETIRED) || name === `${JOURNAL}.tmp`) rmSync(path.join(parent, name), { recursive: true, force: true });
  }
  rmSync(journal, { force: true });
}

/**
 * Writes package folders as one transaction per parent folder: every new tree is staged beside the
 * old one, a journal naming them is renamed into place (the atomic commit), then the trees are
 * swapped in with renames. Interrupted at any point, the next write (or `recoverInterruptedWrite`)
 * leaves every folder exactly the old tree or exactly the new one.
 */
export function writeTrees(trees: readonly TreeWrite[]): void {
  const byParent = new Map<string, TreeWrite[]>();
  for (const tree of trees) byParent.set(path.dirname(tree.dir), [...(byParent.get(path.dirname(tree.dir)) ?? []), tree]);
  for (const [parent, group] of byParent) {
    mkdirSync(parent, { recursive: true });
    recoverInterruptedWrite(parent);
    for (const tree of group) stage(tree);
    const journal = path.join(parent, JOURNAL);
    writeFileSync(`${journal}.tmp`, JSON.stringify(group.map((tree): Entry => ({ name: path.basename(tree.dir) }))));
    renameSync(`${journal}.tmp`, journal);
    recoverInterruptedWrite(parent);
  }
}

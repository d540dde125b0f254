import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { EmittedFile } from '../emit/emit-package.ts';

/**
 * The file by which the write stage knows a folder as its own. It writes it into every package and
 * replaces a non-empty folder only when it finds it there: a folder given as `--out` by mistake (a
 * project with its sources and `.git`) is refused, never swapped out.
 */
export const OWNER_MARKER = '.vendor-mcp-package.json';
const GENERATOR = 'vendor-mcp';
const MARKER_MAX_BYTES = 4096;

const MARKER_CONTENTS = `${JSON.stringify(
  {
    generator: GENERATOR,
    note: 'npm run generate replaces this folder as a whole, and refuses any non-empty folder without this file. Never copy it into a folder of your own.',
  },
  null,
  2,
)}\n`;

/** The package's files plus the marker, as every write and every --check sees them. */
export function withMarker(files: readonly EmittedFile[]): EmittedFile[] {
  // First, where a sorted listing puts it ('.' sorts before letters and digits), and first written.
  return [{ path: OWNER_MARKER, contents: MARKER_CONTENTS }, ...files.filter((file) => file.path !== OWNER_MARKER)];
}

/** Whether `dir` holds this generator's marker as a small regular file: a folder the write stage wrote (or staged). */
export function hasMarker(dir: string): boolean {
  const marker = path.join(dir, OWNER_MARKER);
  try {
    const stat = lstatSync(marker);
    if (!stat.isFile() || stat.size > MARKER_MAX_BYTES) return false;
    const parsed: unknown = JSON.parse(readFileSync(marker, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && (parsed as Record<string, unknown>)['generator'] === GENERATOR;
  } catch {
    return false;
  }
}

/**
 * Why the write stage may not replace `dir`, or undefined when it may: the folder is missing, empty,
 * or a package this generator wrote. A symlink is refused too: renaming it would move the link,
 * not the folder it names. So is a path through a file (`--out notes.txt/pkg`), which no folder
 * can take. Any other error reading it (no permission) is thrown for the write stage to report.
 */
export function ownershipProblem(dir: string): string | undefined {
  let stat;
  try {
    stat = lstatSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return 'cannot be a folder: a step of its path is a file';
    throw error;
  }
  if (stat.isSymbolicLink()) return 'is a symbolic link; pass the real folder it points to';
  if (!stat.isDirectory()) return 'is a file, not a folder';
  if (readdirSync(dir).length === 0 || hasMarker(dir)) return undefined;
  return `is not empty and has no ${OWNER_MARKER}, so it is not a package this generator wrote`;
}

/** A missing or empty folder: whatever a write puts there is a change. Anything else (a file, no permission) is false, and the write reports it. */
export function holdsNothing(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Why a leftover staged or retired tree may not be swapped in or removed, or undefined: it is
 * missing, or a real folder carrying the marker (staging writes the marker first, so only a tree
 * cut off within its first write lacks it, and that one is empty).
 */
export function stagedTreeProblem(dir: string): string | undefined {
  const stat = lstatSync(dir, { throwIfNoEntry: false });
  if (stat === undefined) return undefined;
  if (stat.isSymbolicLink() || !stat.isDirectory()) return 'is not a folder';
  return hasMarker(dir) ? undefined : `has no ${OWNER_MARKER}, so this generator did not stage it`;
}

/** The refusal for a folder the write stage may not replace: its path, why, and (from the code) the fix. */
export function notOursDiagnostic(input: { readonly dir: string; readonly problem: string }): Diagnostic {
  return createDiagnostic({ code: 'VMCP_OUTPUT_NOT_OURS', message: `${input.dir} ${input.problem}. Nothing was written or removed`, location: { file: input.dir, pointer: '' } });
}

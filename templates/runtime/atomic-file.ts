import { renameSync, rmSync, writeFileSync } from 'node:fs';

/** Write aside, then rename: a server starting meanwhile reads the old file or the new one, never half of one. False when the folder is not writable. */
export function writeFileAtomically(input: { readonly file: string; readonly bytes: Buffer }): boolean {
  const aside = `${input.file}.${process.pid}.tmp`;
  try {
    writeFileSync(aside, input.bytes);
    renameSync(aside, input.file);
    return true;
  } catch {
    rmSync(aside, { force: true });
    return false;
  }
}

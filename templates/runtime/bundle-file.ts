import { readFileSync } from 'node:fs';
import { writeFileAtomically } from './atomic-file.ts';

/**
 * A file kept beside the server bundle for exactly its bytes (the V8 code cache, the stored
 * listing): the SHA-256 of the bundle, then the payload. One place reads and writes that header,
 * so a file made for other bytes (a bundle rebuilt since) is never used by either.
 */

const DIGEST_BYTES = 32;

/** Writes aside and renames (atomic-file.ts); false when the folder is not writable. */
export function writeForBundle(input: { readonly file: string; readonly digest: Buffer; readonly payload: readonly Buffer[] }): boolean {
  return writeFileAtomically({ file: input.file, bytes: Buffer.concat([input.digest, ...input.payload]) });
}

/** The payload stored for the bundle with this digest; undefined when missing, unreadable or made for other bytes. */
export function readForBundle(input: { readonly file: string; readonly digest: Buffer }): Buffer | undefined {
  let stored: Buffer;
  try {
    stored = readFileSync(input.file);
  } catch {
    return undefined;
  }
  return stored.subarray(0, DIGEST_BYTES).equals(input.digest) ? stored.subarray(DIGEST_BYTES) : undefined;
}

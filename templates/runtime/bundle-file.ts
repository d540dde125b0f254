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

/** A stored file's header and payload, whichever bundle it names; undefined when missing or unreadable. */
export function readStored(file: string): { readonly digest: Buffer; readonly payload: Buffer } | undefined {
  let stored: Buffer;
  try {
    stored = readFileSync(file);
  } catch {
    return undefined;
  }
  return stored.length < DIGEST_BYTES ? undefined : { digest: stored.subarray(0, DIGEST_BYTES), payload: stored.subarray(DIGEST_BYTES) };
}

/** The payload stored for the bundle with this digest; undefined when missing, unreadable or made for other bytes. */
export function readForBundle(input: { readonly file: string; readonly digest: Buffer }): Buffer | undefined {
  const stored = readStored(input.file);
  return stored !== undefined && stored.digest.equals(input.digest) ? stored.payload : undefined;
}

import { createHash } from 'node:crypto';
import type { EmittedFile } from '../emit/emit-package.ts';
import { CHANGELOG_FILE } from './changelog.ts';

export const SNAPSHOT_FILE = 'tools.json';

/**
 * What a package was generated from and a digest of everything it ships, recorded in tools.json.
 * The next generation compares against this record, not the files on disk, so a hand edit under
 * generated/ is simply overwritten (and `--check` reports it) instead of being taken for a release.
 */
export type Fingerprint = { readonly source: string; readonly contentSha256: string };

/** sha256 over every file but the snapshot and changelog, which record the result of this comparison. */
export function contentDigest(files: readonly EmittedFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    if (file.path === SNAPSHOT_FILE || file.path === CHANGELOG_FILE) continue;
    hash.update(`${file.path}\0${file.contents}\0`);
  }
  return hash.digest('hex');
}

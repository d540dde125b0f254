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

const RECORDED_DIGEST = /"contentSha256": "[0-9a-f]*"/;

/** The snapshot as hashed: its own recorded digest blanked, since it cannot contain itself. */
export function withoutDigest(snapshot: string): string {
  return snapshot.replace(RECORDED_DIGEST, '"contentSha256": ""');
}

/** sha256 over every shipped byte but the changelog, which records the result of this comparison. */
export function contentDigest(files: readonly EmittedFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (file.path === CHANGELOG_FILE) continue;
    hash.update(`${file.path}\0${file.path === SNAPSHOT_FILE ? withoutDigest(file.contents) : file.contents}\0`);
  }
  return hash.digest('hex');
}

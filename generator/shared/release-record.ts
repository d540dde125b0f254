/**
 * What the release stage records in a package and the load stage reads back next time. A bottom
 * layer, so reading the committed package never imports the stage that writes it.
 */

export const SNAPSHOT_FILE = 'tools.json';
export const CHANGELOG_FILE = 'CHANGELOG.md';
export const INITIAL_VERSION = '0.1.0';

/**
 * The version every emitted file carries until the release stage decides the real one and stamps
 * it. Plan and emit never know the version, so the release decision runs once, after emit, over
 * version-free files. The pipeline refuses a document whose text contains this string.
 */
export const UNSTAMPED_VERSION = '0.0.0-unstamped.vendor-mcp';

/**
 * Recorded once per package, in tools.json. `sources`: each input document and the sha256 of its
 * parsed content (comments, whitespace and key order do not move it). `contentSha256`: a digest of
 * everything the package ships, without provenance headers, version or release records; the next
 * generation compares against this record, not the files on disk, so a hand edit under generated/
 * is overwritten (and `--check` reports it) instead of being taken for a release.
 */
export type Fingerprint = { readonly sources?: Readonly<Record<string, string>>; readonly contentSha256: string };

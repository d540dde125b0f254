import type { EmittedFile } from '../emit/emit-package.ts';
import { markdownHeader, provenanceLines, type Provenance } from '../emit/provenance.ts';
import type { PreviousPackage } from '../load/read-previous-package.ts';
import { CHANGELOG_FILE, SNAPSHOT_FILE, UNSTAMPED_VERSION } from '../shared/release-record.ts';
import { UNBOUNDED_HEAP, type HeapRoom } from '../shared/heap-room.ts';
import { tokenReport, type ToolSurface } from '../shared/tool-surface.ts';
import { changelogText } from './changelog.ts';
import { contentDigest } from './fingerprint.ts';
import { firstRelease, isUnchanged, keptRelease, nextRelease, type Release } from './release-plan.ts';
import { toolsSnapshot } from './tools-snapshot.ts';

/**
 * Heap that making tools.json takes per byte of the compact surface (the reserve before it, see
 * generator/shared/heap-room.ts). Measured on Microsoft Graph v1.0: 37 MB of surface, a 106 MB
 * indented text, and the heap held 190 MB more after it; 4 per byte let a 640 MB heap pass here
 * and crash V8 further on.
 */
const SNAPSHOT_HEAP_PER_WIRE_BYTE = 6;

/** The version follows the committed package: kept when nothing would change, else bumped by the surface diff. */
function decide(input: { readonly previous?: PreviousPackage; readonly contentSha256: string; readonly context: Parameters<typeof firstRelease>[0] }): Release {
  const { previous, context } = input;
  if (previous === undefined || previous.changelog === undefined) return firstRelease({ ...context, ...(previous ? { previous } : {}) });
  // No fingerprint: tools.json was deleted or damaged by hand; restore it without guessing a release.
  if (previous.fingerprint === undefined || isUnchanged({ previous, surface: context.surface, contentSha256: input.contentSha256 })) return keptRelease(previous);
  return nextRelease({ ...context, previous });
}

/**
 * STAGE release (pure): decides the version once, from the tool surface and a digest of the emitted
 * files, then stamps it into the files that carry it and adds the release records: tools.json
 * (surface, token estimates, fingerprint) and CHANGELOG.md. Plan and emit ran once, without a
 * version; nothing here re-runs them.
 */
export function releasePackage(input: {
  readonly files: readonly EmittedFile[];
  readonly surface: ToolSurface;
  readonly provenance: Provenance;
  readonly packageName: string;
  /** Each input document → `sha256:` of its parsed content. */
  readonly sources: Readonly<Record<string, string>>;
  /** Why a version changes, in plain words, by version (root `x-mcp.releaseNotes`). */
  readonly notes?: Readonly<Record<string, string>>;
  readonly previous?: PreviousPackage;
  readonly heap?: HeapRoom;
}): { readonly release: Release; readonly files: EmittedFile[] } {
  const { surface, provenance, sources } = input;
  const heap = input.heap ?? UNBOUNDED_HEAP;
  const contentSha256 = contentDigest({ files: input.files, surface, provenance });
  const release = decide({ contentSha256, ...(input.previous ? { previous: input.previous } : {}), context: { surface, sources, source: provenance.sourceFile, ...(input.notes ? { notes: input.notes } : {}) } });
  // Only the few files that carry the version are rewritten: replaceAll copies a string even when nothing in it matches (290 MB of tool modules on Microsoft Graph).
  const stamped = input.files.map((file) => (file.contents.includes(UNSTAMPED_VERSION) ? { path: file.path, contents: file.contents.replaceAll(UNSTAMPED_VERSION, release.version) } : file));
  // tools.json is one JSON.stringify of the whole surface, indented: no checkpoint inside it, so its room is reserved.
  heap.reserve({ stage: `release (${SNAPSHOT_FILE})`, file: provenance.sourceFile, pointer: '', bytes: SNAPSHOT_HEAP_PER_WIRE_BYTE * tokenReport(surface).wireBytes });
  const records: EmittedFile[] = [
    { path: SNAPSHOT_FILE, contents: toolsSnapshot({ surface, provenance: provenanceLines(provenance), fingerprint: { sources, contentSha256 } }) },
    { path: CHANGELOG_FILE, contents: changelogText({ header: markdownHeader(provenance), packageName: input.packageName, entries: release.entries }) },
  ];
  return { release, files: [...stamped, ...records].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

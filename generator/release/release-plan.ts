import type { PreviousPackage } from '../load/read-previous-package.ts';
import { INITIAL_VERSION } from '../shared/release-record.ts';
import { tokenReport, type ToolSurface } from '../shared/tool-surface.ts';
import { changelogEntries, changelogEntry, prependEntry } from './changelog.ts';
import { diffSurface } from './diff-surface.ts';
import { byLevel, describeChange, highestLevel, type BumpLevel, type SurfaceChange } from './surface-rules.ts';
import { bumpVersion } from './version-bump.ts';

/** The version a generation writes, why, and the changelog it carries. */
export type Release = {
  readonly version: string;
  /** Undefined when nothing changed and the committed version stands. */
  readonly level?: BumpLevel | 'initial';
  readonly previousVersion?: string;
  readonly changes: readonly SurfaceChange[];
  /** Every changelog entry, newest first, as markdown. */
  readonly entries: string;
};

/**
 * `source` names the document (`vendor-docs/x/openapi.yaml`); `sources` maps each input document to
 * its content hash; `notes` says why a version changes, by version (root `x-mcp.releaseNotes`).
 */
type Context = { readonly surface: ToolSurface; readonly source: string; readonly sources: Readonly<Record<string, string>>; readonly notes?: Readonly<Record<string, string>> };

/** First generation, or a committed package without a changelog: its version stands as the baseline. */
export function firstRelease(input: Context & { readonly previous?: PreviousPackage }): Release {
  const version = input.previous?.version ?? INITIAL_VERSION;
  const report = tokenReport(input.surface);
  const line = `first tracked release: ${report.tools.length} tools, ${report.total} model-visible tokens (o200k_base) to list them`;
  return { version, level: 'initial', changes: [], entries: changelogEntry({ version, level: 'initial', source: input.source, lines: [line] }) };
}

/** The committed version and changelog, unchanged: what a generation with no effect must reproduce. */
export function keptRelease(previous: PreviousPackage): Release {
  return { version: previous.version, changes: [], entries: changelogEntries(previous.changelog) };
}

/** A change no surface rule sees: say whether a source document or the generator moved. */
function contentChange(input: Context & { readonly previous: PreviousPackage }): SurfaceChange {
  const before = input.previous.fingerprint?.sources ?? {};
  const moved = Object.keys(input.sources).filter((file) => before[file] !== undefined && before[file] !== input.sources[file]);
  const detail = moved.length > 0 ? `changed: ${moved.join(', ')}` : 'source unchanged: the generator, runtime or templates changed';
  return { rule: 'package-content-changed', tool: '', from: detail };
}

/** Pure: nothing to release when the surface and the fingerprinted content are what was committed. */
export function isUnchanged(input: { readonly previous: PreviousPackage; readonly surface: ToolSurface; readonly contentSha256: string }): boolean {
  return input.previous.fingerprint?.contentSha256 === input.contentSha256 && diffSurface({ before: input.previous.surface ?? [], after: input.surface }).length === 0;
}

/**
 * The package changed: classify the surface diff, bump by the highest level found, and prepend
 * an entry. A change no surface rule sees is still a change to what gets published: a patch.
 */
export function nextRelease(input: Context & { readonly previous: PreviousPackage }): Release {
  const surfaceChanges = diffSurface({ before: input.previous.surface ?? [], after: input.surface });
  const changes: SurfaceChange[] = surfaceChanges.length > 0 ? byLevel(surfaceChanges) : [contentChange(input)];
  const level = highestLevel(changes) ?? 'patch';
  const version = bumpVersion({ version: input.previous.version, level });
  const why = input.notes?.[version];
  const entry = changelogEntry({ version, level, source: input.source, lines: changes.map(describeChange), ...(why !== undefined ? { why } : {}) });
  return { version, level, previousVersion: input.previous.version, changes, entries: prependEntry({ entry, entries: changelogEntries(input.previous.changelog) }) };
}

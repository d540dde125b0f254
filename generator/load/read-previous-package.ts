import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CHANGELOG_FILE, INITIAL_VERSION, SNAPSHOT_FILE, type Fingerprint } from '../shared/release-record.ts';
import type { ToolSurface } from '../shared/tool-surface.ts';

/** The committed package a generation is compared with: version, surface, fingerprint and changelog. */
export type PreviousPackage = {
  readonly version: string;
  /** `tools` of the committed tools.json; undefined when it is missing or unreadable. */
  readonly surface?: ToolSurface;
  readonly fingerprint?: Fingerprint;
  readonly changelog?: string;
};

/** A regular file's text; a link (perhaps to /etc/passwd) or a pipe is not read, and counts as missing, as the write stage will replace it. */
function read(file: string): string | undefined {
  return lstatSync(file, { throwIfNoEntry: false })?.isFile() === true ? readFileSync(file, 'utf8') : undefined;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function fingerprintOf(value: unknown): Fingerprint | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { sources, contentSha256 } = value as Record<string, unknown>;
  if (typeof contentSha256 !== 'string') return undefined;
  const recorded = typeof sources === 'object' && sources !== null && Object.values(sources).every((hash) => typeof hash === 'string');
  return recorded ? { sources: sources as Record<string, string>, contentSha256 } : { contentSha256 };
}

/** Pure: the committed state from a package's package.json, tools.json and CHANGELOG.md texts. */
export function previousFromFiles(file: (name: string) => string | undefined): PreviousPackage | undefined {
  const manifest = file('package.json');
  if (manifest === undefined) return undefined;
  const version = parseJson(manifest)?.['version'];
  const snapshot = parseJson(file(SNAPSHOT_FILE));
  const tools = snapshot?.['tools'];
  const fingerprint = fingerprintOf(snapshot?.['fingerprint']);
  const changelog = file(CHANGELOG_FILE);
  return {
    version: typeof version === 'string' ? version : INITIAL_VERSION,
    ...(Array.isArray(tools) ? { surface: tools as ToolSurface } : {}),
    ...(fingerprint ? { fingerprint } : {}),
    ...(changelog !== undefined ? { changelog } : {}),
  };
}

/** Undefined before a package's first generation. */
export function readPreviousPackage(dir: string): PreviousPackage | undefined {
  return previousFromFiles((name) => read(path.join(dir, name)));
}

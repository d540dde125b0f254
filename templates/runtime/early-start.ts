import { readStored, writeForBundle } from './bundle-file.ts';
import type { ConfirmPolicy } from './confirm-policy.ts';
import { checkedConnection } from './connection-check.ts';
import type { ToolsMode } from './create-server.ts';
import type { Env } from './env.ts';
import { parseServerOptions, resolveToolsMode } from './server-options.ts';
import { limitSettingsFrom } from './shared-invocation-limit.ts';
import type { VendorDefinition } from './vendor-definition.ts';

/**
 * `<bundle>.early`: the replies a server over stdio gives to the exchange every client opens with,
 * `initialize` then `tools/list`, as the build's warm-up (warm-up.ts) had the server write them,
 * so the bin can write them before the bundle, the SDK and zod are loaded (early-answer.ts).
 * Headed, like the code cache and the listing, by the SHA-256 of the bundle they came from.
 * What the server's command line and environment would make of a start is decided here by the same
 * functions main.ts runs; a start these replies may not stand for (flags that narrow or change the
 * tools, a transport other than stdio, an environment main.ts would refuse) is given none.
 */

/** A reply line as the server writes it for request id `x`: `before + JSON.stringify(x) + after`, then a newline. */
export type ReplyLine = readonly [before: string, after: string];

/** One tools mode's replies. */
export type EarlyReplies = {
  /** Keyed by the protocol version the client asks for; only versions the server answers as asked. */
  readonly initialize: Readonly<Record<string, ReplyLine>>;
  /**
   * Other requests a client may send with `tools/list`, before it or after, with no params
   * (`prompts/list`, `resources/list`, `resources/templates/list`, `ping`), by method: their
   * replies, errors included, are as fixed as the listing's.
   */
  readonly requests: Readonly<Record<string, ReplyLine>>;
  /** Absent when the `tools/list` line is the listing file's entries, in their order (listing-file.ts). */
  readonly list?: ReplyLine;
};

/** What the build's warm-up records (warm-up.ts). */
export type EarlyRecord = {
  /** The vendor data main.ts checks the environment against. */
  readonly vendor: VendorDefinition;
  readonly toolCount: number;
  /** The confirmation policy the replies were made under (it is no flag of the warm-up's start). */
  readonly confirm: ConfirmPolicy;
  readonly modes: Readonly<Partial<Record<ToolsMode, EarlyReplies>>>;
};

/**
 * The record and the size of the bundle it was made from. The bin compares that size with the
 * bundle's before it answers, and the digest in the header only at the hand-over, when it reads
 * the bundle anyway: hashing it first would cost a start that reads no other byte of it the load
 * of node:crypto and a pass over megabytes. A file made for other bytes of the same size is caught
 * then, and the server stops (main.ts).
 */
export type EarlyFile = EarlyRecord & { readonly bundleBytes: number };

export function earlyFileFor(bundle: string): string {
  return `${bundle}.early`;
}

export function writeEarlyFile(input: { readonly file: string; readonly digest: Buffer; readonly early: EarlyFile }): boolean {
  return writeForBundle({ file: input.file, digest: input.digest, payload: [Buffer.from(JSON.stringify(input.early), 'utf8')] });
}

function isReplyLine(value: unknown): value is ReplyLine {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';
}

function isLineRecord(value: unknown): value is Record<string, ReplyLine> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isReplyLine);
}

function isReplies(value: unknown): value is EarlyReplies {
  if (typeof value !== 'object' || value === null) return false;
  const { initialize, requests, list } = value as { readonly initialize?: unknown; readonly requests?: unknown; readonly list?: unknown };
  return isLineRecord(initialize) && isLineRecord(requests) && (list === undefined || isReplyLine(list));
}

function isEarlyFile(value: unknown): value is EarlyFile {
  if (typeof value !== 'object' || value === null) return false;
  const { vendor, toolCount, confirm, modes, bundleBytes } = value as Record<string, unknown>;
  return typeof vendor === 'object' && vendor !== null && Number.isInteger(toolCount) && Number.isInteger(bundleBytes) && typeof confirm === 'string' && typeof modes === 'object' && modes !== null && Object.values(modes).every(isReplies);
}

/** The stored replies and the digest of the bundle they name; undefined when missing or unreadable. */
export function readEarlyFile(file: string): { readonly early: EarlyFile; readonly digest: Buffer } | undefined {
  const stored = readStored(file);
  if (stored === undefined) return undefined;
  try {
    const early = JSON.parse(stored.payload.toString('utf8')) as unknown;
    return isEarlyFile(early) ? { early, digest: stored.digest } : undefined;
  } catch {
    return undefined;
  }
}

/** No scope flag: parseServerOptions sets a key only for a flag given. */
function unnarrowed(scope: object): boolean {
  return Object.keys(scope).length === 0;
}

/**
 * The replies this start may give before the server is loaded, or undefined. Every check is one
 * main.ts makes before it serves; a start main.ts would refuse, or serve in another way, gets none,
 * and the loaded server then says what it always said.
 */
export function earlyRepliesFor(input: { readonly early: EarlyFile; readonly argv: readonly string[]; readonly env: Env }): EarlyReplies | undefined {
  const { early } = input;
  // `token …` and `--help` are no start: parseServerOptions gives them no transport.
  const options = parseServerOptions(input.argv);
  if (!('transport' in options) || options.transport !== 'stdio' || !unnarrowed(options.scope) || options.confirm !== early.confirm || early.toolCount < 1) return undefined;
  if ('errors' in checkedConnection({ vendor: early.vendor, env: input.env }) || 'errors' in limitSettingsFrom(input.env)) return undefined;
  return early.modes[resolveToolsMode({ asked: options.toolsMode, tools: early.toolCount })];
}

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Where the next page starts, in whatever terms the vendor pages by. The model only ever sees it
 * encoded, so vendors can differ without the tool contract differing.
 */
export type PagePosition = {
  /** `offset` style: items to skip. */
  readonly offset?: number;
  /** `page` style: page number and the page size it was counted with. */
  readonly page?: number;
  readonly size?: number;
  /** `cursor` style: the vendor's own cursor value (its token, or the last item's id). */
  readonly after?: string;
  /** Items of that vendor page already returned (a page cut to fit the size cap, or larger than `limit`). */
  readonly skip?: number;
  /** Fingerprint of the vendor page this cursor came from: the same page again means the vendor is looping. */
  readonly seen?: string;
};

type Envelope = PagePosition & { readonly v: 2; readonly tool: string; readonly query: string };

const PREFIX = 'vmc2.';

/**
 * Cursors are signed (HMAC-SHA256). A cursor the model or a client edits (a larger page size,
 * another offset) fails the signature and never reaches the vendor; re-validating each field
 * against the tool's bounds could not catch every edit (any offset is in bounds). The key comes from
 * the server's fixed credential, which the model never sees, so cursors stay valid across restarts
 * of the same server (an Inspector run starts one per call); without a fixed credential (an OAuth
 * grant, no auth) the key is random per process, and a restart asks the model to start over.
 */
export type CursorKey = { readonly bytes: Uint8Array };

const PROCESS_KEY: CursorKey = { bytes: randomBytes(32) };
const MAC_LENGTH = 22;

export function cursorKey(input: { readonly fixedSecret?: string }): CursorKey {
  if (input.fixedSecret === undefined || input.fixedSecret === '') return PROCESS_KEY;
  return { bytes: createHmac('sha256', input.fixedSecret).update('vendor-mcp paging cursor key v2').digest() };
}

function mac(input: { readonly key: CursorKey; readonly payload: string }): string {
  return createHmac('sha256', input.key.bytes).update(input.payload).digest('base64url').slice(0, MAC_LENGTH);
}

function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value) ?? '').digest('base64url').slice(0, 16);
}

/** Ties a cursor to its tool and filters: reusing it with other filters would skip or repeat items. */
export function queryFingerprint(args: Readonly<Record<string, unknown>>): string {
  return fingerprint(Object.keys(args).sort().map((key) => [key, args[key]]));
}

/** Fingerprint of one vendor page, to recognise the same page coming back. */
export function pageFingerprint(items: readonly unknown[]): string {
  return fingerprint(items);
}

export function encodeCursor(input: { readonly tool: string; readonly query: string; readonly position: PagePosition; readonly key?: CursorKey }): string {
  const envelope: Envelope = { v: 2, tool: input.tool, query: input.query, ...input.position };
  const payload = Buffer.from(JSON.stringify(envelope)).toString('base64url');
  return `${PREFIX}${payload}.${mac({ key: input.key ?? PROCESS_KEY, payload })}`;
}

const NUMBER_FIELDS = ['offset', 'page', 'size', 'skip'] as const;
const STRING_FIELDS = ['after', 'seen'] as const;

function isPosition(value: Record<string, unknown>): boolean {
  const numbersOk = NUMBER_FIELDS.every((key) => value[key] === undefined || (Number.isSafeInteger(value[key]) && (value[key] as number) >= 0));
  return numbersOk && STRING_FIELDS.every((key) => value[key] === undefined || typeof value[key] === 'string');
}

function signedPayload(input: { readonly cursor: string; readonly key: CursorKey }): string | undefined {
  if (!input.cursor.startsWith(PREFIX)) return undefined;
  const [payload, signature, ...rest] = input.cursor.slice(PREFIX.length).split('.');
  if (payload === undefined || signature === undefined || rest.length > 0) return undefined;
  const expected = Buffer.from(mac({ key: input.key, payload }));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? payload : undefined;
}

/** The position a cursor holds, or why it cannot be used (nothing is sent to the vendor then). */
export function decodeCursor(input: { readonly cursor: string; readonly tool: string; readonly query: string; readonly key?: CursorKey }): { readonly position: PagePosition } | { readonly error: string } {
  const restart = 'Call again without `cursor` to start from the first page.';
  const payload = signedPayload({ cursor: input.cursor, key: input.key ?? PROCESS_KEY });
  if (payload === undefined) {
    return { error: `The cursor is not one this server issued, or it was changed, or the server restarted since: pass \`next_cursor\` from the previous result exactly as it was. ${restart}` };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { error: `The cursor is damaged. ${restart}` };
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) return { error: `The cursor is damaged. ${restart}` };
  const envelope = decoded as Record<string, unknown>;
  if (envelope['v'] !== 2 || !isPosition(envelope)) return { error: `The cursor is damaged. ${restart}` };
  if (envelope['tool'] !== input.tool) return { error: `This cursor belongs to another tool (${String(envelope['tool'])}). ${restart}` };
  if (envelope['query'] !== input.query) {
    return { error: `This cursor was issued for different arguments. Send the same arguments as the call that returned it, or call again without \`cursor\` to start over.` };
  }
  const { v: _v, tool: _tool, query: _query, ...position } = envelope;
  return { position: position as PagePosition };
}

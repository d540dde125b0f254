import { createHash } from 'node:crypto';

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
  /** `cursor` style: the vendor's own cursor value. */
  readonly after?: string;
  /** Items of that vendor page already returned (a page cut to fit the size cap). */
  readonly skip?: number;
};

type Envelope = PagePosition & { readonly v: 1; readonly tool: string; readonly query: string };

const PREFIX = 'vmc1.';

/** Ties a cursor to its tool and filters: reusing it with other filters would skip or repeat items. */
export function queryFingerprint(args: Readonly<Record<string, unknown>>): string {
  const canonical = JSON.stringify(Object.keys(args).sort().map((key) => [key, args[key]]));
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

export function encodeCursor(input: { readonly tool: string; readonly query: string; readonly position: PagePosition }): string {
  const envelope: Envelope = { v: 1, tool: input.tool, query: input.query, ...input.position };
  return PREFIX + Buffer.from(JSON.stringify(envelope)).toString('base64url');
}

const NUMBER_FIELDS = ['offset', 'page', 'size', 'skip'] as const;

function isPosition(value: Record<string, unknown>): boolean {
  const numbersOk = NUMBER_FIELDS.every((key) => value[key] === undefined || (Number.isSafeInteger(value[key]) && (value[key] as number) >= 0));
  return numbersOk && (value['after'] === undefined || typeof value['after'] === 'string');
}

/** The position a cursor holds, or why it cannot be used (nothing is sent to the vendor then). */
export function decodeCursor(input: { readonly cursor: string; readonly tool: string; readonly query: string }): { readonly position: PagePosition } | { readonly error: string } {
  const restart = 'Call again without `cursor` to start from the first page.';
  let decoded: unknown;
  try {
    if (!input.cursor.startsWith(PREFIX)) throw new Error('prefix');
    decoded = JSON.parse(Buffer.from(input.cursor.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return { error: `The cursor is not one this server issued: pass \`next_cursor\` from the previous result exactly as it was. ${restart}` };
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) return { error: `The cursor is damaged. ${restart}` };
  const envelope = decoded as Record<string, unknown>;
  if (envelope['v'] !== 1 || !isPosition(envelope)) return { error: `The cursor is damaged. ${restart}` };
  if (envelope['tool'] !== input.tool) return { error: `This cursor belongs to another tool (${String(envelope['tool'])}). ${restart}` };
  if (envelope['query'] !== input.query) {
    return { error: `This cursor was issued for different arguments. Send the same arguments as the call that returned it, or call again without \`cursor\` to start over.` };
  }
  const { v: _v, tool: _tool, query: _query, ...position } = envelope;
  return { position: position as PagePosition };
}

import { createHash } from 'node:crypto';

/**
 * Seeds and created records must look real yet be identical on every run, so tests can hard-code
 * ids and timestamps. Ids are name-based UUIDs; time comes from a clock that only moves when asked.
 */
export function uuidFor(name: string): string {
  const hex = createHash('sha1').update(`vendor-mcp-simulator:${name}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type SimClock = {
  /** Advances one second and returns the new instant. */
  tick(): Date;
};

export function createClock(startIso: string): SimClock {
  let current = Date.parse(startIso);
  return {
    tick() {
      current += 1000;
      return new Date(current);
    },
  };
}

/** `2026-03-02 09:15:00`: eDesk's zone-less UTC timestamp format. */
export function spaceTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** `2026-03-02T09:15:00.000Z` */
export function isoTimestamp(date: Date): string {
  return date.toISOString();
}

import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../generator/diagnostics/codes.ts';
import { DiagnosticError } from '../../generator/diagnostics/diagnostic.ts';
import { HEAP_SHARE, heapRoom, suggestedLimitMb, textHeapBytes, UNBOUNDED_HEAP, writeReserveBytes } from '../../generator/shared/heap-room.ts';

const MB = 2 ** 20;
/** heap_size_limit as V8 reports it for --max-old-space-size=1024: the old generation plus 48 MB of young. */
const LIMIT = 1072 * MB;
const USABLE = HEAP_SHARE * (LIMIT - 48 * MB);
const at = { stage: 'ir', file: 'spec.json', pointer: '/paths/~1a/get' };

function thrown(run: () => void): DiagnosticError {
  try {
    run();
  } catch (error) {
    if (error instanceof DiagnosticError) return error;
    throw error;
  }
  throw new Error('nothing thrown');
}

describe('heapRoom: a run stops with VMCP_HEAP_LIMIT before V8 runs out of heap', () => {
  it('lets a checkpoint pass up to its share of the old generation, and stops it one byte past', () => {
    expect(() => heapRoom({ read: () => ({ usedBytes: USABLE, limitBytes: LIMIT }) }).check(at)).not.toThrow();
    expect(() => heapRoom({ read: () => ({ usedBytes: 0, limitBytes: LIMIT }) }).check(at)).not.toThrow();
    const error = thrown(() => heapRoom({ read: () => ({ usedBytes: USABLE + 1, limitBytes: LIMIT }) }).check(at));
    const [diagnostic] = error.diagnostics;
    expect(diagnostic?.code).toBe('VMCP_HEAP_LIMIT');
    expect(diagnostic?.severity).toBe('error');
    expect(diagnostic?.location).toEqual({ file: 'spec.json', pointer: '/paths/~1a/get' });
    expect(diagnostic?.fix).toBe(DIAGNOSTIC_CODES.VMCP_HEAP_LIMIT.fix);
    expect(diagnostic?.message).toContain('stopped in ir');
    expect(diagnostic?.message).toContain('of the 1072 MB this Node process may use');
    expect(diagnostic?.message).toContain('--max-old-space-size=3072');
  });

  it('reserves the room a single large allocation needs: used + bytes at the share passes, one byte more stops', () => {
    const room = heapRoom({ read: () => ({ usedBytes: 100 * MB, limitBytes: LIMIT }) });
    expect(() => room.reserve({ ...at, bytes: USABLE - 100 * MB })).not.toThrow();
    const error = thrown(() => room.reserve({ ...at, bytes: USABLE - 100 * MB + 1 }));
    expect(error.diagnostics[0]?.message).toMatch(/holds 100 MB and needs ~\d+ MB more/);
  });

  it('counts the young generation out of the limit: a heap no larger than it has no room at all', () => {
    expect(() => heapRoom({ read: () => ({ usedBytes: 1, limitBytes: 48 * MB }) }).check(at)).toThrow(DiagnosticError);
    expect(() => heapRoom({ read: () => ({ usedBytes: 0, limitBytes: 48 * MB }) }).check(at)).not.toThrow();
  });

  it('suggests twice the present limit in whole GB, never under 1,024 MB', () => {
    expect(suggestedLimitMb(304 * MB)).toBe(1024);
    expect(suggestedLimitMb(512 * MB)).toBe(1024);
    expect(suggestedLimitMb(513 * MB)).toBe(2048);
    expect(suggestedLimitMb(4144 * MB)).toBe(9216);
  });

  it('fits says whether bytes more stay within the share, at the same boundary as reserve', () => {
    const room = heapRoom({ read: () => ({ usedBytes: 100 * MB, limitBytes: LIMIT }) });
    expect(room.fits(USABLE - 100 * MB)).toBe(true);
    expect(room.fits(USABLE - 100 * MB + 1)).toBe(false);
  });

  it('reads V8 by default, and the unbounded room never stops', () => {
    expect(() => heapRoom().check(at)).not.toThrow();
    expect(() => UNBOUNDED_HEAP.reserve({ ...at, bytes: Number.MAX_SAFE_INTEGER })).not.toThrow();
  });
});

describe('the write reserve: the most heap any one file text takes', () => {
  it('counts a byte a character up to U+00FF and two past it', () => {
    expect(textHeapBytes('')).toBe(0);
    expect(textHeapBytes('abc\u00ff')).toBe(4);
    expect(textHeapBytes('ab\u0100')).toBe(6);
  });

  it('is the longest length when twice that fits, without scanning', () => {
    expect(writeReserveBytes({ texts: ['aaaa', '\u0100'], fits: () => true })).toBe(4);
    expect(writeReserveBytes({ texts: [], fits: () => true })).toBe(0);
  });

  it('counts two-byte texts when twice the longest would not fit: a shorter two-byte text can be the largest', () => {
    const tight = () => false;
    expect(writeReserveBytes({ texts: ['aaaa', '\u0100\u0100\u0100'], fits: tight })).toBe(6);
    expect(writeReserveBytes({ texts: ['aaaa', '\u0100\u0100'], fits: tight })).toBe(4);
    expect(writeReserveBytes({ texts: ['aaaaa', '\u0100\u0100'], fits: tight })).toBe(5);
    expect(writeReserveBytes({ texts: ['\u0100'.repeat(3)], fits: tight })).toBe(6);
  });
});

import { getHeapStatistics } from 'node:v8';
import { createDiagnostic, DiagnosticError } from '../diagnostics/diagnostic.ts';

/**
 * V8's heap limit is the one hard limit left on spec size: past it V8 aborts the process ("FATAL
 * ERROR: Ineffective mark-compacts near heap limit", exit 134) with no word on what to do. The
 * limit is the machine's, not the spec's: Node sizes it from the memory it sees (4,144 MB on this
 * 23.5 GiB machine, less on a small CI runner or in a memory-limited container), and
 * `--max-old-space-size` moves it. Microsoft Graph v1.0 peaks at ~570 MB of heap, so a 256 MB limit
 * crashed it. So the pipeline stops itself first, at a checkpoint, with a diagnostic that names the
 * limit and how to raise it: a run that stops here writes nothing, like any other refusal.
 *
 * Checkpoints sit where the heap grows by small steps (each operation the IR builds, each file
 * emitted, each tool counted); a single large allocation (parsing the spec, writing tools.json)
 * reserves its estimated size first. A checkpoint costs ~0.2 µs (getHeapStatistics).
 */
export type HeapRoom = {
  /** Whether `bytes` more stay within the share of the limit now. */
  readonly fits: (bytes: number) => boolean;
  /** Stops the run when the heap holds more than its share of the limit. */
  readonly check: (at: HeapSpot) => void;
  /** Stops the run when `bytes` more would take the heap past its share of the limit. */
  readonly reserve: (at: HeapSpot & { readonly bytes: number }) => void;
};

/** Where the run was: the stage, and the document and JSON pointer it was working on. */
export type HeapSpot = { readonly stage: string; readonly file: string; readonly pointer: string };

/** Used heap ÷ limit past which a run stops: V8 starts its last-resort collections near the limit, and a step between checkpoints must still fit. */
export const HEAP_SHARE = 0.8;

/**
 * Of V8's heap_size_limit, what the young generation takes (3 × 16 MB semi-spaces on 64-bit Node
 * 20: `--max-old-space-size=192` reports 240 MB): the old generation, where a run's data lives,
 * fills at the rest. Judged on the whole limit, a 192 MB heap crashed at 187 MB used, under 80 %.
 */
const YOUNG_GENERATION_BYTES = 48 * 2 ** 20;

export type HeapReading = { readonly usedBytes: number; readonly limitBytes: number };

function readHeap(): HeapReading {
  const stats = getHeapStatistics();
  return { usedBytes: stats.used_heap_size, limitBytes: stats.heap_size_limit };
}

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

/** A limit to suggest: twice the present one, in whole 1,024 MB. */
export function suggestedLimitMb(limitBytes: number): number {
  return Math.max(1024, Math.ceil((2 * limitBytes) / 2 ** 30) * 1024);
}

function stopped(input: { readonly at: HeapSpot; readonly reading: HeapReading; readonly bytes: number }): DiagnosticError {
  const { at, reading, bytes } = input;
  const needs = bytes > 0 ? ` and needs ~${mb(bytes)} MB more` : '';
  const message = `Generation stopped in ${at.stage} before V8 runs out of heap: it holds ${mb(reading.usedBytes)} MB${needs}, of the ${mb(reading.limitBytes)} MB this Node process may use (its heap limit; a run takes at most ${Math.round(HEAP_SHARE * 100)} % of it). Try NODE_OPTIONS=--max-old-space-size=${suggestedLimitMb(reading.limitBytes)}`;
  return new DiagnosticError([createDiagnostic({ code: 'VMCP_HEAP_LIMIT', message, location: { file: at.file, pointer: at.pointer } })]);
}

/** `read` is V8's own figures except in tests. */
export function heapRoom(input: { readonly read?: () => HeapReading } = {}): HeapRoom {
  const read = input.read ?? readHeap;
  const within = (input: { readonly reading: HeapReading; readonly bytes: number }): boolean => input.reading.usedBytes + input.bytes <= HEAP_SHARE * Math.max(0, input.reading.limitBytes - YOUNG_GENERATION_BYTES);
  const reserve = (at: HeapSpot & { readonly bytes: number }): void => {
    const reading = read();
    if (!within({ reading, bytes: at.bytes })) throw stopped({ at, reading, bytes: at.bytes });
  };
  return { fits: (bytes) => within({ reading: read(), bytes }), check: (at) => reserve({ ...at, bytes: 0 }), reserve };
}

/** No checks: what the pure stages do when nobody passes a room (tests, the library API). */
export const UNBOUNDED_HEAP: HeapRoom = { fits: () => true, check: () => undefined, reserve: () => undefined };

/** Bytes V8 holds a text in: one a character when every one is up to U+00FF, else two. */
export function textHeapBytes(text: string): number {
  return /[^\u0000-\u00ff]/.test(text) ? 2 * text.length : text.length;
}

/**
 * What to reserve before writing `texts`: writing one may copy it whole in the heap (flattening a
 * concatenated string), so the most any one of them takes. Every text at its length is a floor; the
 * scan for two-byte characters (~1 ms a MB; 100 ms over Graph v1.0's 106 MB tools.json) runs only
 * when twice the floor would not fit, and then only over texts that could exceed it.
 */
export function writeReserveBytes(input: { readonly texts: readonly string[]; readonly fits: (bytes: number) => boolean }): number {
  const floor = input.texts.reduce((most, text) => Math.max(most, text.length), 0);
  if (input.fits(2 * floor)) return floor;
  return input.texts.reduce((most, text) => (2 * text.length > most ? Math.max(most, textHeapBytes(text)) : most), floor);
}

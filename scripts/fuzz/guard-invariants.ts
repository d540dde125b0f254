import type { Violation } from './invariants.ts';

/**
 * Invariants for the write guards and the response limit, checked by test/fuzz/guard-and-limit.fuzz.test.ts
 * against the runtime with generated vendor answers (the simulator always answers well-formed,
 * so these answers are drawn here instead).
 */

/** The guard could not read its array (anything but an array at its pointer): nothing but the read may be sent, and the call must refuse. */
export function guardBlindViolations(input: { readonly readable: boolean; readonly methods: readonly string[]; readonly refused: boolean }): Violation[] {
  if (input.readable) return [];
  const writes = input.methods.filter((method) => method !== 'GET');
  const violations: Violation[] = [];
  if (writes.length > 0) violations.push({ invariant: 'no-request-when-guard-blind', detail: `${writes.join(', ')} sent although the guard could not read its array` });
  if (!input.refused) violations.push({ invariant: 'no-request-when-guard-blind', detail: 'the call was not refused although the guard could not read its array' });
  return violations;
}

/**
 * A body over the limit is refused and never read to its end (memory stays bounded by the limit);
 * a body within it is read. `finished` says whether the vendor got to send its whole body.
 */
export function responseBoundViolations(input: { readonly bodyBytes: number; readonly wireBytes: number; readonly limitBytes: number; readonly refused: boolean; readonly finished: boolean }): Violation[] {
  const over = input.bodyBytes > input.limitBytes;
  if (over && !input.refused) return [{ invariant: 'memory-bounded', detail: `a ${input.bodyBytes}-byte body passed a ${input.limitBytes}-byte limit` }];
  if (!over && input.refused) return [{ invariant: 'memory-bounded', detail: `a ${input.bodyBytes}-byte body was refused under a ${input.limitBytes}-byte limit` }];
  // Socket buffers take a few MB past the point where reading stopped; far beyond that, the vendor must not have finished sending.
  if (input.wireBytes > SOCKET_SLACK_BYTES && input.finished) return [{ invariant: 'memory-bounded', detail: `the whole ${input.wireBytes}-byte body was drained under a ${input.limitBytes}-byte limit` }];
  return [];
}

/** Loopback socket buffers can hold this much that nobody read. */
export const SOCKET_SLACK_BYTES = 16 * 1024 * 1024;

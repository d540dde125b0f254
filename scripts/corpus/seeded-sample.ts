/** mulberry32: a small, well-known 32-bit PRNG; the same seed always yields the same stream. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `size` items drawn without replacement (partial Fisher–Yates over a sorted copy), so the
 * sample depends only on the seed and the set of items, not on their listing order.
 */
export function seededSample<T extends string>(input: { readonly items: readonly T[]; readonly size: number; readonly seed: number }): T[] {
  const pool = [...input.items].sort();
  const random = seededRandom(input.seed);
  const size = Math.min(input.size, pool.length);
  for (let index = 0; index < size; index += 1) {
    const pick = index + Math.floor(random() * (pool.length - index));
    [pool[index], pool[pick]] = [pool[pick]!, pool[index]!];
  }
  return pool.slice(0, size);
}

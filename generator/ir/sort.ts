/** Codepoint order, never locale order: output bytes must not depend on the machine. */
export function compareCodepoints(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

export function sortByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareCodepoints(key(a), key(b)));
}

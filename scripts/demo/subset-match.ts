/**
 * Where `actual` differs from `expected`, as `path: want X, got Y` lines (empty when it matches).
 * Objects match as subsets (the vendor adds ids and timestamps a workflow cannot know); arrays
 * must have the same length, element by element, because a dropped or extra entry is the point.
 */
export function subsetMismatches(input: { readonly expected: unknown; readonly actual: unknown; readonly at?: string }): string[] {
  const { expected, actual } = input;
  const at = input.at ?? '';
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${at || '(root)'}: want ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
    return expected.flatMap((item, index) => subsetMismatches({ expected: item, actual: actual[index], at: `${at}[${index}]` }));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${at || '(root)'}: want an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) => subsetMismatches({ expected: value, actual: (actual as Record<string, unknown>)[key], at: at === '' ? key : `${at}.${key}` }));
  }
  return Object.is(expected, actual) ? [] : [`${at || '(root)'}: want ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

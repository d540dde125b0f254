/** A plain JSON object (not null, not an array): the one test every stage uses on parsed documents. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

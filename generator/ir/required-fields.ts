import type { JsonSchema } from './types.ts';

/**
 * Fields the operation itself requires whatever the variant (an upsert's match key) stay required
 * next to the union: the variants alone would let a payload without them through.
 */
export function requiredFieldsOf(schema: JsonSchema): { required?: string[]; properties?: Record<string, JsonSchema> } {
  const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
  if (required.length === 0) return {};
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  return { required: [...required], properties: Object.fromEntries(required.filter((name) => Object.hasOwn(properties, name) && properties[name] !== undefined).map((name) => [name, properties[name]!])) };
}

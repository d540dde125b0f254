type Schema = { readonly [key: string]: unknown };

const CANDIDATES = ['x', '2026-01-02', '2026-01-02T03:04:05', '2026-01-02 03:04:05', 'USD', 'AB', '123e4567-e89b-42d3-a456-426614174000'];

function minimalString(schema: Schema): string {
  if (schema['format'] === 'uuid') return '123e4567-e89b-42d3-a456-426614174000';
  if (schema['format'] === 'uri') return 'https://example.com/hook';
  const pattern = typeof schema['pattern'] === 'string' ? new RegExp(schema['pattern'], 'u') : undefined;
  const length = Math.max(1, Number(schema['minLength'] ?? 1));
  const fits = CANDIDATES.find((c) => c.length >= length && (pattern === undefined || pattern.test(c)));
  return fits ?? 'x'.repeat(length);
}

/** The smallest value a schema accepts, for calling every tool with only what it requires. */
export function minimalValue(schema: Schema): unknown {
  if (schema['const'] !== undefined) return schema['const'];
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  const members = (schema['anyOf'] ?? schema['oneOf']) as Schema[] | undefined;
  const types = Array.isArray(schema['type']) ? (schema['type'] as string[]).filter((t) => t !== 'null') : [schema['type']];
  switch (types[0]) {
    case 'string':
      return minimalString(schema);
    case 'integer':
    case 'number':
      return Number(schema['minimum'] ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return Number(schema['minItems'] ?? 0) > 0 ? [minimalValue((schema['items'] ?? {}) as Schema)] : [];
    case 'object':
      // The parent's own required fields (an upsert's match key) hold next to the chosen member.
      if (members !== undefined && members.length > 0) return { ...minimalObject(schema), ...(minimalValue(members[0]!) as object) };
      return minimalObject(schema);
    default:
      return members !== undefined && members.length > 0 ? minimalValue(members[0]!) : {};
  }
}

export function minimalObject(schema: Schema): Record<string, unknown> {
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  const required = (schema['required'] ?? []) as string[];
  return Object.fromEntries(required.map((name) => [name, minimalValue(properties[name] ?? {})]));
}

/** Pretty JSON as a TypeScript expression: document text can only appear inside string literals. */
export function jsonLiteral(value: unknown, indent = 0): string {
  const text = JSON.stringify(value, null, 2);
  if (indent === 0) return text;
  return text.replace(/\n/g, `\n${' '.repeat(indent)}`);
}

/** `{ key: value, … }` from already-printed property expressions, one per line. */
export function objectLiteral(properties: readonly (readonly [string, string])[]): string {
  return `{\n${properties.map(([key, value]) => `  ${key}: ${value},`).join('\n')}\n}`;
}

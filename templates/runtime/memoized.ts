/**
 * Builds a value on first use and keeps it. Tool validators are built this way: a server with a
 * thousand tools would otherwise build a thousand zod schemas at start-up, though a session calls
 * only a few tools and `tools/list` serves the JSON Schema, which is plain data.
 */
export function memoized<T>(build: () => T): () => T {
  let built: { readonly value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

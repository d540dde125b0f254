import { joinPointer } from '../shared/json-pointer.ts';

/**
 * Containers a document may nest, root included. Real API descriptions stay in the tens; the
 * generator's walks recurse once or more a level, and 2,500 levels overflowed one (the content
 * hash's fallback), so the document is refused here, with a pointer, before any walk meets it.
 */
export const MAX_NESTING = 500;

type Frame = { readonly container: object; readonly keys: readonly string[]; index: number; readonly token: string };

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

/**
 * The pointer of the first container nested deeper than `limit`, or undefined. Iterative, since the
 * documents it is for are those a recursive walk overflows on. A container met again on its own
 * path (a YAML alias to an ancestor) is a cycle, read as such elsewhere, not depth; one met again
 * elsewhere is entered only deeper than before, so a shared subtree costs at most `limit` visits.
 */
export function pointerPastDepth(input: { readonly data: unknown; readonly limit: number }): string | undefined {
  if (!isContainer(input.data)) return undefined;
  const frames: Frame[] = [{ container: input.data, keys: Object.keys(input.data), index: 0, token: '' }];
  const onPath = new Set<object>([input.data]);
  const deepest = new Map<object, number>();
  while (frames.length > 0) {
    const top = frames[frames.length - 1]!;
    if (top.index >= top.keys.length) {
      onPath.delete(frames.pop()!.container);
      continue;
    }
    const token = top.keys[top.index++]!;
    const child: unknown = (top.container as Record<string, unknown>)[token];
    const depth = frames.length + 1;
    if (!isContainer(child) || onPath.has(child) || (deepest.get(child) ?? 0) >= depth) continue;
    if (depth > input.limit) return joinPointer('', ...frames.slice(1).map((frame) => frame.token), token);
    deepest.set(child, depth);
    frames.push({ container: child, keys: Object.keys(child), index: 0, token });
    onPath.add(child);
  }
  return undefined;
}

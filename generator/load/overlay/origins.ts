import { joinPointer, pointerTokens } from '../../shared/json-pointer.ts';
import type { SourcePosition } from '../loaded-document.ts';

/** Where a value was written: a file, the pointer inside that file, and how to find its position. */
export type Origin = { readonly file: string; readonly pointer: string; readonly locate: (pointer: string) => SourcePosition | undefined };

function isUnder(pointer: string, prefix: string): boolean {
  return pointer === prefix || pointer.startsWith(`${prefix}/`);
}

/**
 * Which file supplied each part of an overlaid document. Only the roots of supplied values are
 * recorded; a pointer with no recorded ancestor still sits where the spec put it. Array removals
 * renumber their later siblings, so those are recorded explicitly before the shift.
 */
export class Origins {
  private readonly roots = new Map<string, Origin>();
  private readonly base: Origin;

  constructor(base: Origin) {
    this.base = base;
  }

  /** The file and pointer that hold the value now at `pointer` in the overlaid document. */
  resolve(pointer: string): Origin {
    const tokens = pointerTokens(pointer);
    for (let depth = tokens.length; depth >= 0; depth -= 1) {
      const prefix = joinPointer('', ...tokens.slice(0, depth));
      const origin = this.roots.get(prefix);
      if (origin !== undefined) return { ...origin, pointer: joinPointer(origin.pointer, ...tokens.slice(depth)) };
    }
    return { ...this.base, pointer };
  }

  /** The value at `pointer` was replaced by one that came from `origin`. */
  assign(pointer: string, origin: Origin): void {
    this.forget(pointer);
    this.roots.set(pointer, origin);
  }

  /** The value at `pointer` is gone; later items of an array move one place down. */
  remove(input: { readonly pointer: string; readonly arrayLength?: number }): void {
    this.forget(input.pointer);
    if (input.arrayLength === undefined) return;
    const tokens = pointerTokens(input.pointer);
    const parent = joinPointer('', ...tokens.slice(0, -1));
    const removed = Number(tokens.at(-1));
    for (let index = removed + 1; index < input.arrayLength; index += 1) this.shift({ from: joinPointer(parent, index), to: joinPointer(parent, index - 1) });
  }

  private shift(move: { readonly from: string; readonly to: string }): void {
    const own = this.resolve(move.from);
    const moved = [...this.roots].filter(([key]) => isUnder(key, move.from));
    for (const [key] of moved) this.roots.delete(key);
    this.roots.set(move.to, own);
    for (const [key, origin] of moved) if (key !== move.from) this.roots.set(move.to + key.slice(move.from.length), origin);
  }

  private forget(pointer: string): void {
    for (const key of [...this.roots.keys()]) if (isUnder(key, pointer)) this.roots.delete(key);
  }
}

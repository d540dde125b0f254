import { pointerTokens } from '../shared/json-pointer.ts';
import type { SourcePosition } from './loaded-document.ts';

/**
 * Source positions for JSON text without building a syntax tree. It answers exactly as the YAML
 * locator does (a member's key, an item's value, or the deepest node reached when a step is
 * missing), but a 13 MB spec costs one scan per container on the pointer's path instead of a
 * full YAML parse, which took seconds and most of the heap.
 */

type Member = { readonly keyOffset: number; readonly valueOffset: number };
type ContainerIndex = { readonly members?: ReadonlyMap<string, Member>; readonly items?: readonly number[] };

const STRUCTURAL = /["[\]{}]/g;
const SCALAR_END = /[\s,\]}]/g;

function skipSpace(text: string, offset: number): number {
  let at = offset;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) break;
    at += 1;
  }
  return at;
}

/** `offset` is on the opening quote; returns the offset after the closing one. */
function skipString(text: string, offset: number): number {
  let at = offset + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

function skipValue(text: string, offset: number): number {
  const first = text[offset];
  if (first === '"') return skipString(text, offset);
  if (first !== '{' && first !== '[') {
    SCALAR_END.lastIndex = offset;
    return SCALAR_END.exec(text)?.index ?? text.length;
  }
  let depth = 0;
  let at = offset;
  for (;;) {
    STRUCTURAL.lastIndex = at;
    const match = STRUCTURAL.exec(text);
    if (match === null) return text.length;
    const char = match[0];
    if (char === '"') {
      at = skipString(text, match.index);
      continue;
    }
    depth += char === '{' || char === '[' ? 1 : -1;
    at = match.index + 1;
    if (depth === 0) return at;
  }
}

function indexContainer(text: string, offset: number): ContainerIndex {
  const isObject = text[offset] === '{';
  const members = new Map<string, Member>();
  const items: number[] = [];
  let at = skipSpace(text, offset + 1);
  while (at < text.length && text[at] !== '}' && text[at] !== ']') {
    if (isObject) {
      const keyEnd = skipString(text, at);
      const key = JSON.parse(text.slice(at, keyEnd)) as string;
      const valueOffset = skipSpace(text, skipSpace(text, keyEnd) + 1);
      if (!members.has(key)) members.set(key, { keyOffset: at, valueOffset });
      at = skipValue(text, valueOffset);
    } else {
      items.push(at);
      at = skipValue(text, at);
    }
    at = skipSpace(text, at);
    if (text[at] === ',') at = skipSpace(text, at + 1);
  }
  return isObject ? { members } : { items };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

function positionAt(lineStarts: readonly number[], offset: number): SourcePosition {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! + 1 };
}

/** `text` must be valid JSON (it was parsed before); containers are indexed once, on first use. */
export function jsonLocator(text: string): (pointer: string) => SourcePosition | undefined {
  const containers = new Map<number, ContainerIndex>();
  let lineStarts: number[] | undefined;
  const indexed = (offset: number) => {
    let index = containers.get(offset);
    if (index === undefined) containers.set(offset, (index = indexContainer(text, offset)));
    return index;
  };
  return (pointer) => {
    let node = skipSpace(text, 0);
    let reached = node;
    for (const token of pointerTokens(pointer)) {
      const char = text[node];
      if (char === '{') {
        const member = indexed(node).members!.get(token);
        if (member === undefined) break;
        reached = member.keyOffset;
        node = member.valueOffset;
      } else if (char === '[') {
        const item = indexed(node).items![Number(token)];
        if (item === undefined) break;
        reached = item;
        node = item;
      } else {
        break;
      }
    }
    lineStarts ??= lineStartsOf(text);
    return positionAt(lineStarts, reached);
  };
}

import { isRecord } from '../ir/from-openapi/build-context.ts';
import { joinPointer } from '../shared/json-pointer.ts';
import type { JsonSchema } from '../ir/types.ts';

/** Keywords whose value is one schema, a list of schemas, or a map of named schemas. */
const ONE = ['items', 'not', 'additionalProperties', 'contains', 'propertyNames', 'if', 'then', 'else'];
const MANY = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const NAMED = ['properties', 'patternProperties', '$defs', 'definitions'];

/** Where a node is: the tokens from its parent, below the parent's place (a list, so a pointer is joined only when asked for). */
type Place = { readonly parent: Place | string; readonly tokens: readonly (string | number)[] };

function pointerOf(place: Place | string): string {
  return typeof place === 'string' ? place : joinPointer(pointerOf(place.parent), ...place.tokens);
}

function walkAt(input: { readonly schema: JsonSchema; readonly place: Place | string; readonly visit: (node: JsonSchema, pointer: () => string) => void }): void {
  const { schema, place, visit } = input;
  visit(schema, () => pointerOf(place));
  // A place (and its token list) only for a child that is a schema: most keywords are absent at
  // most nodes, and a list per keyword asked was ~28 MB of a GitHub run's garbage.
  // Indexed loops: for...of allocates an iterator result per step until the loop is optimised.
  for (let at = 0; at < ONE.length; at += 1) {
    const keyword = ONE[at] as string;
    const value = schema[keyword];
    if (isRecord(value)) walkAt({ schema: value, place: { parent: place, tokens: [keyword] }, visit });
  }
  for (let at = 0; at < MANY.length; at += 1) {
    const keyword = MANY[at] as string;
    const members = schema[keyword];
    if (!Array.isArray(members)) continue;
    for (let index = 0; index < members.length; index += 1) {
      const member: unknown = members[index];
      if (isRecord(member)) walkAt({ schema: member, place: { parent: place, tokens: [keyword, index] }, visit });
    }
  }
  for (let at = 0; at < NAMED.length; at += 1) {
    const keyword = NAMED[at] as string;
    const named = schema[keyword];
    if (!isRecord(named)) continue;
    const names = Object.keys(named);
    for (let index = 0; index < names.length; index += 1) {
      const name = names[index] as string;
      const value = named[name];
      if (isRecord(value)) walkAt({ schema: value, place: { parent: place, tokens: [keyword, name] }, visit });
    }
  }
}

/**
 * Visits every schema node (never data such as `enum` or `default`) with its JSON pointer below
 * `at`, built only when `visit` asks for it: a large spec's listing has millions of nodes and
 * findings at a handful (Microsoft Graph spent ~0.3 s joining pointers nobody read).
 */
export function walkSchema(input: { readonly schema: JsonSchema; readonly at: string; readonly visit: (node: JsonSchema, pointer: () => string) => void }): void {
  walkAt({ schema: input.schema, place: input.at, visit: input.visit });
}

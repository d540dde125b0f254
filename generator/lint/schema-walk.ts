import { isRecord } from '../ir/from-openapi/build-context.ts';
import { joinPointer } from '../shared/json-pointer.ts';
import type { JsonSchema } from '../ir/types.ts';

/** Keywords whose value is one schema, a list of schemas, or a map of named schemas. */
const ONE = ['items', 'not', 'additionalProperties', 'contains', 'propertyNames', 'if', 'then', 'else'];
const MANY = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const NAMED = ['properties', 'patternProperties', '$defs', 'definitions'];

/** Visits every schema node (never data such as `enum` or `default`) with its JSON pointer below `at`. */
export function walkSchema(input: { readonly schema: JsonSchema; readonly at: string; readonly visit: (node: JsonSchema, pointer: string) => void }): void {
  const { schema, at, visit } = input;
  visit(schema, at);
  const into = (value: unknown, pointer: string) => {
    if (isRecord(value)) walkSchema({ schema: value, at: pointer, visit });
  };
  for (const keyword of ONE) into(schema[keyword], `${at}/${keyword}`);
  for (const keyword of MANY) {
    const members = schema[keyword];
    if (Array.isArray(members)) members.forEach((member, index) => into(member, `${at}/${keyword}/${index}`));
  }
  for (const keyword of NAMED) {
    const named = schema[keyword];
    if (isRecord(named)) for (const [name, member] of Object.entries(named)) into(member, joinPointer(at, keyword, name));
  }
}

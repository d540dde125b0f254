import { isRecord } from '../shared/is-record.ts';
import { SAME_FIELDS, sameFieldsNote, type SameFieldsRef } from '../../templates/runtime/same-fields.ts';
import type { JsonSchema, ToolIR } from './types.ts';

/**
 * Below this many characters of compact JSON a shape is listed again in full: the note that would
 * replace it ("Same fields as ship_to of create_…", ~15 tokens, ~60 characters) would save too little.
 */
export const MIN_SHARED_SHAPE_CHARS = 120;

const hasFields = (node: unknown): boolean => isRecord(node) && isRecord(node['properties']) && Object.keys(node['properties']).length > 0;
const hasValues = (node: unknown): boolean => isRecord(node) && Array.isArray(node['enum']);

/**
 * An object with declared fields, a list of allowed values, or an array of either (eDesk's template
 * conditions: 26 ticket types in the create and the replace): the shapes worth listing once.
 */
function isSharedShape(schema: JsonSchema): boolean {
  return hasFields(schema) || hasFields(schema['items']) || hasValues(schema) || hasValues(schema['items']);
}

/** Whether the shape is a list of allowed values (of the argument or of its items) rather than fields. */
const isValueList = (schema: JsonSchema): boolean => hasValues(schema) || hasValues(schema['items']);

function referringSchema(input: { readonly schema: JsonSchema; readonly note: string }): JsonSchema {
  const own = typeof input.schema['description'] === 'string' ? input.schema['description'].trim() : '';
  const description = own === '' ? input.note : `${/[.!?]$/.test(own) ? own : `${own}.`} ${input.note}`;
  // An array keeps an items schema with its type: clients reject arrays without one (VMCP_LINT_ARRAY_NO_ITEMS).
  const items = input.schema['items'];
  const itemType = isRecord(items) && items['type'] !== undefined ? items['type'] : 'object';
  return { type: input.schema['type'], ...(items !== undefined ? { items: { type: itemType } } : {}), description };
}

/**
 * Lists each nested argument shape once per package (see templates/runtime/same-fields.ts): tools
 * in name order, arguments in order; a later argument whose schema, apart from its own
 * description, equals one listed before refers to it. eDesk's sales-order addresses, items and
 * tracking codes, DigitalOcean's app spec (3 tools × ~9,400 tokens) are listed once. Arguments,
 * bindings and the strict validators (built from the arguments, not from this listing) are untouched.
 */
export function listSharedShapesOnce(tools: readonly ToolIR[]): ToolIR[] {
  const first = new Map<string, SameFieldsRef>();
  return tools.map((tool) => {
    const refs: Record<string, SameFieldsRef> = {};
    const properties = Object.fromEntries(
      Object.entries((tool.inputSchema['properties'] ?? {}) as Record<string, JsonSchema>).map(([name, schema]) => {
        if (!isSharedShape(schema)) return [name, schema];
        const { description: _own, ...shape } = schema;
        const key = JSON.stringify(shape);
        if (key.length < MIN_SHARED_SHAPE_CHARS) return [name, schema];
        const seen = first.get(key);
        if (seen === undefined) {
          first.set(key, { tool: tool.name, property: name });
          return [name, schema];
        }
        refs[name] = seen;
        return [name, referringSchema({ schema, note: sameFieldsNote({ ref: seen, inSameTool: seen.tool === tool.name, values: isValueList(schema) }) })];
      }),
    );
    if (Object.keys(refs).length === 0) return tool;
    return { ...tool, inputSchema: { ...tool.inputSchema, properties }, _meta: { ...tool._meta, [SAME_FIELDS]: refs } };
  });
}

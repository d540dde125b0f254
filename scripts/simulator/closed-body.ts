import { derefLocal, isObject } from './json-pointer.ts';
import type { ValidationIssue } from './types.ts';

/**
 * A field no schema declares is refused at every depth, as the query keys are: a vendor that drops
 * unknown fields silently would otherwise make a misnamed field look accepted. Objects the doc leaves
 * open (`additionalProperties` other than false, `patternProperties`, composition) are not judged.
 */
export function unknownBodyFields(input: { readonly root: unknown; readonly pointer: string; readonly value: unknown }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  walk({ root: input.root, schema: derefLocal({ root: input.root, node: { $ref: input.pointer }, pointer: input.pointer }).node, value: input.value, path: [], issues });
  return issues;
}

function walk(input: { root: unknown; schema: unknown; value: unknown; path: string[]; issues: ValidationIssue[] }): void {
  const schema = derefLocal({ root: input.root, node: input.schema, pointer: '' }).node;
  if (!isObject(schema)) return;
  if (Array.isArray(input.value)) {
    input.value.forEach((item, index) => walk({ ...input, schema: schema.items, value: item, path: [...input.path, String(index)] }));
    return;
  }
  if (!isObject(input.value) || !isObject(schema.properties)) return;
  const open = (schema.additionalProperties !== undefined && schema.additionalProperties !== false) || schema.patternProperties !== undefined || ['allOf', 'anyOf', 'oneOf'].some((key) => schema[key] !== undefined);
  for (const [name, inner] of Object.entries(input.value)) {
    const declared = schema.properties[name];
    const path = [...input.path, name];
    if (declared !== undefined) walk({ ...input, schema: declared, value: inner, path });
    else if (!open) input.issues.push({ location: 'body', field: path.join('.'), kind: 'unknown', message: `body field ${path.join('.')} is not allowed` });
  }
}

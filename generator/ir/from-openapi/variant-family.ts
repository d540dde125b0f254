import { joinPointer } from '../../shared/json-pointer.ts';
import type { ArgIR, JsonSchema, ToolVariantsIR, VariantFamilyIR, VariantOpenIR } from '../types.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';
import { normalizeSchema } from './schema-object.ts';
import { requiredFieldsOf } from '../required-fields.ts';

/** Root `x-mcp.variants`: each entry is a discriminator with one strict schema per value. */
export function readVariantFamilies(context: BuildContext): VariantFamilyIR[] {
  const settings = (context.root as Record<string, unknown>)['x-mcp'];
  const declared = isRecord(settings) && isRecord(settings['variants']) ? settings['variants'] : {};
  const families: VariantFamilyIR[] = [];
  for (const [name, raw] of Object.entries(declared)) {
    const at = joinPointer('', 'x-mcp', 'variants', name);
    if (!isRecord(raw) || typeof raw['payload'] !== 'string' || !isRecord(raw['schemas'])) {
      report({ context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: at, message: 'a variant family needs `payload` (a field name) and `schemas` (one schema per value)' });
      continue;
    }
    const variants = Object.entries(raw['schemas']).map(([value, schema]) => {
      const pointer = joinPointer(at, 'schemas', value);
      return { name: value, schema: normalizeSchema({ context, schema, at: pointer, direction: 'input' }), source: { file: context.file, pointer } };
    });
    const open = readOpen({ context, raw: raw['open'], at: joinPointer(at, 'open') });
    const listing = [...variants.map((variant) => ({ title: variant.name, ...withOpenFields({ schema: withoutNestedDescriptions(variant.schema), open }) })), ...generalListing(open)];
    // Custom fields by suffix are the common case of the general extra-name pattern.
    const suffix = open?.customFieldSuffix;
    const extraNames = extraNamesPattern({ context, value: raw['extraNames'], at: joinPointer(at, 'extraNames') }) ?? (suffix === undefined ? undefined : `${escapeRegex(suffix)}$`);
    families.push({ kind: 'variant-family', name, payload: raw['payload'], split: raw['split'] === true, variants, listing, ...(open ? { open } : {}), ...(extraNames !== undefined ? { extraNames } : {}), source: { file: context.file, pointer: at } });
  }
  return families;
}

/** `extraNames`: a regular expression (Unicode mode) for undeclared field names the vendor accepts. */
function extraNamesPattern(input: { readonly context: BuildContext; readonly value: unknown; readonly at: string }): string | undefined {
  if (input.value === undefined) return undefined;
  try {
    if (typeof input.value === 'string' && input.value !== '') return new RegExp(input.value, 'u').source === '(?:)' ? undefined : input.value;
  } catch {
    // reported below
  }
  report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: input.at, message: 'extraNames must be a non-empty regular expression, e.g. "__c$"' });
  return undefined;
}

/** `open: {customFieldSuffix, undeclared}`; absent means the family is closed (only declared values and fields). */
function readOpen(input: { readonly context: BuildContext; readonly raw: unknown; readonly at: string }): VariantOpenIR | undefined {
  if (input.raw === undefined) return undefined;
  const raw = isRecord(input.raw) ? input.raw : {};
  const suffix = raw['customFieldSuffix'];
  const undeclared = raw['undeclared'] ?? 'refused';
  if (!isRecord(input.raw) || (suffix !== undefined && (typeof suffix !== 'string' || suffix === '')) || (undeclared !== 'refused' && undeclared !== 'unchecked')) {
    report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: input.at, message: 'variant `open` takes customFieldSuffix (a non-empty string) and undeclared (refused or unchecked)' });
    return undefined;
  }
  return { ...(typeof suffix === 'string' ? { customFieldSuffix: suffix } : {}), undeclared };
}

/** Custom fields (by suffix) are part of every declared shape, so clients validating the listing accept them too. */
function withOpenFields(input: { readonly schema: JsonSchema; readonly open: VariantOpenIR | undefined }): JsonSchema {
  const suffix = input.open?.customFieldSuffix;
  if (suffix === undefined) return input.schema;
  return { ...input.schema, patternProperties: { [`${escapeRegex(suffix)}$`]: {} } };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The visible general path: one free-form member for every value the family does not declare. */
function generalListing(open: VariantOpenIR | undefined): JsonSchema[] {
  if (open?.undeclared !== 'unchecked') return [];
  const custom = open.customFieldSuffix === undefined ? '' : ` (custom types end in ${open.customFieldSuffix})`;
  return [{ title: 'any other type', type: 'object', description: `For a type not listed above${custom}: its fields are NOT checked locally; the vendor checks them.` }];
}

/**
 * In the generic tool every variant shares one listing, so per-field prose would be repeated for
 * each variant: keep names, types and constraints there; split tools keep the full descriptions.
 */
function withoutNestedDescriptions(schema: JsonSchema): JsonSchema {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'description').map(([key, inner]) => [key, key === 'enum' || key === 'const' || key === 'default' ? inner : strip(inner)]));
  };
  const properties = (schema['properties'] ?? {}) as Record<string, unknown>;
  return { ...schema, properties: Object.fromEntries(Object.entries(properties).map(([name, inner]) => [name, strip(inner)])) };
}

/** Closed family: only declared values. Open family: any value, with the declared ones named as checked. */
function discriminatorSchema(input: { readonly original: JsonSchema; readonly family: VariantFamilyIR }): JsonSchema {
  const values = input.family.variants.map((v) => v.name);
  if (input.family.open?.undeclared !== 'unchecked') return { ...input.original, enum: values };
  const rule = `Checked locally against its own fields: ${values.join(', ')}. Any other value (custom types included) is sent with its fields unchecked.`;
  const description = [input.original['description'], rule].filter((part): part is string => typeof part === 'string' && part !== '').join(' ');
  const open = Object.fromEntries(Object.entries(input.original).filter(([key]) => key !== 'enum'));
  return { ...open, description, examples: values };
}

function payloadSchema(input: { readonly original: JsonSchema; readonly family: VariantFamilyIR; readonly discriminatorArg: string }): JsonSchema {
  const suffix = input.family.open?.customFieldSuffix;
  const custom = suffix === undefined ? undefined : `Custom fields whose names end in ${suffix} are accepted for every type and sent unchecked.`;
  const description = [input.original['description'], `Its fields depend on ${input.discriminatorArg}: one shape per value, checked before anything is sent.`, custom]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(' ');
  return { type: 'object', description, ...requiredFieldsOf(input.original), anyOf: [...input.family.listing] };
}

/**
 * Narrows a tool to a family: the discriminator accepts only declared values and the payload's
 * schema becomes the union of the variants, nested under its property (never at the root).
 */
export function applyVariantFamily(input: {
  readonly context: BuildContext;
  readonly familyName: string;
  readonly families: readonly VariantFamilyIR[];
  readonly args: readonly ArgIR[];
  readonly at: string;
}): { readonly args: ArgIR[]; readonly variants?: ToolVariantsIR } {
  const family = input.families.find((f) => f.name === input.familyName);
  const discriminator = input.args.find((a) => a.wireName === input.familyName);
  if (family === undefined || discriminator === undefined) {
    report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: input.at, message: `x-mcp variants names ${JSON.stringify(input.familyName)}, which is not a declared family or not an argument of this operation` });
    return { args: [...input.args] };
  }
  const payload = input.args.find((a) => a.wireName === family.payload && a.location === 'body');
  const args = input.args.map((arg) => {
    if (arg === discriminator) return { ...arg, schema: discriminatorSchema({ original: arg.schema, family }) };
    if (arg === payload) return { ...arg, schema: payloadSchema({ original: arg.schema, family, discriminatorArg: discriminator.name }) };
    return arg;
  });
  return { args, variants: { family: family.name, discriminatorArg: discriminator.name, ...(payload ? { payloadArg: payload.name } : {}), ...(family.open ? { open: family.open } : {}) } };
}

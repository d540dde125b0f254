import { joinPointer } from '../../shared/json-pointer.ts';
import { SEARCH_HINT } from '../../../templates/runtime/host-hints.ts';
import { closedAtEveryDepth } from '../closed-schema.ts';
import { variantFamilyNameProblem, variantModuleName, variantSchemaToolName, variantsIdentifier } from '../naming.ts';
import type { ArgIR, JsonSchema, SchemaToolIR, ToolIR, ToolVariantsIR, VariantFamilyIR, VariantOpenIR } from '../types.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';
import { normalizeSchema } from './schema-object.ts';
import { requiredFieldsOf } from '../required-fields.ts';
import { sortByKey } from '../sort.ts';

/** Root `x-mcp.variants`: each entry is a discriminator with one strict schema per value. */
export function readVariantFamilies(context: BuildContext): VariantFamilyIR[] {
  const settings = (context.root as Record<string, unknown>)['x-mcp'];
  const raw = isRecord(settings) ? settings['variants'] : undefined;
  if (raw !== undefined && !isRecord(raw)) report({ context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: '/x-mcp/variants', message: 'x-mcp.variants must map family names to families' });
  const declared = isRecord(raw) ? raw : {};
  checkFamilyNames({ context, names: Object.keys(declared) });
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
    // Custom fields by suffix are the common case of the general extra-name pattern.
    const suffix = open?.customFieldSuffix;
    const extraNames = extraNamesPattern({ context, value: raw['extraNames'], at: joinPointer(at, 'extraNames') }) ?? (suffix === undefined ? undefined : `${escapeRegex(suffix)}$`);
    const shapes = Object.fromEntries(variants.map((variant) => [variant.name, enforcedShape({ schema: variant.schema, ...(extraNames !== undefined ? { extraNames } : {}) })]));
    families.push({ kind: 'variant-family', name, payload: raw['payload'], split: raw['split'] === true, variants, shapes, ...(open ? { open } : {}), ...(extraNames !== undefined ? { extraNames } : {}), source: { file: context.file, pointer: at } });
  }
  return families;
}

const FAMILY_NAME_FIX = 'Rename the variant family (and the parameter it is named after): snake-cased, as its file and identifiers use it (kind-a and kind_a both read kind_a), a family name needs a letter or digit, at most 64 characters, and must differ from every other family\'s.';

/**
 * Each family names a module (`src/variants/<snake>.ts`) and identifiers in it. Two names that
 * normalise alike would write one file twice, and one of symbols alone or of hundreds of
 * characters names no file the disk accepts: refused here, where the doc names them, not at the write.
 */
function checkFamilyNames(input: { readonly context: BuildContext; readonly names: readonly string[] }): void {
  const taken = new Map<string, string>();
  for (const name of input.names) {
    const pointer = joinPointer('', 'x-mcp', 'variants', name);
    const refuse = (why: string) => report({ context: input.context, code: 'VMCP_NAME_INVALID', pointer, message: `x-mcp.variants family ${JSON.stringify(name)} is refused: it ${why}`, fix: FAMILY_NAME_FIX });
    const problem = variantFamilyNameProblem(name);
    if (problem !== undefined) {
      refuse(problem);
      continue;
    }
    const clash = [variantModuleName(name), variantsIdentifier(name)].find((derived) => taken.has(derived));
    if (clash !== undefined) refuse(`names ${clash}, which family ${JSON.stringify(taken.get(clash))} names too`);
    for (const derived of [variantModuleName(name), variantsIdentifier(name)]) if (!taken.has(derived)) taken.set(derived, name);
  }
}

/**
 * `extraNames`: a regular expression (Unicode mode) for undeclared field names the vendor accepts.
 * One that matches every name (empty, `(?:)`) would open every closed object: refused, not ignored.
 */
function extraNamesPattern(input: { readonly context: BuildContext; readonly value: unknown; readonly at: string }): string | undefined {
  if (input.value === undefined) return undefined;
  try {
    if (typeof input.value === 'string' && new RegExp(input.value, 'u').source !== '(?:)') return input.value;
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

/**
 * The shape the run-time check enforces, as JSON Schema: closed at every depth it declares, with
 * the family's extra names (custom `__c` fields) allowed in each closed object, exactly as the
 * variant module builds its zod schema from the same function.
 */
function enforcedShape(input: { readonly schema: JsonSchema; readonly extraNames?: string }): JsonSchema {
  const { additionalProperties: _open, ...schema } = input.schema;
  return closedAtEveryDepth({ schema: { ...schema, properties: schema['properties'] ?? {} }, ...(input.extraNames === undefined ? {} : { extraNames: input.extraNames }) });
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sentences(parts: readonly unknown[]): string {
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join(' ');
}

/**
 * Closed family: only declared values. Open family: any value; which ones are checked is said
 * once, by the schema tool's enum, rather than listed again in every tool that writes.
 */
function discriminatorSchema(input: { readonly original: JsonSchema; readonly family: VariantFamilyIR; readonly schemaTool?: string }): JsonSchema {
  const values = input.family.variants.map((v) => v.name);
  if (input.family.open?.undeclared !== 'unchecked') return { ...input.original, enum: values };
  const rule = input.schemaTool === undefined
    ? `Checked locally: ${values.join(', ')}. Any other value (custom types included) is sent unchecked.`
    : `A value ${input.schemaTool} lists is checked locally against its fields; any other value (custom types included) is sent with its fields unchecked.`;
  const open = Object.fromEntries(Object.entries(input.original).filter(([key]) => key !== 'enum'));
  return { ...open, description: sentences([input.original['description'], rule]) };
}

/** The payload names the tool that returns each value's shape instead of carrying every shape itself. */
function payloadSchema(input: { readonly original: JsonSchema; readonly family: VariantFamilyIR; readonly discriminatorArg: string; readonly schemaTool: string }): JsonSchema {
  const suffix = input.family.open?.customFieldSuffix;
  const custom = suffix === undefined ? undefined : `Custom fields ending in ${suffix} are accepted for every type, unchecked.`;
  const rule = `Its fields depend on ${input.discriminatorArg}: get that type's exact shape from ${input.schemaTool}; it is checked before anything is sent.`;
  return { type: 'object', description: sentences([input.original['description'], rule, custom]), ...requiredFieldsOf(input.original) };
}

/**
 * Narrows a tool to a family: the discriminator accepts only declared values and the payload's
 * schema becomes the union of the variants, nested under its property (never at the root).
 */
export function applyVariantFamily(input: {
  readonly context: BuildContext;
  readonly vendorName: string;
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
  const schemaTool = payload === undefined ? undefined : variantSchemaToolName({ vendor: input.vendorName, family: family.name });
  const args = input.args.map((arg) => {
    if (arg === discriminator) return { ...arg, schema: discriminatorSchema({ original: arg.schema, family, ...(schemaTool !== undefined ? { schemaTool } : {}) }) };
    if (arg === payload) return { ...arg, schema: payloadSchema({ original: arg.schema, family, discriminatorArg: discriminator.name, schemaTool: schemaTool! }) };
    return arg;
  });
  return { args, variants: { family: family.name, discriminatorArg: discriminator.name, ...(payload ? { payloadArg: payload.name } : {}), ...(family.open ? { open: family.open } : {}) } };
}

/** Generic tools that write a family's payload (split tools carry their one shape themselves). */
function writersOf(input: { readonly family: VariantFamilyIR; readonly tools: readonly ToolIR[] }): ToolIR[] {
  return sortByKey(input.tools, (tool) => tool.name).filter((tool) => tool.variants?.family === input.family.name && tool.variants.payloadArg !== undefined && tool.variants.fixed === undefined);
}

function schemaToolOf(input: { readonly family: VariantFamilyIR; readonly writers: readonly ToolIR[]; readonly vendorName: string }): SchemaToolIR {
  const { family, writers } = input;
  const discriminatorArg = writers[0]!.variants!.discriminatorArg;
  const payloadArg = writers[0]!.variants!.payloadArg!;
  const suffix = family.open?.customFieldSuffix;
  const open = family.open?.undeclared === 'unchecked' ? `Any ${discriminatorArg} not listed here${suffix === undefined ? '' : ` (custom types end in ${suffix})`} is sent with ${payloadArg} unchecked.` : undefined;
  const title = `Fields of one ${discriminatorArg}`;
  return {
    name: variantSchemaToolName({ vendor: input.vendorName, family: family.name }),
    title,
    description: sentences([`The exact JSON Schema ${payloadArg} must fit for one ${discriminatorArg}, as ${writers.map((t) => t.name).join(', ')} check it before anything is sent (other fields are refused). Call it before writing a type whose fields you do not know.`, open]),
    inputSchema: {
      type: 'object',
      properties: { [discriminatorArg]: { type: 'string', enum: family.variants.map((v) => v.name) } },
      required: [discriminatorArg],
      additionalProperties: false,
    },
    outputSchema: { type: 'object', properties: { [discriminatorArg]: { type: 'string' }, schema: { type: 'object' } } },
    annotations: { title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    _meta: { [SEARCH_HINT]: `${title}: its exact ${payloadArg} fields` },
    discriminatorArg,
  };
}

/** Each family some generic tool writes gets the schema tool those tools point to. */
export function withSchemaTools(input: { readonly families: readonly VariantFamilyIR[]; readonly tools: readonly ToolIR[]; readonly vendorName: string }): VariantFamilyIR[] {
  return input.families.map((family) => {
    const writers = writersOf({ family, tools: input.tools });
    return writers.length === 0 ? family : { ...family, schemaTool: schemaToolOf({ family, writers, vendorName: input.vendorName }) };
  });
}

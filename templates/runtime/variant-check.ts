import { ownField, ownFieldsOnly } from './own-fields.ts';
import type { SchemaTool } from './schema-tool.ts';
import type { Schema } from './zod-builder.ts';

/** All a variant's schema is used for; the generated ones are built through zod-builder.ts. */
type Parsing = Pick<Schema, 'safeParse'>;

/** One schema per discriminator value (Rose Rocket: one per objectKey), generated from the vendor doc; each built on first use. */
export type VariantFamily = {
  /** Flat argument that selects the variant, e.g. `object_key`. */
  readonly discriminator: string;
  /** Flat argument validated against the selected variant, e.g. `json`. Absent on reads and deletes. */
  readonly payload?: string;
  /** Split mode: the tool serves this one variant; the discriminator is not an input. */
  readonly fixed?: string;
  readonly variants: Readonly<Record<string, Variant>>;
  /** The declared open world: undeclared values are sent unchecked (custom fields pass through each variant's `extraNames`). */
  readonly open?: { readonly customFieldSuffix?: string; readonly undeclared: 'refused' | 'unchecked' };
  /** The tool that returns each value's shape; a generic tool writing the payload points the model to it. */
  readonly schemaTool?: SchemaTool;
};

type Variant = {
  readonly schema: () => Parsing;
  readonly fields: readonly string[];
  readonly required: readonly string[];
  /** Undeclared names the vendor accepts at any depth (a regular expression, e.g. `__c$` custom fields). */
  readonly extraNames?: string;
};

function owners(input: { readonly family: VariantFamily; readonly field: string }): string[] {
  return Object.entries(input.family.variants).filter(([, v]) => v.fields.includes(input.field)).map(([name]) => name);
}

function fieldIssues(input: { readonly family: VariantFamily; readonly selected: string; readonly payload: Record<string, unknown> }): string[] {
  const variant = input.family.variants[input.selected]!;
  const issues: string[] = [];
  const extra = variant.extraNames === undefined ? undefined : new RegExp(variant.extraNames, 'u');
  const unknown = Object.keys(input.payload).filter((field) => !variant.fields.includes(field) && !(extra?.test(field) ?? false));
  for (const field of unknown) {
    const elsewhere = owners({ family: input.family, field });
    issues.push(elsewhere.length > 0 ? `"${field}" is not a field of ${input.selected} (it belongs to ${elsewhere.join(', ')})` : `"${field}" is not a writable field of ${input.selected}`);
  }
  const missing = variant.required.filter((field) => ownField({ record: input.payload, field }) === undefined);
  if (missing.length > 0) issues.push(`missing required ${missing.map((f) => `"${f}"`).join(', ')}`);
  return issues;
}

/**
 * Top-level unknown and missing fields are already reported by name; these are the wrong values,
 * and unknown keys deeper down (the variant is strict at every depth), each with its full path.
 */
function valueIssues(input: { readonly schema: Parsing; readonly payload: Record<string, unknown>; readonly selected: string }): string[] {
  const parsed = input.schema.safeParse(ownFieldsOnly(input.payload));
  if (parsed.success) return [];
  const absent = (path: readonly PropertyKey[]) => path.length === 1 && ownField({ record: input.payload, field: String(path[0]) }) === undefined;
  return parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      if (issue.path.length === 0) return [];
      const parent = issue.path.map(String).join('.');
      return issue.keys.map((key) => `"${parent}.${key}" is not a field of ${input.selected}'s ${parent}`);
    }
    return absent(issue.path) ? [] : [`"${issue.path.join('.')}": ${issue.message}`];
  });
}

/**
 * Checks the payload against the variant its discriminator selects, before any request. The
 * refusal names the variant, what is wrong, and every field the model may use instead.
 */
export function checkVariant(input: { readonly family: VariantFamily; readonly args: Readonly<Record<string, unknown>> }): string | undefined {
  const { family, args } = input;
  const selected = args[family.discriminator];
  const known = Object.keys(family.variants);
  // The general path: a type the doc does not declare (custom `__c` types) goes out as given, and its tool description says so.
  if (typeof selected === 'string' && selected !== '' && !known.includes(selected) && family.open?.undeclared === 'unchecked') return undefined;
  if (typeof selected !== 'string' || !known.includes(selected)) {
    return `Refused: ${family.discriminator} ${JSON.stringify(selected)} is not one of the documented types: ${known.join(', ')}. Nothing was sent.`;
  }
  if (family.payload === undefined || args[family.payload] === undefined) return undefined;
  const payload = args[family.payload];
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return `Refused: ${family.payload} must be an object of ${selected} fields. Nothing was sent.`;
  const variant = family.variants[selected]!;
  const issues = [...fieldIssues({ family, selected, payload: payload as Record<string, unknown> }), ...valueIssues({ schema: variant.schema(), payload: payload as Record<string, unknown>, selected })];
  if (issues.length === 0) return undefined;
  return `Refused: ${family.payload} does not fit ${family.discriminator} "${selected}": ${issues.join('; ')}. Valid fields for ${selected}: ${variant.fields.join(', ')}. Nothing was sent.`;
}

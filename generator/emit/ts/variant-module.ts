import { StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure } from 'ts-morph';
import { variantListingIdentifier, variantsIdentifier } from '../../ir/naming.ts';
import type { JsonSchema, VariantFamilyIR } from '../../ir/types.ts';
import { concat, json, layout, objectBlock, property, type Code } from './code-layout.ts';
import { isRecord } from '../../shared/is-record.ts';
import { needsKnownKeys, zodExpression } from './zod-expression.ts';

/**
 * A variant is strict at every depth it declares: each object with declared properties and no
 * open `additionalProperties` of its own is closed, so an unknown key under `customer` is refused
 * as surely as one at the top. Names matching the family's `extraNames` are allowed in every
 * closed object; an object the doc declares open stays open.
 */
export function closedAtEveryDepth(input: { readonly schema: JsonSchema; readonly extraNames?: string }): JsonSchema {
  const close = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(close);
    if (!isRecord(node)) return node;
    const out: JsonSchema = Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, key === 'enum' || key === 'const' || key === 'default' || key === 'example' ? inner : close(inner)]));
    if (!isRecord(node['properties']) || (node['additionalProperties'] !== undefined && node['additionalProperties'] !== false)) return out;
    return { ...out, additionalProperties: false, ...(input.extraNames !== undefined ? { patternProperties: { [input.extraNames]: {} } } : {}) };
  };
  return close(input.schema) as JsonSchema;
}

function variantEntry(input: { readonly schema: JsonSchema; readonly extraNames?: string }): Code {
  const { schema, extraNames } = input;
  const fields = Object.keys((schema['properties'] ?? {}) as Record<string, unknown>);
  const required = (schema['required'] ?? []) as string[];
  const closed = closedAtEveryDepth({ schema: { ...schema, properties: schema['properties'] ?? {}, additionalProperties: undefined }, ...(extraNames !== undefined ? { extraNames } : {}) });
  return objectBlock([
    property({ key: 'schema', value: concat('memoized(() => ', zodExpression(closed), ')') }),
    property({ key: 'fields', value: json(fields) }),
    property({ key: 'required', value: json(required) }),
    ...(extraNames !== undefined ? [property({ key: 'extraNames', value: json(extraNames) })] : []),
  ]);
}

/** `src/variants/<family>.ts`: one strict zod schema per discriminator value (built on first use), plus its field list. */
export function variantModuleStructure(input: { readonly family: VariantFamilyIR; readonly header: string }): OptionalKind<SourceFileStructure> {
  const extraNames = input.family.extraNames;
  const entries = layout(objectBlock(input.family.variants.map((variant) => property({ key: variant.name, quoted: true, value: variantEntry({ schema: variant.schema, ...(extraNames !== undefined ? { extraNames } : {}) }) }))));
  return {
    leadingTrivia: `${input.header}\n`,
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: 'zod', namespaceImport: 'z' },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/memoized.ts', namedImports: ['memoized'] },
      ...(needsKnownKeys(entries) ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: '../runtime/known-keys.ts', namedImports: ['knownKeysOnly'] }] : []),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/tool-definition.ts', namedImports: ['JsonObject'], isTypeOnly: true },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/variant-check.ts', namedImports: ['VariantFamily'], isTypeOnly: true },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: variantsIdentifier(input.family.name), type: "VariantFamily['variants']", initializer: entries }],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: variantListingIdentifier(input.family.name), type: 'readonly JsonObject[]', initializer: layout(json(input.family.listing)) }],
      },
    ],
  };
}

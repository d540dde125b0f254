import { StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure } from 'ts-morph';
import { variantListingIdentifier, variantsIdentifier } from '../../ir/naming.ts';
import type { JsonSchema, VariantFamilyIR } from '../../ir/types.ts';
import { concat, json, layout, objectBlock, property, type Code } from './code-layout.ts';
import { zodExpression } from './zod-expression.ts';

function variantEntry(schema: JsonSchema): Code {
  const fields = Object.keys((schema['properties'] ?? {}) as Record<string, unknown>);
  const required = (schema['required'] ?? []) as string[];
  return objectBlock([
    property({ key: 'schema', value: concat('memoized(() => ', zodExpression({ ...schema, additionalProperties: false }), ')') }),
    property({ key: 'fields', value: json(fields) }),
    property({ key: 'required', value: json(required) }),
  ]);
}

/** `src/variants/<family>.ts`: one strict zod schema per discriminator value (built on first use), plus its field list. */
export function variantModuleStructure(input: { readonly family: VariantFamilyIR; readonly header: string }): OptionalKind<SourceFileStructure> {
  const entries = objectBlock(input.family.variants.map((variant) => property({ key: variant.name, quoted: true, value: variantEntry(variant.schema) })));
  return {
    leadingTrivia: `${input.header}\n`,
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: 'zod', namespaceImport: 'z' },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/memoized.ts', namedImports: ['memoized'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/tool-definition.ts', namedImports: ['JsonObject'], isTypeOnly: true },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/variant-check.ts', namedImports: ['VariantFamily'], isTypeOnly: true },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: variantsIdentifier(input.family.name), type: "VariantFamily['variants']", initializer: layout(entries) }],
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

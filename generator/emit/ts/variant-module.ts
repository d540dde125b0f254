import { StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure } from 'ts-morph';
import { variantListingIdentifier, variantsIdentifier } from '../../ir/naming.ts';
import type { JsonSchema, VariantFamilyIR } from '../../ir/types.ts';
import { jsonLiteral } from './object-literal.ts';
import { zodExpression } from './zod-expression.ts';

function variantEntry(schema: JsonSchema): string {
  const fields = Object.keys((schema['properties'] ?? {}) as Record<string, unknown>);
  const required = (schema['required'] ?? []) as string[];
  return `{ schema: memoized(() => ${zodExpression({ ...schema, additionalProperties: false })}), fields: ${jsonLiteral(fields)}, required: ${jsonLiteral(required)} }`;
}

/** `src/variants/<family>.ts`: one strict zod schema per discriminator value (built on first use), plus its field list. */
export function variantModuleStructure(input: { readonly family: VariantFamilyIR; readonly header: string }): OptionalKind<SourceFileStructure> {
  const entries = input.family.variants.map((variant) => `  ${JSON.stringify(variant.name)}: ${variantEntry(variant.schema)},`);
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
        declarations: [{ name: variantsIdentifier(input.family.name), type: "VariantFamily['variants']", initializer: `{\n${entries.join('\n')}\n}` }],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: variantListingIdentifier(input.family.name), type: 'readonly JsonObject[]', initializer: jsonLiteral(input.family.listing) }],
      },
    ],
  };
}

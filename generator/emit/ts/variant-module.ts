import { StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure } from './ts-morph.ts';
import { variantSchemaToolIdentifier, variantsIdentifier } from '../../ir/naming.ts';
import type { JsonSchema, VariantFamilyIR } from '../../ir/types.ts';
import { concat, json, layout, objectBlock, property, type Code } from './code-layout.ts';
import { runtimeCheckImports, zodExpression } from './zod-expression.ts';

/** The zod schema is built from the very shape the schema tool returns (already closed at every depth). */
function variantEntry(input: { readonly shape: JsonSchema; readonly extraNames?: string }): Code {
  const { shape, extraNames } = input;
  const fields = Object.keys((shape['properties'] ?? {}) as Record<string, unknown>);
  const required = (shape['required'] ?? []) as string[];
  return objectBlock([
    property({ key: 'schema', value: concat('memoized(() => ', zodExpression(shape), ')') }),
    property({ key: 'fields', value: json(fields) }),
    property({ key: 'required', value: json(required) }),
    ...(extraNames !== undefined ? [property({ key: 'extraNames', value: json(extraNames) })] : []),
  ]);
}

/** The schema tool as data: what it lists, and the shape it returns per value. */
function schemaToolStatement(family: VariantFamilyIR) {
  const { schemaTool } = family;
  if (schemaTool === undefined) return [];
  const { discriminatorArg, ...listed } = schemaTool;
  return [{
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: variantSchemaToolIdentifier(family.name), type: 'SchemaTool', initializer: layout(json({ ...listed, discriminator: discriminatorArg, shapes: family.shapes })) }],
  }];
}

/** `src/variants/<family>.ts`: one strict zod schema per discriminator value (built on first use), its field list, and the family's schema tool. */
export function variantModuleStructure(input: { readonly family: VariantFamilyIR; readonly header: string }): OptionalKind<SourceFileStructure> {
  const extraNames = input.family.extraNames;
  const entries = layout(objectBlock(input.family.variants.map((variant) => property({ key: variant.name, quoted: true, value: variantEntry({ shape: input.family.shapes[variant.name]!, ...(extraNames !== undefined ? { extraNames } : {}) }) }))));
  const schemaTool = schemaToolStatement(input.family);
  return {
    leadingTrivia: `${input.header}\n`,
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/zod-builder.ts', namedImports: ['z'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/memoized.ts', namedImports: ['memoized'] },
      ...runtimeCheckImports(entries).map((check) => ({ kind: StructureKind.ImportDeclaration, ...check })),
      ...(schemaTool.length > 0 ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/schema-tool.ts', namedImports: ['SchemaTool'], isTypeOnly: true }] : []),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/variant-check.ts', namedImports: ['VariantFamily'], isTypeOnly: true },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: variantsIdentifier(input.family.name), type: "VariantFamily['variants']", initializer: entries }],
      },
      ...schemaTool,
    ],
  };
}

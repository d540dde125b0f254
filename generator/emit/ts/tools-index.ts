import { StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure } from 'ts-morph';
import { identifierFor, toolFileName } from '../../ir/naming.ts';
import type { ToolIR } from '../../ir/types.ts';

/** `src/tools/index.ts`: the tool table, in name order. */
export function toolsIndexStructure(input: { readonly tools: readonly ToolIR[]; readonly header: string }): OptionalKind<SourceFileStructure> {
  const names = input.tools.map((tool) => identifierFor(tool.name));
  return {
    leadingTrivia: `${input.header}\n`,
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/tool-definition.ts', namedImports: ['ToolDefinition'], isTypeOnly: true },
      ...input.tools.map((tool) => ({
        kind: StructureKind.ImportDeclaration as const,
        moduleSpecifier: `./${toolFileName(tool.name)}`,
        namedImports: [identifierFor(tool.name)],
      })),
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: 'tools', type: 'readonly ToolDefinition[]', initializer: names.length === 0 ? '[]' : `[\n${names.map((n) => `  ${n},`).join('\n')}\n]` }],
      },
    ],
  };
}

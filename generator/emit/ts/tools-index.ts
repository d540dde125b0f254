import { StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure } from './ts-morph.ts';
import { toolFileName } from '../../ir/naming.ts';
import type { ToolIR } from '../../ir/types.ts';

/**
 * One tool's import, as text: ts-morph printing 1,221 import structures was ~40 ms on GitHub REST.
 * The line is what ts-morph prints for `{ namedImports: [name], moduleSpecifier }`; a name the lint
 * lets through needs no quoting, and anything else is refused rather than written into a string.
 */
function importLine(input: { readonly tool: ToolIR; readonly identifier: string }): string {
  const { tool } = input;
  if (!/^[A-Za-z0-9_-]+$/.test(tool.name)) throw new Error(`tool name ${JSON.stringify(tool.name)} cannot be written into an import line`);
  return `import { ${input.identifier} } from './${toolFileName(tool.name)}';`;
}

/** `src/tools/index.ts`: the tool table, in name order; `identifiers`: each tool's, as its module exports it. */
export function toolsIndexStructure(input: { readonly tools: readonly ToolIR[]; readonly identifiers: readonly string[]; readonly header: string }): OptionalKind<SourceFileStructure> {
  const names = input.identifiers;
  return {
    leadingTrivia: `${input.header}\n`,
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/tool-definition.ts', namedImports: ['ToolDefinition'], isTypeOnly: true },
      ...(input.tools.length === 0 ? [] : [input.tools.map((tool, at) => importLine({ tool, identifier: names[at]! })).join('\n')]),
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: 'tools', type: 'readonly ToolDefinition[]', initializer: names.length === 0 ? '[]' : `[\n${names.map((n) => `  ${n},`).join('\n')}\n]` }],
      },
    ],
  };
}

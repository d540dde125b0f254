import { StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { createSourcePrinter } from '../../generator/emit/ts/source-printer.ts';
import { toolsIndexStructure } from '../../generator/emit/ts/tools-index.ts';
import { identifierFor, toolFileName } from '../../generator/ir/naming.ts';
import type { ToolIR } from '../../generator/ir/types.ts';

const toolsNamed = (names: readonly string[]) => names.map((name) => ({ name }) as ToolIR);

/** The index as ts-morph printed it from one import structure a tool, before the imports became text. */
function asStructures(names: readonly string[]): string {
  const structure: OptionalKind<SourceFileStructure> = {
    leadingTrivia: '// header\n',
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/tool-definition.ts', namedImports: ['ToolDefinition'], isTypeOnly: true },
      ...names.map((name) => ({ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: `./${toolFileName(name)}`, namedImports: [identifierFor(name)] })),
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: 'tools', type: 'readonly ToolDefinition[]', initializer: names.length === 0 ? '[]' : `[\n${names.map((n) => `  ${identifierFor(n)},`).join('\n')}\n]` }],
      },
    ],
  };
  return createSourcePrinter()({ path: 'src/tools/index.ts', structure });
}

describe('src/tools/index.ts', () => {
  it.each([[[]], [['get_widget']], [['a_tool', 'b-tool', 'c_tool_2', 'list_all_things']]])('is byte for byte what one import structure a tool printed: %j', (names) => {
    expect(createSourcePrinter()({ path: 'src/tools/index.ts', structure: toolsIndexStructure({ tools: toolsNamed(names), identifiers: names.map(identifierFor), header: '// header' }) })).toBe(asStructures(names));
  });

  it('refuses a tool name that would need quoting in the import line', () => {
    expect(() => toolsIndexStructure({ tools: toolsNamed(["it's"]), identifiers: ['its'], header: '// header' })).toThrow(/cannot be written into an import line/);
  });
});

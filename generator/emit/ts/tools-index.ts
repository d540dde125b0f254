import { identifierFor, toolFileName } from '../../ir/naming.ts';
import type { ToolIR } from '../../ir/types.ts';
import type { SourceFile } from './source-printer.ts';

/** `src/tools/index.ts`: the tool table, in name order. */
export function toolsIndexStructure(input: { readonly tools: readonly ToolIR[]; readonly header: string }): SourceFile {
  const names = input.tools.map((tool) => identifierFor(tool.name));
  return {
    header: `${input.header}\n`,
    statements: [
      { kind: 'import', from: '../runtime/tool-definition.ts', names: ['ToolDefinition'], typeOnly: true },
      ...input.tools.map((tool) => ({
        kind: 'import' as const,
        from: `./${toolFileName(tool.name)}`,
        names: [identifierFor(tool.name)],
      })),
      { kind: 'const', name: 'tools', type: 'readonly ToolDefinition[]', initializer: names.length === 0 ? '[]' : `[\n${names.map((n) => `  ${n},`).join('\n')}\n]` },
    ],
  };
}

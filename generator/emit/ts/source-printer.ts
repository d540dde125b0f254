import { printStructure, StructureKind, type OptionalKind, type SourceFileStructure, type StatementStructures, type VariableDeclarationStructure, type VariableStatementStructure } from 'ts-morph';

export type SourcePrinter = (input: { readonly path: string; readonly structure: OptionalKind<SourceFileStructure> }) => string;

type Statement = string | OptionalKind<StatementStructures> | ((...args: never[]) => unknown);

const PRINT_OPTIONS = { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true } as const;

/** Identifiers no generated name can take: naming.ts never emits a leading double underscore. */
const placeholder = (index: number): string => `__vendorMcpInitializer${index}__`;
const PLACEHOLDER = /__vendorMcpInitializer(\d+)__/g;

/** Top-level `const` initializers, each swapped for a placeholder identifier; returns what goes back. */
function withPlaceholders(structure: OptionalKind<SourceFileStructure>): { readonly structure: OptionalKind<SourceFileStructure>; readonly initializers: readonly string[] } {
  const initializers: string[] = [];
  const statements = ((structure.statements ?? []) as readonly Statement[]).map((statement) => {
    if (typeof statement !== 'object' || statement.kind !== StructureKind.VariableStatement) return statement;
    const declarations = (statement as OptionalKind<VariableStatementStructure>).declarations.map((declaration: OptionalKind<VariableDeclarationStructure>) => {
      if (typeof declaration.initializer !== 'string') return declaration;
      initializers.push(declaration.initializer);
      return { ...declaration, initializer: placeholder(initializers.length - 1) };
    });
    return { ...statement, declarations };
  });
  return { structure: { ...structure, statements: statements as SourceFileStructure['statements'] }, initializers };
}

/**
 * Prints one file from its complete structure in a single `printStructure` call. ts-morph writes
 * the file's frame (header, imports, declarations); every top-level initializer is already laid out
 * by code-layout.ts, two spaces a level from column 0, and goes in unchanged. The writer never sees
 * it: it would indent it a second time (a hanging indent), and it walks every character of what
 * it writes, which for a large spec's data is most of the cost of printing.
 */
export function createSourcePrinter(): SourcePrinter {
  return ({ path, structure }) => {
    const prepared = withPlaceholders(structure);
    const frame = printStructure({ ...prepared.structure, kind: StructureKind.SourceFile }, PRINT_OPTIONS);
    const found = [...frame.matchAll(PLACEHOLDER)].map((match) => Number(match[1]));
    // Fail closed: a placeholder that is not exactly once where its initializer goes is a generator bug.
    if (found.length !== prepared.initializers.length || found.some((index, at) => index !== at)) throw new Error(`${path}: initializer placeholders printed as ${JSON.stringify(found)}`);
    // One pass over the frame only, so an initializer's own text is never scanned for placeholders.
    const text = frame.replace(PLACEHOLDER, (_, index: string) => prepared.initializers[Number(index)]!);
    return text.endsWith('\n') ? text : `${text}\n`;
  };
}

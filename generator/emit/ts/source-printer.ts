import { printStructure, StructureKind, type OptionalKind, type SourceFileStructure, type StatementStructures, type VariableDeclarationStructure, type VariableStatementStructure } from 'ts-morph';

export type SourcePrinter = (input: { readonly path: string; readonly structure: OptionalKind<SourceFileStructure> }) => string;

type Statement = string | OptionalKind<StatementStructures> | ((...args: never[]) => unknown);

const PRINT_OPTIONS = { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true } as const;
/** ts-morph writes a multi-line initializer with a hanging indent of one level (top-level statements only). */
const HANGING_INDENT = '  ';
/** Below this size the writer's cost does not matter; above it, a spec's data dominates printing. */
const SPLICE_MIN_LENGTH = 512;

const OUTSIDE_STRINGS_FORBIDDEN = /[`'/\\*\r]/;

/**
 * ts-morph's writer indents a line unless it believes a string is open at the line break, and it
 * tracks strings by looking one character back for a backslash. For text made of JSON-style
 * double-quoted strings, with no quote, slash, star, backtick or backslash outside them, no raw
 * line break inside them, and no string ending in an escaped backslash (the one case the writer
 * misreads), its belief is exact and no string is open at any line break: every non-empty line
 * after the first gets the hanging indent. Anything else is printed by the writer itself.
 */
function writerSeesOnlyData(text: string): boolean {
  if (text.includes('\r')) return false;
  let nextNewline = text.indexOf('\n');
  let at = 0;
  for (;;) {
    const open = text.indexOf('"', at);
    if (OUTSIDE_STRINGS_FORBIDDEN.test(open < 0 ? text.slice(at) : text.slice(at, open))) return false;
    if (open < 0) return true;
    let close = open;
    let backslashes = 0;
    do {
      close = text.indexOf('"', close + 1);
      if (close < 0) return false;
      backslashes = 0;
      while (text.charCodeAt(close - 1 - backslashes) === 0x5c) backslashes += 1;
    } while (backslashes % 2 === 1);
    if (backslashes > 0) return false;
    while (nextNewline >= 0 && nextNewline < open) nextNewline = text.indexOf('\n', nextNewline + 1);
    if (nextNewline >= 0 && nextNewline < close) return false;
    at = close + 1;
  }
}

function hangingIndent(initializer: string): string {
  return initializer.replace(/\n(?=[^\n])/g, `\n${HANGING_INDENT}`);
}

/** Replaces large data initializers of top-level `const`s by unique placeholders; returns what to splice back. */
function withPlaceholders(structure: OptionalKind<SourceFileStructure>): { readonly structure: OptionalKind<SourceFileStructure>; readonly splices: ReadonlyMap<string, string> } {
  const splices = new Map<string, string>();
  const statements = ((structure.statements ?? []) as readonly Statement[]).map((statement) => {
    if (typeof statement !== 'object' || statement.kind !== StructureKind.VariableStatement) return statement;
    const declarations = (statement as OptionalKind<VariableStatementStructure>).declarations.map((declaration: OptionalKind<VariableDeclarationStructure>) => {
      const { initializer } = declaration;
      if (typeof initializer !== 'string' || initializer.length < SPLICE_MIN_LENGTH || !writerSeesOnlyData(initializer)) return declaration;
      const placeholder = `__vendorMcpSplice${splices.size}x${initializer.length}__`;
      splices.set(placeholder, initializer);
      return { ...declaration, initializer: placeholder };
    });
    return { ...statement, declarations };
  });
  return { structure: { ...structure, statements: statements as SourceFileStructure['statements'] }, splices };
}

function occurrences(text: string, token: string): number {
  let count = 0;
  for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length)) count += 1;
  return count;
}

function printWhole(structure: OptionalKind<SourceFileStructure>): string {
  return printStructure({ ...structure, kind: StructureKind.SourceFile }, PRINT_OPTIONS);
}

/**
 * Prints one file from its complete structure in a single `printStructure` call.
 *
 * Two costs used to dominate emitting a large spec (GitHub REST: 1,221 files, 17 MB), both
 * proportional to the size of the JSON data in each initializer (scripts/bench/results.md has the
 * profile): creating each file in a ts-morph project parsed it into a TypeScript AST only to read the
 * text back, and ts-morph's writer walks every character of an initializer (string/comment state,
 * a TypeScript scan to place commas). So the data is printed as a short placeholder and spliced in
 * afterwards with the indent the writer would have given it. When that cannot be proven (see
 * `writerSeesOnlyData`) or a placeholder is not unique in the printed text, the file is printed whole.
 */
export function createSourcePrinter(): SourcePrinter {
  return ({ structure }) => {
    const prepared = withPlaceholders(structure);
    let text = prepared.splices.size === 0 ? printWhole(structure) : printWhole(prepared.structure);
    if (prepared.splices.size > 0) {
      const unique = [...prepared.splices.keys()].every((placeholder) => occurrences(text, placeholder) === 1);
      text = unique ? [...prepared.splices].reduce((out, [placeholder, initializer]) => out.replace(placeholder, () => hangingIndent(initializer)), text) : printWhole(structure);
    }
    return text.endsWith('\n') ? text : `${text}\n`;
  };
}

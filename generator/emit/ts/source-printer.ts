import {
  printStructure,
  StructureKind,
  type ImportDeclarationStructure,
  type OptionalKind,
  type SourceFileStructure,
  type StatementStructures,
  type VariableDeclarationStructure,
  type VariableStatementStructure,
} from './ts-morph.ts';

export type SourcePrinter = (input: { readonly path: string; readonly structure: OptionalKind<SourceFileStructure> }) => string;

type Statement = string | OptionalKind<StatementStructures> | ((...args: never[]) => unknown);

const PRINT_OPTIONS = { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true } as const;

/** Identifiers no generated name can take: naming.ts never emits a leading double underscore. */
const placeholder = (input: { readonly kind: Kind; readonly index: number }): string => `__vendorMcp${input.kind}${input.index}__`;
const PLACEHOLDER = /__vendorMcp(Initializer|Name|Imports)(\d+)__/g;

type Kind = 'Initializer' | 'Name' | 'Imports';
type Prepared = { readonly structure: OptionalKind<SourceFileStructure>; readonly initializers: readonly string[]; readonly names: readonly string[]; readonly imports: readonly string[]; readonly order: readonly string[] };

/**
 * An import's list of plain names (no aliases), which ts-morph prints as the names joined by `, `
 * on one line whatever its length: swapped for one placeholder name, so tool modules that import
 * other shared schema pieces still share a frame (Microsoft Graph: 3,476 distinct lists in 11,320 tool modules).
 */
function plainNames(statement: OptionalKind<ImportDeclarationStructure>): readonly string[] | undefined {
  const names = statement.namedImports;
  return Array.isArray(names) && names.length > 0 && names.every((name) => typeof name === 'string' && /^[A-Za-z_$][\w$]*$/.test(name)) ? (names as readonly string[]) : undefined;
}

/** Top-level `const` names and initializers, and plain import lists, each swapped for a placeholder identifier; returns what goes back. */
function withPlaceholders(structure: OptionalKind<SourceFileStructure>): Prepared {
  const initializers: string[] = [];
  const names: string[] = [];
  const imports: string[] = [];
  /** The placeholders in the order the frame prints them. */
  const order: string[] = [];
  const statements = ((structure.statements ?? []) as readonly Statement[]).map((statement) => {
    if (typeof statement !== 'object') return statement;
    if (statement.kind === StructureKind.ImportDeclaration) {
      const list = plainNames(statement as OptionalKind<ImportDeclarationStructure>);
      if (list === undefined) return statement;
      imports.push(list.join(', '));
      order.push(`Imports${imports.length - 1}`);
      return { ...statement, namedImports: [placeholder({ kind: 'Imports', index: imports.length - 1 })] };
    }
    if (statement.kind !== StructureKind.VariableStatement) return statement;
    const declarations = (statement as OptionalKind<VariableStatementStructure>).declarations.map((declaration: OptionalKind<VariableDeclarationStructure>) => {
      if (typeof declaration.initializer !== 'string') return declaration;
      initializers.push(declaration.initializer);
      names.push(declaration.name);
      order.push(`Name${names.length - 1}`, `Initializer${initializers.length - 1}`);
      return { ...declaration, name: placeholder({ kind: 'Name', index: names.length - 1 }), initializer: placeholder({ kind: 'Initializer', index: initializers.length - 1 }) };
    });
    return { ...statement, declarations };
  });
  return { structure: { ...structure, statements: statements as SourceFileStructure['statements'] }, initializers, names, imports, order };
}

/** Whether a writer function is anywhere in the structure (a walk: a replacer would make JSON.stringify call back at every key). */
function holdsWriter(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (holdsWriter(item)) return true;
  return false;
}

/** The structure as a cache key, or undefined when it holds a writer function (JSON would drop it, so two could look alike). */
function frameKey(structure: OptionalKind<SourceFileStructure>): string | undefined {
  return holdsWriter(structure) ? undefined : JSON.stringify(structure);
}

/** Fail closed: a placeholder that is not exactly once where its name or initializer goes is a generator bug. */
function checkFrame(input: { readonly path: string; readonly frame: string; readonly prepared: Prepared }): void {
  const found = [...input.frame.matchAll(PLACEHOLDER)].map((match) => `${match[1]}${match[2]}`);
  const want = input.prepared.order;
  if (found.length !== want.length || found.some((entry, at) => entry !== want[at])) throw new Error(`${input.path}: initializer placeholders printed as ${JSON.stringify(found)}`);
}

/**
 * Prints one file from its complete structure in a single `printStructure` call. ts-morph writes
 * the file's frame (header, imports, declarations); every top-level initializer is already laid out
 * by code-layout.ts, two spaces a level from column 0, and goes in unchanged. The writer never sees
 * it: it would indent it a second time (a hanging indent), and it walks every character of what
 * it writes, which for a large spec's data is most of the cost of printing.
 *
 * With names, initializers and plain import lists swapped out, a package's tool modules come down
 * to a few frames (one per set of imported modules: 2 on GitHub REST, Stripe and Microsoft Graph),
 * so each frame is printed once per printer and reused: ts-morph's printing is ~0.1–0.2 ms a frame
 * (with the import lists in the frame, GitHub had 444 and Graph 3,476, ~0.6 s).
 */
export function createSourcePrinter(): SourcePrinter {
  const frames = new Map<string, string>();
  return ({ path, structure }) => {
    const prepared = withPlaceholders(structure);
    const key = frameKey(prepared.structure);
    let frame = key === undefined ? undefined : frames.get(key);
    if (frame === undefined) {
      frame = printStructure({ ...prepared.structure, kind: StructureKind.SourceFile }, PRINT_OPTIONS);
      checkFrame({ path, frame, prepared });
      if (key !== undefined) frames.set(key, frame);
    }
    // One pass over the frame only, so an initializer's own text is never scanned for placeholders.
    const text = frame.replace(PLACEHOLDER, (_, kind: Kind, index: string) => (kind === 'Name' ? prepared.names : kind === 'Imports' ? prepared.imports : prepared.initializers)[Number(index)]!);
    return text.endsWith('\n') ? text : `${text}\n`;
  };
}

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
import type { FrameStore } from './frame-store.ts';

export type SourcePrinter = (input: { readonly path: string; readonly structure: OptionalKind<SourceFileStructure> }) => string;

type Statement = string | OptionalKind<StatementStructures> | ((...args: never[]) => unknown);

const PRINT_OPTIONS = { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true } as const;

/** Identifiers no generated name can take: naming.ts never emits a leading double underscore. */
const placeholder = (input: { readonly kind: Kind; readonly index: number }): string => `__vendorMcp${input.kind}${input.index}__`;
const PLACEHOLDER = /__vendorMcp(Initializer|Name|Imports|Lines)(\d+)__/g;
/** Splits a text at its placeholders, keeping each one (one capture group: what is between comes apart). */
const PLACEHOLDER_SPLIT = /(__vendorMcp(?:Initializer|Name|Imports|Lines)\d+__)/;

type Kind = 'Initializer' | 'Name' | 'Imports' | 'Lines';
/** A run of three or more top-level `const` statements of one shape: ts-morph prints its first two, the rest repeat the second (`index` of its placeholders; `more`: those of the statements left out). */
type Run = { readonly first: number; readonly index: number; readonly more: readonly number[] };
type Prepared = {
  readonly structure: OptionalKind<SourceFileStructure>;
  readonly initializers: readonly string[];
  readonly names: readonly string[];
  readonly imports: readonly string[];
  readonly lines: readonly string[];
  readonly order: readonly string[];
  readonly runs: readonly Run[];
};

/**
 * An import's list of plain names (no aliases), which ts-morph prints as the names joined by `, `
 * on one line whatever its length: swapped for one placeholder name, so tool modules that import
 * other shared schema pieces still share a frame (Microsoft Graph: 3,476 distinct lists in 11,320 tool modules).
 */
function plainNames(statement: OptionalKind<ImportDeclarationStructure>): readonly string[] | undefined {
  const names = statement.namedImports;
  return Array.isArray(names) && names.length > 0 && names.every((name) => typeof name === 'string' && /^[A-Za-z_$][\w$]*$/.test(name)) ? (names as readonly string[]) : undefined;
}

/** An import statement with its plain name list swapped for a placeholder, or as it is. */
function importWithPlaceholder(input: { readonly statement: OptionalKind<ImportDeclarationStructure>; readonly imports: string[]; readonly order: string[] }): OptionalKind<ImportDeclarationStructure> {
  const list = plainNames(input.statement);
  if (list === undefined) return input.statement;
  input.imports.push(list.join(', '));
  input.order.push(`Imports${input.imports.length - 1}`);
  return { ...input.statement, namedImports: [placeholder({ kind: 'Imports', index: input.imports.length - 1 })] };
}

/**
 * A statement given as text that is only lines of `import { name } from './file';` (tools/index.ts
 * lists every tool so): ts-morph writes such text as it is, each line's quotes closed on it, and it
 * ends in no `}` (after one ts-morph would put a blank line), so one placeholder name stands for it
 * and a package's tool list does not make its own frame.
 */
const IMPORT_LINE = String.raw`import \{ [A-Za-z_$][\w$]* \} from '\./[A-Za-z0-9_.-]+';`;
const IMPORT_LINES = new RegExp(`^${IMPORT_LINE}(?:\n${IMPORT_LINE})*$`);

/**
 * A statement of one `const` with a laid-out initializer, as text without its name and initializer;
 * statements of equal shape print alike. Undefined for any other statement, or one with a writer
 * function (JSON would drop it, so two could look alike).
 */
function constShape(statement: OptionalKind<VariableStatementStructure>): string | undefined {
  const declarations = statement.declarations;
  if (declarations.length !== 1 || typeof declarations[0]!.initializer !== 'string' || holdsWriter(statement)) return undefined;
  return JSON.stringify({ ...statement, declarations: [{ ...declarations[0], name: '', initializer: '' }] });
}

/** A `const` statement with each laid-out initializer and its name swapped for placeholders. */
function constsWithPlaceholders(input: { readonly statement: OptionalKind<VariableStatementStructure>; readonly initializers: string[]; readonly names: string[]; readonly order: string[] }): OptionalKind<VariableStatementStructure> {
  const { initializers, names, order } = input;
  const declarations = input.statement.declarations.map((declaration: OptionalKind<VariableDeclarationStructure>) => {
    if (typeof declaration.initializer !== 'string') return declaration;
    initializers.push(declaration.initializer);
    names.push(declaration.name);
    order.push(`Name${names.length - 1}`, `Initializer${initializers.length - 1}`);
    return { ...declaration, name: placeholder({ kind: 'Name', index: names.length - 1 }), initializer: placeholder({ kind: 'Initializer', index: initializers.length - 1 }) };
  });
  return { ...input.statement, declarations };
}

/**
 * Top-level `const` names and initializers, and plain import lists, each swapped for a placeholder
 * identifier; returns what goes back. Of a run of `const` statements of one shape (a package's
 * shared schema pieces: 394 on GitHub REST) only the first two go to ts-morph, which prints ~0.1 ms
 * a statement cold: the rest repeat the second as printed after the first.
 */
function withPlaceholders(structure: OptionalKind<SourceFileStructure>): Prepared {
  const initializers: string[] = [];
  const names: string[] = [];
  const imports: string[] = [];
  const lines: string[] = [];
  /** The placeholders in the order the frame prints them. */
  const order: string[] = [];
  const runs: { first: number; index: number; more: number[] }[] = [];
  const statements: Statement[] = [];
  let shapeBefore: string | undefined;
  let runLength = 0;
  const source = (structure.statements ?? []) as readonly Statement[];
  for (let at = 0; at < source.length; at++) {
    const statement = source[at]!;
    const shape = typeof statement === 'object' && statement.kind === StructureKind.VariableStatement ? constShape(statement as OptionalKind<VariableStatementStructure>) : undefined;
    runLength = shape !== undefined && shape === shapeBefore ? runLength + 1 : 1;
    shapeBefore = shape;
    if (typeof statement === 'string' && IMPORT_LINES.test(statement)) {
      lines.push(statement);
      order.push(`Lines${lines.length - 1}`);
      statements.push(placeholder({ kind: 'Lines', index: lines.length - 1 }));
    } else if (typeof statement !== 'object') statements.push(statement);
    else if (statement.kind === StructureKind.ImportDeclaration) statements.push(importWithPlaceholder({ statement: statement as OptionalKind<ImportDeclarationStructure>, imports, order }));
    else if (statement.kind !== StructureKind.VariableStatement) statements.push(statement);
    else {
      const printed = constsWithPlaceholders({ statement: statement as OptionalKind<VariableStatementStructure>, initializers, names, order });
      const index = initializers.length - 1;
      if (runLength === 2) runs.push({ first: index - 1, index, more: [] });
      if (runLength > 2) runs[runs.length - 1]!.more.push(index);
      else statements.push(printed);
    }
  }
  return { structure: { ...structure, statements: statements as SourceFileStructure['statements'] }, initializers, names, imports, lines, order, runs };
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

/** Where `text` ends in the frame, or -1 when it is not there. */
function endOf(input: { readonly frame: string; readonly text: string }): number {
  const at = input.frame.indexOf(input.text);
  return at === -1 ? -1 : at + input.text.length;
}

/**
 * The frame with each run's left-out statements put back: the text from the end of the run's first
 * initializer to the end of its second (separator, second statement) again for each, with the
 * second's placeholders renumbered. Fail closed: that text must hold exactly the second's two.
 */
function withRuns(input: { readonly path: string; readonly frame: string; readonly runs: readonly Run[] }): string {
  let { frame } = input;
  for (let at = input.runs.length - 1; at >= 0; at--) {
    const run = input.runs[at]!;
    const firstEnd = endOf({ frame, text: placeholder({ kind: 'Initializer', index: run.first }) });
    const secondEnd = endOf({ frame, text: placeholder({ kind: 'Initializer', index: run.index }) });
    const step = firstEnd === -1 || secondEnd === -1 ? '' : frame.slice(firstEnd, secondEnd);
    const held = [...step.matchAll(PLACEHOLDER)].map((match) => `${match[1]}${match[2]}`);
    if (held.length !== 2 || held[0] !== `Name${run.index}` || held[1] !== `Initializer${run.index}`) throw new Error(`${input.path}: a run of like statements printed as ${JSON.stringify(held)}`);
    // [text before the name, name, text between, initializer, '']
    const [before, , between] = step.split(PLACEHOLDER_SPLIT) as [string, string, string];
    const repeated: string[] = [];
    for (let more = 0; more < run.more.length; more++) {
      const index = run.more[more]!;
      repeated.push(before, placeholder({ kind: 'Name', index }), between, placeholder({ kind: 'Initializer', index }));
    }
    frame = `${frame.slice(0, secondEnd)}${repeated.join('')}${frame.slice(secondEnd)}`;
  }
  return frame;
}

/** Fail closed: a placeholder that is not exactly once where its name or initializer goes is a generator bug. */
function checkFrame(input: { readonly path: string; readonly frame: string; readonly prepared: Prepared }): void {
  const found = [...input.frame.matchAll(PLACEHOLDER)].map((match) => `${match[1]}${match[2]}`);
  const want = input.prepared.order;
  if (found.length !== want.length || found.some((entry, at) => entry !== want[at])) throw new Error(`${input.path}: initializer placeholders printed as ${JSON.stringify(found)}`);
}

/**
 * Leading trivia that ts-morph writes out as it is, leaving its writer as it found it but for the
 * text behind it: `//` comment lines (anything after `//` is inert to its writer up to the end of the
 * line), after a `#!/usr/bin/env node` line at most, each ending in a newline. What follows it then
 * prints the same as at the start of a file when it is nothing, or begins with an import or export
 * declaration or with text; not after a last non-blank `}` (ts-morph puts a blank line there), nor
 * before a function or a `const` (their printers put one after any text).
 * Such trivia is written in front of the frame instead of into it: `T` + print(S) equals
 * print(S with leading trivia `T`) (test/generator/source-printer-frames.test.ts, over every frame
 * of the three vendors and random files), and the header, which names the spec and the output
 * folder, stays out of the frame. Otherwise the trivia goes to ts-morph, as before.
 */
function plainTrivia(structure: OptionalKind<SourceFileStructure>): string | undefined {
  const { leadingTrivia: trivia, statements } = structure;
  const first: unknown = Array.isArray(statements) ? statements[0] : statements;
  const startsPlainly = first === undefined || typeof first === 'string' || (typeof first === 'object' && first !== null && 'kind' in first && (first.kind === StructureKind.ImportDeclaration || first.kind === StructureKind.ExportDeclaration));
  return startsPlainly && typeof trivia === 'string' && /^(?:#!\/usr\/bin\/env node\n)?(?:\/\/[^\n\r]*\n)+$/.test(trivia) && !/\}\s*$/.test(trivia) ? trivia : undefined;
}

/** The structure with plain leading trivia taken out, and that trivia ('' when there is none to take). */
function splitTrivia(structure: OptionalKind<SourceFileStructure>): { readonly trivia: string; readonly rest: OptionalKind<SourceFileStructure> } {
  const trivia = plainTrivia(structure);
  if (trivia === undefined) return { trivia: '', rest: structure };
  const { leadingTrivia: _taken, ...rest } = structure;
  return { trivia, rest };
}

/**
 * Prints one file from its complete structure in a single `printStructure` call. ts-morph writes
 * the file's frame (imports, declarations); every top-level initializer is already laid out
 * by code-layout.ts, two spaces a level from column 0, and goes in unchanged. The writer never sees
 * it: it would indent it a second time (a hanging indent), and it walks every character of what
 * it writes, which for a large spec's data is most of the cost of printing.
 *
 * With names, initializers, plain import lists and the header swapped out, a package's tool modules
 * come down to a few frames (one per set of imported modules: 2 on GitHub REST, Stripe and
 * Microsoft Graph), so each frame is printed once per printer and reused: ts-morph's printing is
 * ~0.1–0.2 ms a frame (with the import lists in the frame, GitHub had 444 and Graph 3,476, ~0.6 s).
 * With a `store` (frame-store.ts), frames printed by earlier runs are reused too, and a run that
 * finds them all there never evaluates ts-morph; each one read from it is checked as a printed one is.
 */
export function createSourcePrinter(input: { readonly store?: FrameStore } = {}): SourcePrinter {
  const frames = new Map<string, string>();
  const { store } = input;
  return ({ path, structure }) => {
    const { trivia, rest } = splitTrivia(structure);
    const prepared = withPlaceholders(rest);
    const key = frameKey(prepared.structure);
    const known = key === undefined ? undefined : frames.get(key);
    const stored = known !== undefined || key === undefined ? undefined : store?.get(key);
    const printed = known ?? stored ?? printStructure({ ...prepared.structure, kind: StructureKind.SourceFile }, PRINT_OPTIONS);
    const frame = prepared.runs.length > 0 ? withRuns({ path, frame: printed, runs: prepared.runs }) : printed;
    if (known === undefined || prepared.runs.length > 0) checkFrame({ path, frame, prepared });
    if (known === undefined && key !== undefined) {
      frames.set(key, printed);
      if (stored === undefined) store?.set({ key, frame: printed });
    }
    const values: Record<Kind, readonly string[]> = { Name: prepared.names, Imports: prepared.imports, Lines: prepared.lines, Initializer: prepared.initializers };
    // One pass over the frame only, so an initializer's own text is never scanned for placeholders.
    const text = trivia + frame.replace(PLACEHOLDER, (_, kind: Kind, index: string) => values[kind][Number(index)]!);
    return text.endsWith('\n') ? text : `${text}\n`;
  };
}

/**
 * The frame of every emitted TypeScript file: a header, imports, exports, exported `const`s and one
 * kind of exported function. Every initializer is already laid out by code-layout.ts (two spaces a
 * level from column 0) and goes in unchanged.
 *
 * Why not ts-morph's `printStructure`, which printed these frames before: it is the only part of
 * ts-morph generation used, and loading ts-morph loads the TypeScript compiler inside it (13 of the
 * generator bundle's 18 MB): about a third of a small spec's cold generation was spent loading it
 * (scripts/bench/results.md). The layout below is the one ts-morph printed (single quotes, two
 * spaces, a blank line around a function), byte for byte; test/generator/source-printer.test.ts
 * holds it.
 */
export type Statement =
  | { readonly kind: 'import'; readonly from: string; readonly names?: readonly string[]; readonly namespace?: string; readonly typeOnly?: boolean }
  | { readonly kind: 'export'; readonly from: string; readonly names: readonly string[]; readonly typeOnly?: boolean }
  /** `export const name: type = initializer;` */
  | { readonly kind: 'const'; readonly name: string; readonly type: string; readonly initializer: string }
  /** `export function name(): returnType { body }`, one line of body a statement. */
  | { readonly kind: 'function'; readonly name: string; readonly returnType: string; readonly body: readonly string[] }
  /** One line of code, as is. */
  | { readonly kind: 'code'; readonly text: string };

/** `header` ends where the first statement starts (its own line breaks included). */
export type SourceFile = { readonly header: string; readonly statements: readonly Statement[] };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** What goes between single quotes without escaping: generated specifiers are paths and package names. */
const SPECIFIER = /^[\w@./:-]+$/;

/** Fail closed: a name or specifier this printer would have to escape is a generator bug, not text to print. */
function checked(input: { readonly path: string; readonly text: string; readonly pattern: RegExp; readonly what: string }): string {
  if (!input.pattern.test(input.text)) throw new Error(`${input.path}: ${input.what} ${JSON.stringify(input.text)} cannot be printed as is`);
  return input.text;
}

function names(input: { readonly path: string; readonly names: readonly string[] }): string {
  if (input.names.length === 0) throw new Error(`${input.path}: an import or export names nothing`);
  return `{ ${input.names.map((name) => checked({ path: input.path, text: name, pattern: IDENTIFIER, what: 'name' })).join(', ')} }`;
}

function oneLine(input: { readonly path: string; readonly text: string; readonly what: string }): string {
  if (input.text.includes('\n') || input.text.trim() === '') throw new Error(`${input.path}: ${input.what} ${JSON.stringify(input.text)} is not one line`);
  return input.text;
}

function printStatement(input: { readonly path: string; readonly statement: Statement }): string {
  const { path, statement } = input;
  const type = (typeOnly: boolean | undefined) => (typeOnly ? ' type' : '');
  switch (statement.kind) {
    case 'import': {
      const from = checked({ path, text: statement.from, pattern: SPECIFIER, what: 'module specifier' });
      if ((statement.namespace === undefined) === (statement.names === undefined)) throw new Error(`${path}: an import of ${from} needs either names or a namespace`);
      const bound = statement.namespace !== undefined ? `* as ${checked({ path, text: statement.namespace, pattern: IDENTIFIER, what: 'namespace' })}` : names({ path, names: statement.names ?? [] });
      return `import${type(statement.typeOnly)} ${bound} from '${from}';`;
    }
    case 'export':
      return `export${type(statement.typeOnly)} ${names({ path, names: statement.names })} from '${checked({ path, text: statement.from, pattern: SPECIFIER, what: 'module specifier' })}';`;
    case 'const':
      return `export const ${checked({ path, text: statement.name, pattern: IDENTIFIER, what: 'name' })}: ${oneLine({ path, text: statement.type, what: 'type' })} = ${statement.initializer};`;
    case 'function': {
      const body = statement.body.map((line) => `  ${oneLine({ path, text: line, what: 'statement' })}\n`).join('');
      return `export function ${checked({ path, text: statement.name, pattern: IDENTIFIER, what: 'name' })}(): ${oneLine({ path, text: statement.returnType, what: 'type' })} {\n${body}}`;
    }
    case 'code':
      return oneLine({ path, text: statement.text, what: 'statement' });
  }
}

/** One file's text: statements a line each, a function set apart by blank lines; one final newline. */
export function printSource(input: { readonly path: string; readonly file: SourceFile }): string {
  if (input.file.header !== '' && !input.file.header.endsWith('\n')) throw new Error(`${input.path}: the header does not end its line`);
  let text = input.file.header;
  let previous: Statement['kind'] | undefined;
  for (const statement of input.file.statements) {
    if (previous !== undefined) text += statement.kind === 'function' || previous === 'function' ? '\n\n' : '\n';
    else if (statement.kind === 'function' && text !== '' && !text.endsWith('\n\n')) text += '\n';
    text += printStatement({ path: input.path, statement });
    previous = statement.kind;
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}

import { printStructure, StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { printSource, type SourceFile } from '../../generator/emit/ts/source-printer.ts';

/** ts-morph printed these frames before (with the same options): our printer must match it byte for byte. */
function tsMorphText(structure: OptionalKind<SourceFileStructure>): string {
  const text = printStructure({ ...structure, kind: StructureKind.SourceFile }, { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true });
  return text.endsWith('\n') ? text : `${text}\n`;
}

const HEADER = '#!/usr/bin/env node\n// header\n';

const ours: SourceFile = {
  header: HEADER,
  statements: [
    { kind: 'import', from: 'zod', namespace: 'z' },
    { kind: 'import', from: '../runtime/memoized.ts', names: ['memoized', 'other'] },
    { kind: 'import', from: '../runtime/tool-definition.ts', names: ['ToolDefinition'], typeOnly: true },
    { kind: 'const', name: 'value', type: "VariantFamily['variants']", initializer: '[]' },
    { kind: 'code', text: "startServer({ bundle: 'x' });" },
    { kind: 'function', name: 'start', returnType: 'void', body: ['const a = 1;', 'if (a !== 1) process.exitCode = a;'] },
    { kind: 'export', from: './tools/index.ts', names: ['tools'] },
    { kind: 'export', from: './runtime/tool-scope.ts', names: ['ToolScope'], typeOnly: true },
  ],
};

const theirFunction = { kind: StructureKind.Function, isExported: true, name: 'start', returnType: 'void', statements: ['const a = 1;', 'if (a !== 1) process.exitCode = a;'] } as const;

const theirs: OptionalKind<SourceFileStructure> = {
  leadingTrivia: HEADER,
  statements: [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: 'zod', namespaceImport: 'z' },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/memoized.ts', namedImports: ['memoized', 'other'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/tool-definition.ts', namedImports: ['ToolDefinition'], isTypeOnly: true },
    { kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, declarations: [{ name: 'value', type: "VariantFamily['variants']", initializer: '[]' }] },
    "startServer({ bundle: 'x' });",
    { ...theirFunction, statements: [...theirFunction.statements] },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: './tools/index.ts', namedExports: ['tools'] },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: './runtime/tool-scope.ts', namedExports: ['ToolScope'], isTypeOnly: true },
  ],
};

describe('source printer', () => {
  it('prints every kind of statement exactly as ts-morph printed it', () => {
    expect(printSource({ path: 'a.ts', file: ours })).toBe(tsMorphText(theirs));
  });

  it('prints a function that opens the file apart from the header, as ts-morph did', () => {
    const function_ = ours.statements.find((statement) => statement.kind === 'function')!;
    const structure: OptionalKind<SourceFileStructure> = { leadingTrivia: HEADER, statements: [{ ...theirFunction, statements: [...theirFunction.statements] }] };
    expect(printSource({ path: 'a.ts', file: { header: HEADER, statements: [function_] } })).toBe(tsMorphText(structure));
  });

  it('puts each laid-out initializer in unchanged: no second, hanging indent', () => {
    const text = printSource({ path: 'a.ts', file: { header: '// header\n', statements: [{ kind: 'const', name: 'value0', type: 'X', initializer: '{\n  a: 1,\n}' }, { kind: 'const', name: 'value1', type: 'X', initializer: '[\n  "b",\n]' }] } });
    expect(text).toBe('// header\nexport const value0: X = {\n  a: 1,\n};\nexport const value1: X = [\n  "b",\n];\n');
  });

  it('refuses a specifier or a name it would have to escape, and a statement over two lines', () => {
    const file = (statement: SourceFile['statements'][number]): SourceFile => ({ header: '', statements: [statement] });
    expect(() => printSource({ path: 'a.ts', file: file({ kind: 'import', from: "./it's.ts", names: ['x'] }) })).toThrow(/a\.ts: module specifier/);
    expect(() => printSource({ path: 'a.ts', file: file({ kind: 'export', from: './x.ts', names: ['a-b'] }) })).toThrow(/a\.ts: name "a-b"/);
    expect(() => printSource({ path: 'a.ts', file: file({ kind: 'import', from: './x.ts', names: [] }) })).toThrow(/names nothing/);
    expect(() => printSource({ path: 'a.ts', file: file({ kind: 'import', from: './x.ts', names: ['x'], namespace: 'y' }) })).toThrow(/either names or a namespace/);
    expect(() => printSource({ path: 'a.ts', file: file({ kind: 'code', text: 'a();\nb();' }) })).toThrow(/is not one line/);
    expect(() => printSource({ path: 'a.ts', file: { header: '// no newline', statements: [] } })).toThrow(/header does not end its line/);
  });
});

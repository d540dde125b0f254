import { StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { createSourcePrinter } from '../../generator/emit/ts/source-printer.ts';

const print = createSourcePrinter();

function file(input: { readonly header: string; readonly initializers: readonly string[] }): OptionalKind<SourceFileStructure> {
  return {
    leadingTrivia: `${input.header}\n`,
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './x.ts', namedImports: ['X'], isTypeOnly: true },
      ...input.initializers.map((initializer, index) => ({
        kind: StructureKind.VariableStatement as const,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: `value${index}`, type: 'X', initializer }],
      })),
    ],
  };
}

describe('source printer', () => {
  it('puts each laid-out initializer in unchanged: no second, hanging indent', () => {
    const text = print({ path: 'a.ts', structure: file({ header: '// header', initializers: ['{\n  a: 1,\n}', '[\n  "b",\n]'] }) });
    expect(text).toBe("// header\nimport type { X } from './x.ts';\nexport const value0: X = {\n  a: 1,\n};\nexport const value1: X = [\n  \"b\",\n];\n");
  });

  it('leaves placeholder-looking document text alone', () => {
    const text = print({ path: 'a.ts', structure: file({ header: '// header', initializers: ['{\n  a: "__vendorMcpInitializer1__",\n}', '2'] }) });
    expect(text).toContain('a: "__vendorMcpInitializer1__",');
    expect(text).toContain('export const value1: X = 2;');
  });

  it('refuses to print when a placeholder shows up outside its place', () => {
    expect(() => print({ path: 'a.ts', structure: file({ header: '// __vendorMcpInitializer0__', initializers: ['1'] }) })).toThrow(/a\.ts: initializer placeholders/);
  });
});

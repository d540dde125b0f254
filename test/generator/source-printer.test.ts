import { printStructure, StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure } from 'ts-morph';
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
    expect(() => print({ path: 'a.ts', structure: file({ header: '/* __vendorMcpInitializer0__ */', initializers: ['1'] }) })).toThrow(/a\.ts: initializer placeholders/);
  });

  it('writes a header of `//` lines in front of the frame as it is: placeholder-looking text in it is never replaced', () => {
    expect(print({ path: 'a.ts', structure: file({ header: '// __vendorMcpInitializer0__ __vendorMcpName0__', initializers: ['1'] }) })).toBe(
      "// __vendorMcpInitializer0__ __vendorMcpName0__\nimport type { X } from './x.ts';\nexport const value0: X = 1;\n",
    );
  });

  it('files of one frame (a package\'s tool modules) each keep their own names and initializers: none, one, many', () => {
    const printer = createSourcePrinter();
    const named = (names: readonly string[]) => ({
      leadingTrivia: '// header\n',
      statements: names.map((name, index) => ({ kind: StructureKind.VariableStatement as const, isExported: true, declarationKind: VariableDeclarationKind.Const, declarations: [{ name, type: 'X', initializer: `${index + 1}` }] })),
    });
    const printed = [[], ['alpha'], ['beta'], ['gamma', 'delta', 'epsilon'], ['zeta', 'eta', 'theta']].map((names) => printer({ path: 'a.ts', structure: named(names) }));
    expect(printed).toStrictEqual([
      '// header\n',
      '// header\nexport const alpha: X = 1;\n',
      '// header\nexport const beta: X = 1;\n',
      '// header\nexport const gamma: X = 1;\nexport const delta: X = 2;\nexport const epsilon: X = 3;\n',
      '// header\nexport const zeta: X = 1;\nexport const eta: X = 2;\nexport const theta: X = 3;\n',
    ]);
  });

  it('a frame differs by header, by imports and by writer functions, which are never taken for one another', () => {
    const printer = createSourcePrinter();
    const withWriter = (text: string): OptionalKind<SourceFileStructure> => ({ statements: [(writer: { write: (t: string) => void }) => writer.write(text)] as never });
    expect(printer({ path: 'a.ts', structure: file({ header: '// one', initializers: ['1'] }) })).toBe("// one\nimport type { X } from './x.ts';\nexport const value0: X = 1;\n");
    expect(printer({ path: 'a.ts', structure: file({ header: '// two', initializers: ['1'] }) })).toBe("// two\nimport type { X } from './x.ts';\nexport const value0: X = 1;\n");
    expect(printer({ path: 'a.ts', structure: { ...file({ header: '// one', initializers: ['1'] }), statements: [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: './y.ts', namedImports: ['Y'] }] } })).toBe("// one\nimport { Y } from './y.ts';\n");
    expect([printer({ path: 'a.ts', structure: withWriter('const a = 1;') }), printer({ path: 'a.ts', structure: withWriter('const b = 2;') })]).toStrictEqual(['const a = 1;\n', 'const b = 2;\n']);
  });

  it('refuses a header that holds a name placeholder too, on a reused frame as on a new one', () => {
    const printer = createSourcePrinter();
    expect(() => printer({ path: 'b.ts', structure: file({ header: '/* __vendorMcpName0__ */', initializers: ['1'] }) })).toThrow(/b\.ts: initializer placeholders/);
    expect(() => printer({ path: 'b.ts', structure: file({ header: '/* __vendorMcpName0__ */', initializers: ['1'] }) })).toThrow(/b\.ts: initializer placeholders/);
  });
});


describe('source printer: import lists swapped out of the frame', () => {
  const withImports = (lists: readonly (readonly string[])[]): OptionalKind<SourceFileStructure> => ({
    leadingTrivia: '// header\n',
    statements: [
      ...lists.map((namedImports, index) => ({ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: `./m${index}.ts`, namedImports: [...namedImports] })),
      { kind: StructureKind.VariableStatement as const, isExported: true, declarationKind: VariableDeclarationKind.Const, declarations: [{ name: 'value', type: 'X', initializer: '1' }] },
    ],
  });
  const direct = (structure: OptionalKind<SourceFileStructure>) => printStructure({ ...structure, kind: StructureKind.SourceFile }, { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true });
  const long = Array.from({ length: 200 }, (_, index) => `schema_${index.toString(16).padStart(12, '0')}`);

  it('prints what ts-morph prints for lists of one, two and many names, one after another from one frame', () => {
    const printer = createSourcePrinter();
    for (const lists of [[['a']], [['b', 'c']], [long], [['a'], long], [long, ['z']]]) {
      const structure = withImports(lists);
      expect(printer({ path: 'a.ts', structure })).toBe(direct(structure));
    }
  });

  it('keeps each file its own list when lists differ only in one name, or in order', () => {
    const printer = createSourcePrinter();
    const texts = [['a', 'b'], ['a', 'c'], ['b', 'a']].map((list) => printer({ path: 'a.ts', structure: withImports([list]) }));
    expect(texts.map((text) => text.split('\n')[1])).toStrictEqual(["import { a, b } from './m0.ts';", "import { a, c } from './m0.ts';", "import { b, a } from './m0.ts';"]);
  });

  it('leaves an empty list, an aliased name or a default import to ts-morph', () => {
    const printer = createSourcePrinter();
    const aliased: OptionalKind<SourceFileStructure> = { statements: [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: './m.ts', namedImports: [{ name: 'a', alias: 'b' }], defaultImport: 'D' }] };
    const empty: OptionalKind<SourceFileStructure> = { statements: [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: './m.ts', namedImports: [] }] };
    for (const structure of [aliased, empty]) {
      const want = direct(structure);
      expect(printer({ path: 'a.ts', structure })).toBe(want.endsWith('\n') ? want : `${want}\n`);
    }
  });

  it('refuses a header that holds an import placeholder', () => {
    expect(() => createSourcePrinter()({ path: 'c.ts', structure: { ...withImports([['a']]), leadingTrivia: '/* __vendorMcpImports0__ */\n' } })).toThrow(/c\.ts: initializer placeholders/);
  });
});

describe('source printer: writer functions anywhere in a structure', () => {
  it('a writer nested in a declaration keeps its file off the frame cache, so two such files never share a frame', () => {
    const printer = createSourcePrinter();
    const nested = (text: string): OptionalKind<SourceFileStructure> => ({
      statements: [{ kind: StructureKind.VariableStatement, declarationKind: VariableDeclarationKind.Const, declarations: [{ name: 'a', type: (writer: { write: (t: string) => void }) => writer.write(text) }] }] as never,
    });
    expect([printer({ path: 'a.ts', structure: nested('One') }), printer({ path: 'a.ts', structure: nested('Two') })]).toStrictEqual(['const a: One;\n', 'const a: Two;\n']);
  });
});

describe('source printer: runs of like const statements', () => {
  const direct = (structure: OptionalKind<SourceFileStructure>) => printStructure({ ...structure, kind: StructureKind.SourceFile }, { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true });
  type Const = { readonly name: string; readonly type?: string; readonly trailingTrivia?: string };
  const consts = (list: readonly Const[]): OptionalKind<SourceFileStructure> => ({
    leadingTrivia: '// header\n',
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './x.ts', namedImports: ['X'], isTypeOnly: true },
      ...list.map((item, index) => ({
        kind: StructureKind.VariableStatement as const,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        ...(item.trailingTrivia !== undefined ? { trailingTrivia: item.trailingTrivia } : {}),
        declarations: [{ name: item.name, type: item.type ?? 'X', initializer: `${index + 1}` }],
      })),
    ],
  });
  const named = (count: number, type?: string): Const[] => Array.from({ length: count }, (_, index) => ({ name: `piece${index}`, ...(type !== undefined ? { type } : {}) }));

  it('prints what ts-morph prints for runs of 0, 1, 2, 3 and 50 statements, and runs broken by another shape', () => {
    const printer = createSourcePrinter();
    const lists: Const[][] = [
      [],
      named(1),
      named(2),
      named(3),
      named(50),
      [...named(3), { name: 'list', type: 'readonly unknown[]' }, ...named(4).map((item) => ({ ...item, name: `${item.name}b` }))],
      [...named(2), { name: 'commented', trailingTrivia: ' // note' }, ...named(3).map((item) => ({ ...item, name: `${item.name}c`, trailingTrivia: ' // note' }))],
    ];
    for (const list of lists) {
      const structure = consts(list);
      const want = direct(structure);
      expect(printer({ path: 'a.ts', structure }), `${list.length} statements`).toBe(want.endsWith('\n') ? want : `${want}\n`);
    }
  });

  it('keeps every statement of a long run its own name and initializer, in order', () => {
    const text = createSourcePrinter()({ path: 'a.ts', structure: consts(named(5)) });
    expect(text.split('\n').slice(2, 7)).toStrictEqual(['export const piece0: X = 1;', 'export const piece1: X = 2;', 'export const piece2: X = 3;', 'export const piece3: X = 4;', 'export const piece4: X = 5;']);
  });

  it('refuses a run whose statements print a placeholder of their own', () => {
    const list = named(3).map((item) => ({ ...item, trailingTrivia: ' // __vendorMcpName0__' }));
    expect(() => createSourcePrinter()({ path: 'd.ts', structure: consts(list) })).toThrow(/d\.ts: a run of like statements printed as/);
  });
});

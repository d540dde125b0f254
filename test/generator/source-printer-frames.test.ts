import fc from 'fast-check';
import { printStructure, StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure, type StatementStructures } from 'ts-morph';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { FrameStore } from '../../generator/emit/ts/frame-store.ts';
import { createSourcePrinter, type SourcePrinter } from '../../generator/emit/ts/source-printer.ts';
import { parseDocumentText } from '../../generator/load/parse-document.ts';
import { readAssets } from '../../generator/load/read-assets.ts';
import { listVendorDocs } from '../../generator/load/read-inputs.ts';
import { generatePackage } from '../../generator/pipeline.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { inlineVendorDoc } from '../support/generate-in-memory.ts';

/** What the generator printed before frames left the header out: the whole structure through ts-morph. */
function direct(structure: OptionalKind<SourceFileStructure>): string {
  const text = printStructure({ ...structure, kind: StructureKind.SourceFile }, { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true });
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** A vendor doc with every x-mcp key taken out: a plain spec, as the corpus and the bench's public specs are. */
function withoutXMcp(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutXMcp);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('x-mcp')).map(([key, item]) => [key, withoutXMcp(item)]));
}

function generateWith(input: { readonly text: string; readonly regenerate: string; readonly print: SourcePrinter; readonly plainSlug?: string }): void {
  const parsed = parseDocumentText({ file: 'spec.yaml', text: input.text });
  if ('diagnostics' in parsed) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  generatePackage({ document: parsed.document, assets: readAssets(REPO_ROOT), regenerate: input.regenerate, print: input.print, ...(input.plainSlug ? { plain: { slug: input.plainSlug } } : {}) });
}

/** A store in memory, as frame-store.ts keeps one on disk. */
function memoryStore(): FrameStore & { readonly frames: Map<string, string> } {
  const frames = new Map<string, string>();
  return { frames, get: (key) => frames.get(key), set: ({ key, frame }) => void frames.set(key, frame), save: () => undefined };
}

describe('frames without the header (source-printer.ts): ts-morph prints the header in front of the same frame', () => {
  const vendors = listVendorDocs(path.join(REPO_ROOT, 'vendor-docs')).map((doc) => doc.vendor);
  const print = (structure: OptionalKind<SourceFileStructure>) => printStructure({ ...structure, kind: StructureKind.SourceFile }, { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true });

  it.each(vendors)('every frame of %s, curated and as a plain spec, under every header it is printed with', (vendor) => {
    const store = memoryStore();
    const headers = new Set<string>();
    const printer = createSourcePrinter({ store });
    const recording: SourcePrinter = (input) => {
      if (typeof input.structure.leadingTrivia === 'string') headers.add(input.structure.leadingTrivia);
      return printer(input);
    };
    generateWith({ text: inlineVendorDoc(vendor), regenerate: `npm run generate -- ${vendor}`, print: recording });
    generateWith({ text: stringify(withoutXMcp(parse(inlineVendorDoc(vendor))), { lineWidth: 0 }), regenerate: `npm run generate -- --spec x.yaml --vendor ${vendor} --out out/${vendor}`, print: recording, plainSlug: vendor });
    expect({ frames: store.frames.size > 5, headers: headers.size >= 3 }).toStrictEqual({ frames: true, headers: true });
    const differing = [...store.frames.keys()].flatMap((key) => {
      const frame = JSON.parse(key) as OptionalKind<SourceFileStructure>;
      return [...headers].filter((header) => print({ ...frame, leadingTrivia: header }) !== `${header}${print(frame)}`).map((header) => [header, key]);
    });
    expect(differing).toStrictEqual([]);
  }, 60_000);

  it('a header whose last character is } goes to ts-morph whole (after it ts-morph puts a blank line)', () => {
    const statement = { kind: StructureKind.ImportDeclaration as const, moduleSpecifier: './x.ts', namedImports: ['X'] };
    expect(createSourcePrinter()({ path: 'a.ts', structure: { leadingTrivia: '// a}\n', statements: [statement] } })).toBe("// a}\n\nimport { X } from './x.ts';\n");
  });

  it('any `//` header (and shebang) in front of any mix of statements prints as ts-morph prints the whole file', () => {
    const commentLine = fc.string({ unit: fc.constantFrom('a', ' ', '}', '{', "'", '"', '`', '/', '*', '\\', '$', '#', '!', '\t', 'é'), maxLength: 12 }).map((text) => `//${text}`);
    const trivia = fc.tuple(fc.boolean(), fc.array(commentLine, { minLength: 1, maxLength: 3 })).map(([shebang, lines]) => `${shebang ? '#!/usr/bin/env node\n' : ''}${lines.join('\n')}\n`);
    const name = fc.constantFrom('a', 'b', 'Value');
    const statement = fc.oneof(
      name.map((n) => ({ kind: StructureKind.ImportDeclaration, moduleSpecifier: `./${n}.ts`, namedImports: [n] })),
      name.map((n) => ({ kind: StructureKind.ImportDeclaration, moduleSpecifier: `./${n}.ts`, namedImports: [n], isTypeOnly: true })),
      name.map((n) => ({ kind: StructureKind.ExportDeclaration, moduleSpecifier: `./${n}.ts`, namedExports: [n] })),
      fc.tuple(name, fc.constantFrom('1', '{ a: 1 }', "'}'")).map(([n, initializer]) => ({ kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, declarations: [{ name: n, initializer }] })),
      name.map((n) => ({ kind: StructureKind.Function, isExported: true, name: n, statements: ['return 1;'] })),
      fc.constantFrom("import { a } from './a.ts';\nimport { b } from './b.ts';", 'const x = { a: 1 };', 'if (x) {\n  y();\n}', '\nconst y = 2;'),
    ) as fc.Arbitrary<string | OptionalKind<StatementStructures>>;
    fc.assert(
      fc.property(trivia, fc.array(statement, { maxLength: 4 }), (leadingTrivia, statements) => {
        const structure = { leadingTrivia, statements } as OptionalKind<SourceFileStructure>;
        expect(createSourcePrinter()({ path: 'a.ts', structure })).toBe(direct(structure));
      }),
      { numRuns: 500 },
    );
  });
});

describe('tools/index.ts import lines are swapped out of the frame', () => {
  const index = (names: readonly string[]): OptionalKind<SourceFileStructure> => ({
    leadingTrivia: '// header\n',
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './t.ts', namedImports: ['T'], isTypeOnly: true },
      names.map((name) => `import { ${name} } from './${name}.ts';`).join('\n'),
      { kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, declarations: [{ name: 'tools', initializer: `[${names.join(', ')}]` }] },
    ],
  });

  it('so packages with other tools share one frame: one line, two, many', () => {
    const store = memoryStore();
    const printer = createSourcePrinter({ store });
    for (const names of [['a'], ['b', 'c'], ['d', 'e', 'f', 'g']]) expect(printer({ path: 'index.ts', structure: index(names) })).toBe(direct(index(names)));
    expect(store.frames.size).toBe(1);
  });

  it('while text that is not only such lines stays in the frame', () => {
    const store = memoryStore();
    const printer = createSourcePrinter({ store });
    const other = (text: string): OptionalKind<SourceFileStructure> => ({ statements: [text] });
    for (const text of ["import { a } from './a.ts';\nconst b = 1;", "import { a } from '../a.ts';", "import { a, b } from './a.ts';", 'import { a } from "./a.ts";']) expect(printer({ path: 'x.ts', structure: other(text) })).toBe(direct(other(text)));
    expect(store.frames.size).toBe(4);
  });
});

describe('frames from a store (frame-store.ts)', () => {
  const structure: OptionalKind<SourceFileStructure> = {
    leadingTrivia: '// header\n',
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './x.ts', namedImports: ['X'], isTypeOnly: true },
      { kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, declarations: [{ name: 'value', type: 'X', initializer: '1' }] },
    ],
  };

  it('are used as they are: ts-morph prints no frame the store holds', () => {
    const store = memoryStore();
    createSourcePrinter({ store })({ path: 'a.ts', structure });
    const [key] = [...store.frames.keys()];
    store.frames.set(key!, `// from the store\n${store.frames.get(key!)!}`);
    expect(createSourcePrinter({ store })({ path: 'a.ts', structure })).toBe("// header\n// from the store\nimport type { X } from './x.ts';\nexport const value: X = 1;\n");
  });

  it('are refused when their placeholders are not the ones the file needs', () => {
    const store = memoryStore();
    createSourcePrinter({ store })({ path: 'a.ts', structure });
    const [key] = [...store.frames.keys()];
    store.frames.set(key!, 'export const value = 1;\n');
    expect(() => createSourcePrinter({ store })({ path: 'a.ts', structure })).toThrow(/a\.ts: initializer placeholders printed as \[\]/);
  });
});

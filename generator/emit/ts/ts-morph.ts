import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TsMorph from 'ts-morph';

/**
 * The one module that reaches ts-morph; emit's modules import from here. ts-morph is evaluated on
 * the first `printStructure` call, not when the generator loads: a generation whose file frames all
 * come from `.cache/frames/` (frame-store.ts) never evaluates it. On a cold Twilio Events run that
 * was ~25 ms of CPU (its top level, ~700 KB of the 1.2 MB bundle compiled from the code cache, the
 * garbage collection its objects caused: docs/testing.md, "Cold generation's start-up").
 *
 * The structures are built with two of its enums, so their members in use are copied here as
 * values; test/generator/ts-morph-import.test.ts holds them equal to ts-morph's own.
 */
export const StructureKind = {
  ExportDeclaration: 11 as TsMorph.StructureKind.ExportDeclaration,
  Function: 13 as TsMorph.StructureKind.Function,
  ImportDeclaration: 16 as TsMorph.StructureKind.ImportDeclaration,
  SourceFile: 36 as TsMorph.StructureKind.SourceFile,
  VariableStatement: 41 as TsMorph.StructureKind.VariableStatement,
} as const;

export const VariableDeclarationKind = { Const: 'const' as TsMorph.VariableDeclarationKind.Const } as const;

// import.meta.dirname is generator/emit/ts/ under tsx and vitest: there this module is an ES module, without `require`.
const requireHere = typeof require === 'function' ? undefined : createRequire(path.join(import.meta.dirname, 'ts-morph.cjs'));
let loaded: typeof TsMorph | undefined;

/** ts-morph itself. In the generator bundle `require` is the bundle's: esbuild bundles the call, so this is ts-morph as bundled (scripts/generate.cjs). */
function tsMorph(): typeof TsMorph {
  loaded ??= requireHere === undefined ? (require('ts-morph') as typeof TsMorph) : (requireHere('ts-morph') as typeof TsMorph);
  return loaded;
}

export const printStructure: typeof TsMorph.printStructure = (structure, options) => tsMorph().printStructure(structure, options);

export type {
  ImportDeclarationStructure,
  OptionalKind,
  SourceFileStructure,
  StatementStructures,
  VariableDeclarationStructure,
  VariableStatementStructure,
} from 'ts-morph';

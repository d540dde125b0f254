/**
 * The one module that imports ts-morph's values; emit's modules import them from here. The CLI
 * bundle (scripts/generate.cjs) wraps ts-morph's 538 exports in a new namespace object of getters
 * for every module that imports it (esbuild's __toESM): seven importers spent ~2.4 ms of CPU and
 * ~1 MB of peak RSS on a cold Twilio Events generation, one spends a seventh of that.
 * test/generator/ts-morph-import.test.ts keeps it the only one.
 */
export { printStructure, StructureKind, VariableDeclarationKind } from 'ts-morph';
export type {
  ImportDeclarationStructure,
  OptionalKind,
  SourceFileStructure,
  StatementStructures,
  VariableDeclarationStructure,
  VariableStatementStructure,
} from 'ts-morph';

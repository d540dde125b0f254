import path from 'node:path';
import { Node, Project, SyntaxKind } from 'ts-morph';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

/** Repository-relative file → the repository files it imports (static, dynamic and re-exports; type-only included). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const relative = (file: string): string => path.relative(REPO_ROOT, file).split(path.sep).join('/');

/** Specifiers of every import, `export … from` and `import()` with a literal argument in one file. */
function specifiers(file: import('ts-morph').SourceFile): string[] {
  const found = [
    ...file.getImportDeclarations().map((d) => d.getModuleSpecifierValue()),
    ...file.getExportDeclarations().flatMap((d) => d.getModuleSpecifierValue() ?? []),
  ];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const [argument] = call.getArguments();
    if (call.getExpression().getKind() === SyntaxKind.ImportKeyword && argument !== undefined && Node.isStringLiteral(argument)) found.push(argument.getLiteralValue());
  }
  return found;
}

/**
 * Parses every `.ts` file under the given repository folders with ts-morph (syntax only, nothing
 * resolved through node_modules) and records each relative import that lands in the repository.
 */
export function importGraph(folders: readonly string[]): ImportGraph {
  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: { allowJs: false } });
  for (const folder of folders) project.addSourceFilesAtPaths(path.join(REPO_ROOT, folder, '**/*.ts'));
  const graph = new Map<string, string[]>();
  for (const file of project.getSourceFiles()) {
    const from = file.getFilePath();
    const targets = specifiers(file)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => relative(path.resolve(path.dirname(from), specifier)));
    graph.set(relative(from), [...new Set(targets)].sort());
  }
  return graph;
}

/** Every import circle, each as the files on it (Tarjan's strongly connected components of size > 1, or a self-import). */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

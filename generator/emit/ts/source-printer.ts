import { IndentationText, NewLineKind, Project, QuoteKind, type OptionalKind, type SourceFileStructure } from 'ts-morph';

export type SourcePrinter = (input: { readonly path: string; readonly structure: OptionalKind<SourceFileStructure> }) => string;

/**
 * One in-memory ts-morph project for a whole run. Each file is created from a complete structure
 * in a single call and then dropped, so cost stays linear in the number of files.
 */
export function createSourcePrinter(): SourcePrinter {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, newLineKind: NewLineKind.LineFeed, quoteKind: QuoteKind.Single, useTrailingCommas: true },
  });
  return ({ path, structure }) => {
    const file = project.createSourceFile(`/${path}`, structure, { overwrite: true });
    const text = file.getFullText();
    project.removeSourceFile(file);
    return text.endsWith('\n') ? text : `${text}\n`;
  };
}

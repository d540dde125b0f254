/** A parsed input document: plain JSON data plus a way back to source positions for diagnostics. */
export type SourcePosition = { readonly line: number; readonly column: number };

export type LoadedDocument = {
  /** Path as shown to users and written into provenance headers (relative, forward slashes). */
  readonly file: string;
  /** sha256 of the parsed content, canonical (see contentSha256): not of the text. */
  readonly sha256: string;
  readonly data: unknown;
  /** Position of the node at a JSON pointer; computed lazily because it is only needed for diagnostics. */
  readonly locate: (pointer: string) => SourcePosition | undefined;
};

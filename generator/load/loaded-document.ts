/**
 * `file` and `pointer` are set only when the value came from another file than the document (an
 * overlay supplied it): diagnostics then point there instead.
 */
export type SourcePosition = { readonly line: number; readonly column: number; readonly file?: string; readonly pointer?: string };

/** A parsed input document: plain JSON data plus a way back to source positions for diagnostics. */
export type LoadedDocument = {
  /** Path as shown to users and written into provenance headers (relative, forward slashes). */
  readonly file: string;
  /** sha256 of the parsed content, canonical (see contentSha256): not of the text. */
  readonly sha256: string;
  readonly data: unknown;
  /** Position of the node at a JSON pointer; computed lazily because it is only needed for diagnostics. */
  readonly locate: (pointer: string) => SourcePosition | undefined;
  /** Every input file and its content hash, when there is more than one (a spec plus overlays). */
  readonly sources?: Readonly<Record<string, string>>;
};

import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { LoadedDocument, SourcePosition } from '../loaded-document.ts';
import { contentSha256 } from '../parse-document.ts';
import { applyOverlay, type OverlayState } from './apply-overlay.ts';
import { readOverlay } from './overlay-document.ts';
import { Origins } from './origins.ts';

export type OverlaidResult = { readonly document: LoadedDocument } | { readonly diagnostics: readonly Diagnostic[] };

/**
 * The spec with every overlay applied in the order given. The result reads like any loaded
 * document: `file` is still the spec (provenance names it), `locate` answers with the overlay's
 * file, pointer and position for every value an overlay supplied, and `sources` hashes each input
 * so tools.json records what the package was made from.
 */
export function overlaidDocument(input: { readonly spec: LoadedDocument; readonly overlays: readonly LoadedDocument[] }): OverlaidResult {
  const { spec } = input;
  if (input.overlays.length === 0) return { document: spec };
  const read = input.overlays.map(readOverlay);
  const invalid = read.flatMap((item) => ('diagnostics' in item ? item.diagnostics : []));
  if (invalid.length > 0) return { diagnostics: invalid };
  const state: OverlayState = {
    root: structuredClone(spec.data) as Record<string, unknown>,
    origins: new Origins({ file: spec.file, pointer: '', locate: spec.locate }),
    diagnostics: [],
  };
  for (const overlay of read) if (!('diagnostics' in overlay)) applyOverlay(state, { overlay, specFile: spec.file });
  if (state.diagnostics.length > 0) return { diagnostics: state.diagnostics };
  const locate = (pointer: string): SourcePosition | undefined => {
    const origin = state.origins.resolve(pointer);
    const position = origin.locate(origin.pointer);
    if (position === undefined || (origin.file === spec.file && origin.pointer === pointer)) return position;
    return { ...position, file: origin.file, pointer: origin.pointer };
  };
  const sources = Object.fromEntries([spec, ...input.overlays].map((doc) => [doc.file, `sha256:${doc.sha256}`]));
  return { document: { file: spec.file, sha256: contentSha256(state.root), data: state.root, locate, sources } };
}

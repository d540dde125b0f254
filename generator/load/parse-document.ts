import { createDiagnostic, locatedAt, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { canonicalDigest, canonicalSha256 } from '../shared/canonical-sha256.ts';
import type { LoadedDocument, SourcePosition } from './loaded-document.ts';
import { jsonLocator } from './json-positions.ts';
import { nonFinitePointers } from './non-finite.ts';
import { yamlCoreDiagnostics } from './yaml-core.ts';
import { parseYamlText, yamlLocator } from './yaml-positions.ts';

export type ParseResult = { readonly document: LoadedDocument } | { readonly diagnostics: readonly Diagnostic[] };

const MAX_ALIASES = 1000;

function offsetToPosition(text: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Parsed data → the loaded document, or a diagnostic at each number that is not finite (see
 * nonFinitePointers). The content hash's walk says whether to look, so a clean spec pays nothing.
 */
function loaded(input: { readonly file: string; readonly data: unknown; readonly locate: LoadedDocument['locate'] }): ParseResult {
  const { file, data, locate } = input;
  const digest = canonicalDigest(data);
  const found = digest.mayHoldNonFinite ? nonFinitePointers(data) : [];
  if (found.length === 0) return { document: { file, sha256: digest.sha256, data, locate } };
  return {
    diagnostics: found.map(({ pointer, value }) =>
      createDiagnostic({
        code: 'VMCP_NUMBER_NOT_FINITE',
        message: `The number here reads as ${String(value)} (YAML .inf or .nan, or a JSON number beyond about 1.8e308): JSON and JSON Schema take finite numbers only`,
        location: locatedAt({ file, pointer, locate }),
      }),
    ),
  };
}

/** JSON is parsed natively for speed; positions are found in the text only if a diagnostic needs one. */
function parseJson(input: { readonly file: string; readonly text: string }): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(input.text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = /position (\d+)/.exec(message)?.[1];
    const position = offset === undefined ? {} : offsetToPosition(input.text, Number(offset));
    return {
      diagnostics: [
        createDiagnostic({ code: 'VMCP_SYNTAX', message: `Invalid JSON: ${message}`, location: { file: input.file, pointer: '', ...position } }),
      ],
    };
  }
  return loaded({ file: input.file, data, locate: jsonLocator(input.text) });
}

function parseYaml(input: { readonly file: string; readonly text: string }): ParseResult {
  const parsed = parseYamlText(input.text);
  const errors = parsed.document.errors;
  if (errors.length > 0) {
    return {
      diagnostics: errors.map((error) => {
        const position = parsed.lineCounter.linePos(error.pos[0]);
        return createDiagnostic({
          code: 'VMCP_SYNTAX',
          message: `Invalid YAML: ${error.message.split('\n')[0]}`,
          location: { file: input.file, pointer: '', line: position.line, column: position.col },
        });
      }),
    };
  }
  const refused = yamlCoreDiagnostics({ file: input.file, text: input.text, ...parsed });
  if (refused.length > 0) return { diagnostics: refused };
  let data: unknown;
  try {
    data = parsed.document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { diagnostics: [createDiagnostic({ code: 'VMCP_SYNTAX', message: `Invalid YAML: ${message}`, location: { file: input.file, pointer: '' } })] };
  }
  return loaded({ file: input.file, data, locate: yamlLocator(parsed) });
}

/**
 * sha256 of the parsed content as canonical JSON (keys sorted): comments, whitespace, key order,
 * quoting and YAML-vs-JSON spelling do not move it, so a comment-only edit leaves every recorded
 * hash, and so the whole package, as it was.
 */
export function contentSha256(data: unknown): string {
  return canonicalSha256(data);
}

/** Pure: text in, document or diagnostics out. */
export function parseDocumentText(input: { readonly file: string; readonly text: string }): ParseResult {
  const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  const looksJson = input.file.endsWith('.json') || /^\s*[{[]/.test(text);
  return looksJson ? parseJson({ file: input.file, text }) : parseYaml({ file: input.file, text });
}

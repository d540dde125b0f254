import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { canonicalSha256 } from '../shared/canonical-sha256.ts';
import type { LoadedDocument, SourcePosition } from './loaded-document.ts';
import { jsonLocator } from './json-positions.ts';
import { parseYamlText, yamlLocator } from './yaml-positions.ts';

export type ParseResult = { readonly document: LoadedDocument } | { readonly diagnostics: readonly Diagnostic[] };

const MAX_ALIASES = 1000;

function offsetToPosition(text: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** JSON is parsed natively for speed; positions are found in the text only if a diagnostic needs one. */
function parseJson(input: { readonly file: string; readonly text: string }): ParseResult {
  try {
    const data: unknown = JSON.parse(input.text);
    return { document: { file: input.file, sha256: contentSha256(data), data, locate: jsonLocator(input.text) } };
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
  try {
    const data: unknown = parsed.document.toJS({ maxAliasCount: MAX_ALIASES });
    return { document: { file: input.file, sha256: contentSha256(data), data, locate: yamlLocator(parsed) } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { diagnostics: [createDiagnostic({ code: 'VMCP_SYNTAX', message: `Invalid YAML: ${message}`, location: { file: input.file, pointer: '' } })] };
  }
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

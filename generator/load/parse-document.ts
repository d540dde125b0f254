import { createDiagnostic, locatedAt, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { canonicalSha256, streamedDigest } from '../shared/canonical-sha256.ts';
import type { LoadedDocument, SourcePosition } from './loaded-document.ts';
import { jsonLocator } from './json-positions.ts';
import { MAX_NESTING, pointerPastDepth } from './nesting-depth.ts';
import { nonFinitePointers } from './non-finite.ts';
import { yamlCoreDiagnostics } from './yaml-core.ts';
import { parseYamlText, yamlLocator } from './yaml-positions.ts';

export type ParseResult = { readonly document: LoadedDocument } | { readonly diagnostics: readonly Diagnostic[] };

const MAX_ALIASES = 1000;
/** V8's RangeError text, which the YAML parser passes on as a parse error. */
const STACK_OVERFLOW = 'Maximum call stack size exceeded';

function offsetToPosition(text: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Where JSON.parse stopped: the offset it names, else the end of the text, which is where
 * "Unexpected end of JSON input" (a truncated file) stopped. Other messages without an offset
 * (Node 20's "Unexpected token …") get none rather than a wrong one.
 */
function jsonErrorPosition(input: { readonly text: string; readonly message: string }): SourcePosition | undefined {
  const offset = /position (\d+)/.exec(input.message)?.[1];
  if (offset !== undefined) return offsetToPosition(input.text, Number(offset));
  return /end of JSON input/.test(input.message) ? offsetToPosition(input.text, input.text.length) : undefined;
}

/** JSON is parsed natively for speed; positions are found in the text only if a diagnostic needs one. */
function parseJson(input: { readonly file: string; readonly text: string }): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(input.text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { diagnostics: [createDiagnostic({ code: 'VMCP_SYNTAX', message: `Invalid JSON: ${message}`, location: { file: input.file, pointer: '', ...jsonErrorPosition({ text: input.text, message }) } })] };
  }
  return loaded({ file: input.file, data, locate: jsonLocator(input.text) });
}

type Located = { readonly file: string; readonly data: unknown; readonly locate: LoadedDocument['locate'] };

/** A diagnostic at each number that is not finite (see nonFinitePointers). */
function nonFiniteDiagnostics(input: Located): Diagnostic[] {
  return nonFinitePointers(input.data).map(({ pointer, value }) =>
    createDiagnostic({
      code: 'VMCP_NUMBER_NOT_FINITE',
      message: `The number here reads as ${String(value)} (YAML .inf or .nan, or a JSON number beyond about 1.8e308): JSON and JSON Schema take finite numbers only`,
      location: locatedAt({ file: input.file, pointer, locate: input.locate }),
    }),
  );
}

/**
 * Parsed data → the loaded document, or the refusal of one nested past MAX_NESTING or holding a
 * number that is not finite. The streamed content hash says whether to look: depth is measured only
 * when it gave up (it stops at 256 levels, or at data that is not plain JSON), before the library's
 * recursive fallback runs, and numbers are searched only when it met a non-finite one, so an
 * ordinary document pays nothing for either check.
 */
function loaded(input: Located): ParseResult {
  const streamed = streamedDigest(input.data);
  const deep = streamed === undefined ? pointerPastDepth({ data: input.data, limit: MAX_NESTING }) : undefined;
  if (deep !== undefined) {
    const message = `The document nests deeper than ${MAX_NESTING} levels here; the generator reads no deeper`;
    return { diagnostics: [createDiagnostic({ code: 'VMCP_NESTING_TOO_DEEP', message, location: locatedAt({ file: input.file, pointer: deep, locate: input.locate }) })] };
  }
  const found = streamed === undefined || streamed.mayHoldNonFinite ? nonFiniteDiagnostics(input) : [];
  if (found.length > 0) return { diagnostics: found };
  return { document: { file: input.file, sha256: streamed?.sha256 ?? contentSha256(input.data), data: input.data, locate: input.locate } };
}

function parseYaml(input: { readonly file: string; readonly text: string }): ParseResult {
  const parsed = parseYamlText(input.text);
  const errors = parsed.document.errors;
  if (errors.length > 0) {
    return {
      diagnostics: errors.map((error) => {
        const position = parsed.lineCounter.linePos(error.pos[0]);
        const location = { file: input.file, pointer: '', line: position.line, column: position.col };
        // The parser recurses per level and reports its own stack overflow as an error at that spot.
        if (error.message.includes(STACK_OVERFLOW)) return createDiagnostic({ code: 'VMCP_NESTING_TOO_DEEP', message: 'The YAML parser ran out of stack here: the document nests too deeply to be read', location });
        return createDiagnostic({ code: 'VMCP_SYNTAX', message: `Invalid YAML: ${error.message.split('\n')[0]}`, location });
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

/** An empty file has no syntax to fix: said as it is, at its only position. */
function emptyFile(file: string): ParseResult {
  const fix = 'Point the argument at the document itself: this file holds nothing but whitespace (an unfinished download or save?).';
  return { diagnostics: [createDiagnostic({ code: 'VMCP_SYNTAX', message: 'The file is empty: there is no document to read', fix, location: { file, pointer: '', line: 1, column: 1 } })] };
}

/** Pure: text in, document or diagnostics out. */
export function parseDocumentText(input: { readonly file: string; readonly text: string }): ParseResult {
  const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  if (text.trim() === '') return emptyFile(input.file);
  const looksJson = input.file.endsWith('.json') || /^\s*[{[]/.test(text);
  return looksJson ? parseJson({ file: input.file, text }) : parseYaml({ file: input.file, text });
}

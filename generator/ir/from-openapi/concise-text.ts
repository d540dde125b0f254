import { isRecord } from '../../shared/is-record.ts';
import type { JsonSchema, ToolIR } from '../types.ts';

/**
 * The description policy for plain specs (a foreign OpenAPI file without x-mcp, whose words are
 * written for people reading reference pages, not for a model paying for them on every turn).
 * Curated vendor docs keep their words as written; `--full-descriptions` keeps a plain spec's too.
 *
 * - Markdown a model does not need to read the text (bold, inline code, links, headings, HTML tags)
 *   becomes plain text.
 * - A sentence that only tells a person which HTTP request to send ("send a POST request to
 *   `/v2/cdn/endpoints`") goes: the tool sends it.
 * - A tool keeps its first paragraph, at most MAX_TOOL_SENTENCES sentences; a parameter its first
 *   sentence. What follows in reference docs is mostly response shapes, examples and caveats.
 */
export const MAX_TOOL_SENTENCES = 2;

const MARKDOWN: readonly [RegExp, string][] = [
  [/<\/?[a-zA-Z][^>]*>/g, ' '],
  [/!?\[([^\]]*)\]\([^)]*\)/g, '$1'],
  [/\*\*([^*]+)\*\*/g, '$1'],
  [/__([^_]+)__/g, '$1'],
  [/`([^`]*)`/g, '$1'],
  [/^#{1,6}\s+/gm, ''],
];

export function plainText(text: string): string {
  return MARKDOWN.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** Sentence ends: a stop, then space, then a capital or an opening quote; "e.g. x" stays one sentence. */
function sentencesOf(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z"'(])/)
    .filter((sentence) => sentence !== '');
}

const HTTP_REQUEST = /\b(?:GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS)\s+request\b/;

function isRequestRecipe(sentence: string): boolean {
  return HTTP_REQUEST.test(sentence) && /(^|\s)\/\S/.test(sentence);
}

export function conciseToolDescription(text: string): string {
  const paragraphs = text.split(/\n\s*\n/).map((paragraph) => sentencesOf(plainText(paragraph)).filter((sentence) => !isRequestRecipe(sentence)));
  const first = paragraphs.find((sentences) => sentences.length > 0);
  // Nothing but request recipes: keep the first sentence as it was rather than say nothing.
  if (first === undefined) return sentencesOf(plainText(text))[0] ?? text.trim();
  return first.slice(0, MAX_TOOL_SENTENCES).join(' ');
}

export function conciseParameterDescription(text: string): string {
  return sentencesOf(plainText(text))[0] ?? text.trim();
}

/**
 * What one batch of tools has already made concise. Converted `$ref` targets are one object
 * wherever they are used (BuildContext.schemaCache): `copies` keeps each concise copy by original
 * (the IR is never mutated), so it is made once and stays shared. Where a conversion was cut and
 * so not shared, the same words still recur: Microsoft Graph's 114,000 schema descriptions are a
 * few thousand texts, and `words` runs the regular expressions on each once.
 */
type Memo = { readonly copies: Map<object, unknown>; readonly words: Map<string, string> };

/** Every `description` inside a schema, through properties, items and unions; nothing else changes. */
function conciseSchema(input: { readonly schema: unknown; readonly memo: Memo }): unknown {
  const { schema, memo } = input;
  if (typeof schema !== 'object' || schema === null) return schema;
  const known = memo.copies.get(schema);
  if (known !== undefined) return known;
  const copy = conciseCopy({ schema, memo });
  memo.copies.set(schema, copy);
  return copy;
}

function conciseWords(input: { readonly text: string; readonly memo: Memo }): string {
  const known = input.memo.words.get(input.text);
  if (known !== undefined) return known;
  const words = conciseParameterDescription(input.text);
  input.memo.words.set(input.text, words);
  return words;
}

function conciseCopy(input: { readonly schema: object; readonly memo: Memo }): unknown {
  const { schema, memo } = input;
  const inner = (value: unknown) => conciseSchema({ schema: value, memo });
  if (Array.isArray(schema)) return schema.map(inner);
  if (!isRecord(schema)) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      if (key === 'description' && typeof value === 'string') return [key, conciseWords({ text: value, memo })];
      if (key === 'properties' && isRecord(value)) return [key, Object.fromEntries(Object.entries(value).map(([name, child]) => [name, inner(child)]))];
      if (key === 'items' || key === 'anyOf' || key === 'oneOf' || key === 'allOf' || key === 'additionalProperties') return [key, inner(value)];
      return [key, value];
    }),
  );
}

/** The listed words of tools under the policy; their arguments, bindings and validators are untouched. */
export function conciseTools(tools: readonly ToolIR[]): ToolIR[] {
  const memo: Memo = { copies: new Map(), words: new Map() };
  return tools.map((tool) => ({ ...tool, description: conciseToolDescription(tool.description), inputSchema: conciseSchema({ schema: tool.inputSchema, memo }) as JsonSchema }));
}

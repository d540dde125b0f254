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
 * Concise copies by original schema object. Converted `$ref` targets are one object wherever they
 * are used (BuildContext.schemaCache), so Microsoft Graph's entity types, inlined into thousands of
 * input schemas, are shortened once each (~0.6 s of regular expressions otherwise) and stay shared.
 * The IR is never mutated, so a copy stays right for as long as its original lives.
 */
const conciseCopies = new WeakMap<object, unknown>();

/** Every `description` inside a schema, through properties, items and unions; nothing else changes. */
function conciseSchema(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  const known = conciseCopies.get(schema);
  if (known !== undefined) return known;
  const copy = conciseCopy(schema);
  conciseCopies.set(schema, copy);
  return copy;
}

function conciseCopy(schema: object): unknown {
  if (Array.isArray(schema)) return schema.map(conciseSchema);
  if (!isRecord(schema)) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      if (key === 'description' && typeof value === 'string') return [key, conciseParameterDescription(value)];
      if (key === 'properties' && isRecord(value)) return [key, Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, conciseSchema(inner)]))];
      if (key === 'items' || key === 'anyOf' || key === 'oneOf' || key === 'allOf' || key === 'additionalProperties') return [key, conciseSchema(value)];
      return [key, value];
    }),
  );
}

/** The listed words of one tool under the policy; its arguments, bindings and validators are untouched. */
export function conciseTool(tool: ToolIR): ToolIR {
  return { ...tool, description: conciseToolDescription(tool.description), inputSchema: conciseSchema(tool.inputSchema) as JsonSchema };
}

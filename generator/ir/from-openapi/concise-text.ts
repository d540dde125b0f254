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
  // Paragraph by paragraph until one says something: the rest of a long reference text (examples,
  // response shapes) was cut into sentences only to be dropped.
  for (const paragraph of text.split(/\n\s*\n/)) {
    const sentences = sentencesOf(plainText(paragraph)).filter((sentence) => !isRequestRecipe(sentence));
    if (sentences.length > 0) return sentences.slice(0, MAX_TOOL_SENTENCES).join(' ');
  }
  // Nothing but request recipes: keep the first sentence as it was rather than say nothing.
  return sentencesOf(plainText(text))[0] ?? text.trim();
}

export function conciseParameterDescription(text: string): string {
  return sentencesOf(plainText(text))[0] ?? text.trim();
}

/**
 * Makes schemas concise for one batch of tools: every `description` inside a schema, through
 * properties, items and unions; nothing else changes. Each text is made concise once per batch:
 * Microsoft Graph's 114,000 schema descriptions are a few thousand texts (inlined entity types),
 * ~0.4 s of regular expressions saved. Keeping copies by schema object as well was tried and cost
 * more than it saved on GitHub REST and Stripe, whose schemas are mostly not shared objects.
 *
 * Copy on write: a schema, list or properties map in which no description changes is returned as
 * it is, not copied (the IR is never mutated, and output is JSON, so which object holds the data
 * does not show). Most nodes are leaves without a description, or hold one sentence already:
 * copying them all was ~20–28 ms of a cold Stripe or GitHub run and most of its garbage.
 */
class ConciseSchemas {
  readonly #words = new Map<string, string>();

  of(schema: unknown): unknown {
    if (Array.isArray(schema)) return this.#items(schema);
    return isRecord(schema) ? this.#entries(schema) : schema;
  }

  #items(list: readonly unknown[]): readonly unknown[] {
    let copy: unknown[] | undefined;
    for (let index = 0; index < list.length; index += 1) {
      const item = list[index];
      const concise = this.of(item);
      if (copy === undefined && concise !== item) copy = list.slice(0, index);
      if (copy !== undefined) copy.push(concise);
    }
    return copy ?? list;
  }

  /** `record` with `change` applied to each value; the same object when no value changes. Entries keep their order (and a `__proto__` key stays a key). */
  #mapped(input: { readonly record: Record<string, unknown>; readonly change: (key: string, value: unknown) => unknown }): Record<string, unknown> {
    const { record } = input;
    const keys = Object.keys(record);
    let entries: [string, unknown][] | undefined;
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index]!;
      const value = record[key];
      const changed = input.change(key, value);
      if (entries === undefined && changed !== value) entries = keys.slice(0, index).map((before) => [before, record[before]]);
      if (entries !== undefined) entries.push([key, changed]);
    }
    return entries === undefined ? record : Object.fromEntries(entries);
  }

  #entries(schema: Record<string, unknown>): Record<string, unknown> {
    return this.#mapped({ record: schema, change: (key, value) => this.#member(key, value) });
  }

  #member(key: string, value: unknown): unknown {
    if (key === 'description' && typeof value === 'string') return this.#text(value);
    if (key === 'properties' && isRecord(value)) return this.#mapped({ record: value, change: (_name, child) => this.of(child) });
    if (key === 'items' || key === 'anyOf' || key === 'oneOf' || key === 'allOf' || key === 'additionalProperties') return this.of(value);
    return value;
  }

  #text(text: string): string {
    let concise = this.#words.get(text);
    if (concise === undefined) this.#words.set(text, (concise = conciseParameterDescription(text)));
    return concise;
  }
}

/** The listed words of tools under the policy; their arguments, bindings and validators are untouched. */
export function conciseTools(tools: readonly ToolIR[]): ToolIR[] {
  const schemas = new ConciseSchemas();
  return tools.map((tool) => ({ ...tool, description: conciseToolDescription(tool.description), inputSchema: schemas.of(tool.inputSchema) as JsonSchema }));
}

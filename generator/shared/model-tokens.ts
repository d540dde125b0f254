import { countO200kTokens } from './o200k-count.ts';

/**
 * What a model pays for one tool definition, counted with a real BPE tokenizer (o200k_base, the
 * encoding of current OpenAI models; Anthropic's tokenizer is not published, and o200k_base is the
 * closest maintained stand-in on npm). Hosts hand the model a tool's name, title, description and
 * input schema; the output schema and annotations stay with the host, so they are not counted here
 * (they are in the wire size).
 *
 * The count is gpt-tokenizer's `countTokens`, exactly, from a binary copy of its ranks
 * (o200k-count.ts): loading gpt-tokenizer's own encoding costs ~60–110 ms of CPU and ~60 MB on every
 * generation, the copy a few ms and its 4 MB file.
 */
export const TOKEN_ENCODING = 'o200k_base';

export const TOKEN_COUNTING = `${TOKEN_ENCODING} tokens of the compact JSON of the tool's name, title, description and inputSchema (what hosts pass to the model)`;

/** The model-visible part of a tool; any tools/list entry (ours or a peer's) has these fields. */
export type ModelVisibleTool = {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly inputSchema?: unknown;
};

/** The text a tool's count is taken of: the compact JSON of its model-visible fields. */
export function modelVisibleText(tool: ModelVisibleTool): string {
  return JSON.stringify({ name: tool.name, title: tool.title, description: tool.description, inputSchema: tool.inputSchema });
}

export function modelVisibleTokens(tool: ModelVisibleTool): number {
  return countO200kTokens(modelVisibleText(tool));
}

/** Bytes of one tools/list entry as sent over the wire (compact UTF-8 JSON). */
export function wireBytes(tool: unknown): number {
  return Buffer.byteLength(JSON.stringify(tool), 'utf8');
}

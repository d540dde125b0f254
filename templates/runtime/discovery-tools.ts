import { tooDeepMessage, tooDeepPath } from './argument-depth.ts';
import { ownFieldsOnly, withPrototypes } from './own-fields.ts';
import { protoKeyPath } from './standard-schema.ts';
import type { CallToolResult, InputRequiredResult, McpServer, ServerContext, ToolAnnotations } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { ALWAYS_LOAD } from './host-hints.ts';
import { prettyCappedError } from './issue-cap.ts';
import { withSameFieldsResolved } from './same-fields.ts';
import { answerSchemaTool, schemaToolInput, type SchemaTool } from './schema-tool.ts';
import type { ToolDefinition } from './tool-definition.ts';
import { failureResult } from './vendor-response.ts';

export const MAX_SCHEMAS_PER_CALL = 5;
const DEFAULT_SEARCH_LIMIT = 10;
const MAX_SEARCH_LIMIT = 25;
/** Tags named in the search tool's description; the listing must stay small whatever the spec size. */
const MAX_LISTED_TAGS = 24;

/** Calls one tool; `ctx` is the request being served (the person may be asked through it). */
export type ToolCaller = (input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly ctx: ServerContext }) => Promise<CallToolResult | InputRequiredResult>;

export type ToolSummary = { readonly name: string; readonly title: string; readonly summary: string; readonly class: string; readonly read_only: boolean };

/** Lower-case words with a plural `s` dropped, so "orders" finds `order` and "list" finds "lists". */
const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));

function firstSentence(text: string): string {
  const line = text.split('\n')[0]!.trim();
  const end = line.search(/[.!?](\s|$)/);
  const sentence = end === -1 ? line : line.slice(0, end + 1);
  return sentence.length > 200 ? `${sentence.slice(0, 199)}…` : sentence;
}

function summaryOf(tool: ToolDefinition): ToolSummary {
  return { name: tool.name, title: tool.title, summary: firstSentence(tool.description), class: tool.methodClass, read_only: tool.annotations.readOnlyHint };
}

type ToolWords = { readonly name: ReadonlySet<string>; readonly tags: ReadonlySet<string>; readonly title: ReadonlySet<string>; readonly description: ReadonlySet<string> };

/**
 * Each tool's words, split on its first search and kept with the tool: a 10,000-tool server would
 * otherwise split every description again on every search (a third of a second per call measured).
 */
const wordsByTool = new WeakMap<ToolDefinition, ToolWords>();

function toolWords(tool: ToolDefinition): ToolWords {
  let found = wordsByTool.get(tool);
  if (found === undefined) {
    found = { name: new Set(words(tool.name)), tags: new Set(tool.tags.flatMap(words)), title: new Set(words(tool.title)), description: new Set(words(tool.description)) };
    wordsByTool.set(tool, found);
  }
  return found;
}

function hit(input: { readonly set: ReadonlySet<string>; readonly word: string }): boolean {
  if (input.set.has(input.word)) return true;
  if (input.word.length < 4) return false;
  for (const w of input.set) if (w.startsWith(input.word)) return true;
  return false;
}

/** Name and tag hits weigh most, then the title, then the description; ties go by name. */
function score(input: { readonly tool: ToolDefinition; readonly query: readonly string[] }): number {
  const { tool, query } = input;
  const { name, tags, title, description } = toolWords(tool);
  return query.reduce((sum, word) => sum + (hit({ set: name, word }) ? 4 : 0) + (hit({ set: tags, word }) ? 3 : 0) + (hit({ set: title, word }) ? 2 : 0) + (hit({ set: description, word }) ? 1 : 0) + (tool.method === word || tool.methodClass === word ? 2 : 0), 0);
}

export function searchTools(input: { readonly tools: readonly ToolDefinition[]; readonly query: string; readonly limit?: number }): { readonly tools: readonly ToolSummary[]; readonly matched: number } {
  const query = words(input.query);
  const ranked = input.tools
    .map((tool) => ({ tool, score: score({ tool, query }) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || (a.tool.name < b.tool.name ? -1 : a.tool.name > b.tool.name ? 1 : 0));
  return { tools: ranked.slice(0, input.limit ?? DEFAULT_SEARCH_LIMIT).map((r) => summaryOf(r.tool)), matched: ranked.length };
}

function editDistance(input: { readonly a: string; readonly b: string }): number {
  const { a, b } = input;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Up to three names that look like what the model meant: most shared words, then closest spelling.
 * Words in most names (the vendor's own name, `by`, `id`) say nothing and are not counted.
 */
export function didYouMean(input: { readonly name: string; readonly names: readonly string[] }): readonly string[] {
  const frequency = new Map<string, number>();
  for (const name of input.names) for (const word of new Set(words(name))) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const telling = (word: string) => word.length > 2 && (input.names.length < 2 || (frequency.get(word) ?? 0) <= input.names.length / 2);
  const wanted = new Set(words(input.name).filter(telling));
  return input.names
    .map((name) => ({ name, distance: editDistance({ a: input.name.toLowerCase(), b: name.toLowerCase() }), shared: words(name).filter((w) => wanted.has(w)).length }))
    .filter((c) => c.distance <= Math.max(3, Math.floor(input.name.length / 3)) || c.shared > 0)
    .sort((a, b) => b.shared - a.shared || a.distance - b.distance || (a.name < b.name ? -1 : 1))
    .slice(0, 3)
    .map((c) => c.name);
}

function unavailable(input: { readonly name: string; readonly tools: readonly ToolDefinition[] }) {
  return { name: input.name, error: 'No such tool in this server\'s scope.', did_you_mean: didYouMean({ name: input.name, names: input.tools.map((t) => t.name) }) };
}

type Described = Pick<ToolDefinition, 'name' | 'title' | 'description' | 'inputSchema' | '_meta'> & { readonly annotations: Readonly<ToolAnnotations> };

export function toolSchemas(input: { readonly tools: readonly ToolDefinition[]; readonly schemaTools?: readonly SchemaTool[]; readonly names: readonly string[] }) {
  const byName = new Map<string, Described>([...input.tools, ...(input.schemaTools ?? [])].map((t) => [t.name, t]));
  const found = input.names.flatMap((name) => {
    const tool = byName.get(name);
    // The model asked for these tools by name: each shape in full, not a pointer to another tool.
    const inputSchema = tool === undefined ? undefined : withSameFieldsResolved({ tool, toolNamed: (other) => byName.get(other) }).inputSchema;
    return tool === undefined ? [] : [{ name: tool.name, title: tool.title, description: tool.description, inputSchema, annotations: tool.annotations }];
  });
  const unknown = input.names.filter((name) => !byName.has(name)).map((name) => unavailable({ name, tools: input.tools }));
  return { tools: found, unknown };
}

function jsonResult(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
}

/** The tag vocabulary, bounded, so the model can search with the vendor's own words. */
function tagHint(tools: readonly ToolDefinition[]): string {
  const tags = [...new Set(tools.flatMap((t) => t.tags))].sort();
  if (tags.length === 0) return '';
  const shown = tags.slice(0, MAX_LISTED_TAGS).join(', ');
  return ` Tags: ${shown}${tags.length > MAX_LISTED_TAGS ? `, and ${tags.length - MAX_LISTED_TAGS} more` : ''}.`;
}

/** The three meta-tools are the whole surface in discovery mode: a host deferring them would defer everything. */
const SEED = { [ALWAYS_LOAD]: true };

/**
 * Discovery mode: three meta-tools instead of the full list, for clients that cap tool counts and
 * for large surfaces. They only ever see the tools already in scope.
 */
export function registerDiscoveryTools(input: {
  readonly server: McpServer;
  readonly tools: readonly ToolDefinition[];
  /** Tools the server answers itself (a family's shapes), reached by exact name like any other. */
  readonly schemaTools?: readonly SchemaTool[];
  readonly vendorTitle: string;
  readonly call: ToolCaller;
}): void {
  const { server, tools } = input;
  const schemaTools = input.schemaTools ?? [];
  const readOnly = tools.every((t) => t.annotations.readOnlyHint);
  server.registerTool(
    'search_tools',
    {
      title: `Search ${input.vendorTitle} tools`,
      description: `Finds ${input.vendorTitle} API tools by words (resource, action, tag). ${tools.length} tools are available; this returns names and one-line summaries, best match first. Next: get_tool_schemas, then call_tool.${tagHint(tools)}`,
      inputSchema: z.strictObject({
        query: z.string().min(1).describe('Words describing what you need, e.g. "list orders" or "update ticket tags".'),
        limit: z.int().min(1).max(MAX_SEARCH_LIMIT).optional().describe(`How many results (default ${DEFAULT_SEARCH_LIMIT}).`),
      }),
      annotations: { title: `Search ${input.vendorTitle} tools`, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      _meta: SEED,
    },
    async ({ query, limit }) => jsonResult({ ...searchTools({ tools, query, ...(limit ? { limit } : {}) }) }),
  );
  server.registerTool(
    'get_tool_schemas',
    {
      title: 'Get tool schemas',
      description: `Returns the full description, input schema and annotations of up to ${MAX_SCHEMAS_PER_CALL} tools by exact name. Unknown names come back with did-you-mean suggestions.`,
      inputSchema: z.strictObject({ names: z.array(z.string().min(1)).min(1).max(MAX_SCHEMAS_PER_CALL).describe('Exact tool names from search_tools.') }),
      annotations: { title: 'Get tool schemas', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      _meta: SEED,
    },
    async ({ names }) => jsonResult(toolSchemas({ tools, schemaTools, names })),
  );
  server.registerTool(
    'call_tool',
    {
      title: `Call a ${input.vendorTitle} tool`,
      description: 'Calls one tool by exact name with arguments matching its input schema (see get_tool_schemas). Returns that tool\'s own result.',
      inputSchema: z.strictObject({
        name: z.string().min(1).describe('Exact tool name.'),
        arguments: z.record(z.string(), z.unknown()).optional().describe('The tool\'s arguments as an object.'),
      }),
      annotations: { title: `Call a ${input.vendorTitle} tool`, readOnlyHint: readOnly, destructiveHint: !readOnly, idempotentHint: false, openWorldHint: true },
      _meta: SEED,
    },
    async ({ name, arguments: args }, ctx) => callByName({ tools, schemaTools, name, args: args ?? {}, call: input.call, ctx }),
  );
}

/** What `call_tool` does: refuse names outside the scope, validate like a direct call, then call. */
export async function callByName(input: {
  readonly tools: readonly ToolDefinition[];
  readonly schemaTools?: readonly SchemaTool[];
  readonly name: string;
  readonly args: Record<string, unknown>;
  readonly call: ToolCaller;
  readonly ctx: ServerContext;
}): Promise<CallToolResult | InputRequiredResult> {
  const schemaTool = input.schemaTools?.find((t) => t.name === input.name);
  if (schemaTool !== undefined) {
    const parsed = schemaToolInput(schemaTool).safeParse(ownFieldsOnly(input.args));
    return parsed.success ? answerSchemaTool({ tool: schemaTool, args: parsed.data }) : failureResult(`Invalid arguments for tool ${schemaTool.name}: ${prettyCappedError(parsed.error)}`);
  }
  const tool = input.tools.find((t) => t.name === input.name);
  if (tool === undefined) {
    const { did_you_mean } = unavailable({ name: input.name, tools: input.tools });
    const hint = did_you_mean.length > 0 ? ` Did you mean: ${did_you_mean.join(', ')}?` : ' Use search_tools to find one.';
    return failureResult(`Tool ${JSON.stringify(input.name)} is not available: it does not exist or is outside this server's or this token's scope.${hint}`);
  }
  const deep = tooDeepPath(input.args);
  if (deep !== undefined) return failureResult(`Invalid arguments for tool ${tool.name}: ${tooDeepMessage(deep)}`);
  const proto = protoKeyPath(input.args);
  if (proto !== undefined) return failureResult(`Invalid arguments for tool ${tool.name}: unrecognized key "__proto__" at ${proto.join('.')}`);
  const parsed = tool.input().safeParse(ownFieldsOnly(input.args));
  if (!parsed.success) return failureResult(`Invalid arguments for tool ${tool.name}: ${prettyCappedError(parsed.error)}`);
  return input.call({ tool, args: withPrototypes(parsed.data) as Record<string, unknown>, ctx: input.ctx });
}

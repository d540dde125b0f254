import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { FuzzTarget, FuzzTool } from './fuzz-target.ts';
import type { Observation } from './invariants.ts';
import { ANSWERED_LOCALLY, pathMismatch } from './invariants.ts';
import { validArbitrary, type JsonSchema } from './schema-arbitrary.ts';

/**
 * Valid calls that should succeed: schema-derived arguments whose ids and references are drawn
 * from what the simulator holds (read through the server's own list tools), so they reach the
 * guards, paging and write paths instead of stopping at a 404. A server that refuses everything,
 * or sends something other than what the schema implies, fails these.
 */
export type SeedPool = ReadonlyMap<string, readonly unknown[]>;

const isScalar = (value: unknown): value is string | number => (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));

function add(input: { readonly pool: Map<string, unknown[]>; readonly key: string; readonly value: unknown }): void {
  const values = input.pool.get(input.key) ?? [];
  if (!values.some((known) => isDeepStrictEqual(known, input.value))) values.push(input.value);
  input.pool.set(input.key, values);
}

/** Every scalar under its own key, and each listed item's `id` under `<list path>#id`. */
function collect(input: { readonly pool: Map<string, unknown[]>; readonly value: unknown; readonly listPath?: string }): void {
  const { pool, value } = input;
  if (Array.isArray(value)) {
    for (const item of value) {
      const id = (item as { id?: unknown } | null)?.id;
      if (input.listPath !== undefined && isScalar(id)) add({ pool, key: `${input.listPath}#id`, value: id });
      collect({ pool, value: item });
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if (isScalar(child)) add({ pool, key, value: child });
    // A list of references (`messages_ids: [1, 2]`) feeds the same pool key, one value each.
    if (Array.isArray(child)) for (const item of child) if (isScalar(item)) add({ pool, key, value: item });
    collect({ pool, value: child, ...(key === 'items' && input.listPath !== undefined ? { listPath: input.listPath } : {}) });
  }
}

const required = (schema: JsonSchema): readonly string[] => (Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
const propertiesOf = (schema: JsonSchema): Record<string, JsonSchema> => (schema['properties'] ?? {}) as Record<string, JsonSchema>;

/**
 * Reads the seeded data through the read tools: first those that need no argument, then those
 * whose required arguments the first pass can fill (a board's objects need a board id).
 */
export async function harvestSeeds(target: FuzzTarget): Promise<SeedPool> {
  const pool = new Map<string, unknown[]>();
  const readers = target.tools.filter((tool) => tool.readOnly);
  const read = async (tool: FuzzTool, args: Record<string, unknown>) => {
    const { observation } = await target.call({ tool, fuzzCase: { kind: 'valid', args } });
    const result = observation.reply.kind === 'result' ? (observation.reply.result as { structuredContent?: unknown; isError?: boolean }) : undefined;
    if (result?.isError !== true) collect({ pool, value: result?.structuredContent, listPath: tool.http.path });
  };
  for (const tool of readers) if (required(tool.inputSchema).length === 0) await read(tool, {});
  for (const tool of readers) {
    const needs = required(tool.inputSchema);
    if (needs.length === 0) continue;
    const args = Object.fromEntries(needs.map((arg) => [arg, candidatesFor({ tool, arg, pool })[0]]));
    if (Object.values(args).every((value) => value !== undefined) && target.accepts({ tool, args })) await read(tool, args);
  }
  return pool;
}

/** The list a path variable's value comes from: `/tickets/{ticketId}/messages` → `/tickets`. */
function listPathOf(input: { readonly path: string; readonly variable: string }): string {
  return input.path.slice(0, input.path.indexOf(`{${input.variable}}`)).replace(/\/+$/, '');
}

/** `salesOrderId` → `sales_order_id`: the name the seeded records use for the same reference. */
const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

function candidatesFor(input: { readonly tool: FuzzTool; readonly arg: string; readonly pool: SeedPool }): readonly unknown[] {
  const binding = input.tool.http.args[input.arg];
  if (binding === undefined) return [];
  if (binding.in === 'path') {
    const list = listPathOf({ path: input.tool.http.path, variable: binding.name });
    // The list may be a search under the same path (`/objects/search` lists `/objects/{recordId}`).
    const under = [...input.pool.keys()].find((key) => key.startsWith(`${list}/`) && key.endsWith('#id'));
    // Or a resource with no list of its own, referenced by id from another (`/messages/{id}` ← a ticket's `messages_ids`).
    const noun = list.split('/').pop() ?? '';
    const referenced = input.pool.get(`${noun}_ids`) ?? input.pool.get(`${noun.replace(/s$/, '')}_ids`);
    return input.pool.get(`${list}#id`) ?? (under !== undefined ? input.pool.get(under) : undefined) ?? input.pool.get(binding.name) ?? input.pool.get(snakeCase(binding.name)) ?? referenced ?? [];
  }
  // A reference elsewhere: the same name in the seeded data (sales_order_id, contact_id, tracking_code…).
  if (!/(?:ids?|code|number)$/i.test(binding.name)) return [];
  const named = input.pool.get(binding.name) ?? input.pool.get(input.arg);
  if (named !== undefined) return named;
  // `board_id` / `boardId`: the ids of a list whose path names boards.
  const noun = /^(.+?)_?ids?$/i.exec(input.arg)?.[1]?.toLowerCase();
  const list = noun === undefined ? undefined : [...input.pool.keys()].find((key) => key.endsWith('#id') && key.toLowerCase().includes(`/${noun}`));
  return list === undefined ? [] : input.pool.get(list)!;
}

/** Arguments the model only adds on purpose: a dry run sends nothing, a cursor or a confirmation needs an earlier call. */
const ON_PURPOSE = /^(?:dry_run|cursor|confirm_.*)$/;

/**
 * Seeded valid arguments for one tool: a schema sample, with each id drawn from the pool where the
 * schema accepts the drawn value, and optional arguments that a guard owns left out (an absent
 * list is not a replacement).
 */
export function seededArbitrary(input: { readonly tool: FuzzTool; readonly pool: SeedPool; readonly accepts: (args: Record<string, unknown>) => boolean }): fc.Arbitrary<Record<string, unknown>> {
  const { tool, pool } = input;
  const keys = Object.keys(propertiesOf(tool.inputSchema));
  const choices = Object.fromEntries(keys.map((arg) => [arg, candidatesFor({ tool, arg, pool })]).filter(([, values]) => (values as unknown[]).length > 0)) as Record<string, unknown[]>;
  const picks = fc.record(Object.fromEntries(Object.entries(choices).map(([arg, values]) => [arg, fc.constantFrom(...values)])));
  const mustKeep = new Set(required(tool.inputSchema));
  return fc.tuple(validArbitrary(tool.inputSchema), picks).map(([sample, picked]) => {
    const args = onlyVariantFields({ tool, args: { ...(sample as Record<string, unknown>) } });
    for (const key of Object.keys(args)) if (!mustKeep.has(key) && (ON_PURPOSE.test(key) || tool.guarded.includes(key))) delete args[key];
    for (const [arg, value] of Object.entries(picked)) {
      if (!(arg in args) && !mustKeep.has(arg)) continue;
      const typed = JSON.stringify(propertiesOf(tool.inputSchema)[arg]?.['type'] ?? '').includes('array') && !Array.isArray(value) ? [value] : value;
      const trial = { ...args, [arg]: typed };
      if (input.accepts(trial)) args[arg] = typed;
    }
    return args;
  });
}

/**
 * The union schema offers every variant's fields; the server checks the selected variant's own, so
 * keep only those, and the fields the payload requires whatever the variant (an upsert's externalId,
 * its match key, even for a type with no known fields).
 */
function onlyVariantFields(input: { readonly tool: FuzzTool; readonly args: Record<string, unknown> }): Record<string, unknown> {
  const { tool, args } = input;
  const family = tool.variants;
  const payload = family === undefined ? undefined : args[family.payload];
  if (family === undefined || typeof payload !== 'object' || payload === null || Array.isArray(payload)) return args;
  const fields = family.fields[String(args[family.discriminator])] ?? [];
  const always = required(propertiesOf(tool.inputSchema)[family.payload] ?? {});
  return { ...args, [family.payload]: Object.fromEntries(Object.entries(payload).filter(([field]) => fields.includes(field) || always.includes(field))) };
}

/** Why the vendor did not get the request these arguments imply, or undefined when it did. */
/** A tool answered from generated data is exact when it answers without an error and sends nothing. */
function localMismatch(observation: Observation): string | undefined {
  if (observation.requests.length > 0) return `a tool answered locally sent ${observation.requests.length} request(s)`;
  const result = observation.reply.kind === 'result' ? (observation.reply.result as { isError?: boolean }) : undefined;
  return result !== undefined && result.isError !== true ? undefined : `a valid call was not answered: ${observation.reply.kind}`;
}

export function requestMismatch(observation: Observation): string | undefined {
  const { http } = observation;
  if (http.method === ANSWERED_LOCALLY) return localMismatch(observation);
  const args = observation.args as Record<string, unknown>;
  const values = Object.fromEntries(Object.entries(http.args).filter(([, b]) => b.in === 'path').map(([arg, b]) => [b.name, args[arg]]));
  const main = observation.requests.filter((r) => r.method === http.method && pathMismatch({ received: r.path, template: http.path, values }) === undefined).at(-1);
  if (main === undefined) {
    const sent = observation.requests.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ') || 'nothing was sent';
    const reply = observation.reply.kind === 'result' ? JSON.stringify((observation.reply.result as { content?: unknown }).content).slice(0, 300) : observation.reply.kind;
    return `no ${http.method} ${http.path} reached the vendor (${sent}); the server answered ${reply}`;
  }
  const whole = (http as { readonly body?: { readonly mode?: string } }).body?.mode === 'whole';
  for (const [arg, binding] of Object.entries(http.args)) {
    const value = args[arg];
    if (value === undefined) continue;
    if (binding.in === 'body' && whole) {
      if (!isDeepStrictEqual(main.body, value)) return `body is ${JSON.stringify(main.body)?.slice(0, 200)}, want ${JSON.stringify(value).slice(0, 200)}`;
      continue;
    }
    if (binding.in === 'query' && isScalar(value) && main.query[binding.name] !== String(value)) return `query ${binding.name}=${JSON.stringify(main.query[binding.name])}, want ${JSON.stringify(String(value))}`;
    if (binding.in === 'body' && !isDeepStrictEqual((main.body as Record<string, unknown> | undefined)?.[binding.name], value)) {
      return `body ${binding.name} is ${JSON.stringify((main.body as Record<string, unknown> | undefined)?.[binding.name])?.slice(0, 200)}, want ${JSON.stringify(value).slice(0, 200)}`;
    }
  }
  return undefined;
}

export type SeededTally = { readonly tool: string; calls: number; exact: number; succeeded: number; readonly misses: string[] };

/** Runs `runs` seeded calls of one tool and counts how many reached the vendor exactly and how many succeeded. */
export async function runSeeded(input: { readonly target: FuzzTarget; readonly tool: FuzzTool; readonly pool: SeedPool; readonly runs: number; readonly seed: number }): Promise<SeededTally> {
  const tally: SeededTally = { tool: input.tool.name, calls: 0, exact: 0, succeeded: 0, misses: [] };
  const accepts = (args: Record<string, unknown>) => input.target.accepts({ tool: input.tool, args });
  const samples = fc.sample(seededArbitrary({ tool: input.tool, pool: input.pool, accepts }), { numRuns: input.runs, seed: input.seed });
  for (const args of samples) {
    const { observation } = await input.target.call({ tool: input.tool, fuzzCase: { kind: 'valid', args } });
    tally.calls += 1;
    const mismatch = observation.validInput ? requestMismatch(observation) : 'the seeded arguments do not match the schema';
    if (mismatch === undefined) tally.exact += 1;
    else tally.misses.push(mismatch);
    const result = observation.reply.kind === 'result' ? (observation.reply.result as { isError?: boolean }) : undefined;
    if (mismatch === undefined && result !== undefined && result.isError !== true) tally.succeeded += 1;
  }
  return tally;
}

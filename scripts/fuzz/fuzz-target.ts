import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { closedRoot } from '../../generator/shared/tool-surface.ts';
import { withSameFieldsResolved, type ListedInput } from '../../templates/runtime/same-fields.ts';
import { startStack, type McpStack } from '../shared/mcp-stack.ts';
import { REPO_ROOT, type Vendor } from '../shared/repo-root.ts';
import { formatAwareAjv } from '../simulator/schema-validator.ts';
import type { FuzzCase, ToolUnderFuzz } from './fuzz-cases.ts';
import { ANSWERED_LOCALLY, violationsOf, type ArgPlacement, type Observation, type Reply, type Violation } from './invariants.ts';
import { openRawRpc, type RawRpc } from './raw-rpc.ts';

const CALL_TIMEOUT_MS = 20_000;

export type FuzzTool = ToolUnderFuzz & {
  readonly http: Observation['http'];
  /** The tool only reads (`readOnlyHint`). */
  readonly readOnly: boolean;
  /** Arguments a full-array guard owns: sending one replaces a whole vendor list. */
  readonly guarded: readonly string[];
  /** Per-variant payload fields, where the tool checks its payload against the selected variant. */
  readonly variants?: { readonly discriminator: string; readonly payload: string; readonly fields: Readonly<Record<string, readonly string[]>> };
};

export type CallReport = { readonly observation: Observation; readonly violations: readonly Violation[] };

/** One vendor's built server (SDK client and a raw connection) against its simulator. */
export type FuzzTarget = {
  readonly vendor: Vendor;
  readonly tools: readonly FuzzTool[];
  call(input: { readonly tool: FuzzTool; readonly fuzzCase: FuzzCase }): Promise<CallReport>;
  /** Whether the tool's advertised input schema accepts `args`. */
  accepts(input: { readonly tool: FuzzTool; readonly args: unknown }): boolean;
  /** Fresh simulator state, so a long campaign does not grow the store without bound. */
  reset(): void;
  close(): Promise<void>;
};

type GeneratedTool = { name: string; inputSchema: Record<string, unknown>; http: { method: string; path: string; args: Record<string, ArgPlacement> }; safeguards: readonly { kind: string; arg?: string }[]; variants?: { discriminator: string; payload?: string; variants: Record<string, { fields: readonly string[] }>; schemaTool?: { name: string } } };

/** A family's schema tool has no HTTP binding: fuzzed like any tool, it must never reach the vendor. */
function schemaToolsOf(tools: readonly GeneratedTool[]): Map<string, GeneratedTool> {
  const local = { method: ANSWERED_LOCALLY, path: '', args: {} };
  return new Map(tools.flatMap((tool) => (tool.variants?.schemaTool === undefined ? [] : [[tool.variants.schemaTool.name, { name: tool.variants.schemaTool.name, inputSchema: {}, http: local, safeguards: [] }] as const])));
}

/** Tool schemas come from the server's own `tools/list`; bindings (which argument reaches the URL) from its tool table. */
async function loadTools(input: { readonly vendor: Vendor; readonly stack: McpStack }): Promise<FuzzTool[]> {
  const listed = await input.stack.client.listTools();
  const module = (await import(pathToFileURL(path.join(REPO_ROOT, 'generated', input.vendor, 'src', 'tools', 'index.ts')).href)) as { tools: readonly GeneratedTool[] };
  const table = new Map([...module.tools.map((tool) => [tool.name, tool] as const), ...schemaToolsOf(module.tools)]);
  // Judged as enforced: a shape listed once is the whole shape in every tool that takes it.
  const listedByName = new Map(listed.tools.map((tool) => [tool.name, tool as ListedInput]));
  return listed.tools.map((listedTool) => {
    const tool = withSameFieldsResolved({ tool: listedTool as typeof listedTool & ListedInput, toolNamed: (name) => listedByName.get(name) });
    const generated = table.get(tool.name);
    if (generated === undefined) throw new Error(`${tool.name} is listed but not in the tool table`);
    const { http } = generated;
    const urlArgs = Object.entries(http.args).filter(([, b]) => b.in !== 'body').map(([arg]) => arg);
    const guarded = generated.safeguards.filter((guard) => guard.kind === 'full-array' && typeof guard.arg === 'string').map((guard) => guard.arg!);
    const family = generated.variants;
    const variants = family?.payload === undefined ? undefined : { discriminator: family.discriminator, payload: family.payload, fields: Object.fromEntries(Object.entries(family.variants).map(([key, variant]) => [key, variant.fields])) };
    // Judged as enforced: the listing leaves the closed root's keyword out (closedRoot).
    return { name: tool.name, inputSchema: closedRoot(tool.inputSchema as Record<string, unknown>), urlArgs, http, guarded, readOnly: tool.annotations?.readOnlyHint === true, ...(variants !== undefined ? { variants } : {}) };
  });
}

/** The SDK client raises these itself, with JSON-RPC codes, when a result breaks the tool's output schema. */
const CLIENT_SIDE_RESULT_CHECKS = /(?:Structured content does not match the tool's output schema|Tool \S+ has an output schema but did not return structured content)/;

function replyFromError(error: unknown): Reply {
  const { code, message } = error as { code?: unknown; message?: string };
  if (CLIENT_SIDE_RESULT_CHECKS.test(message ?? '')) return { kind: 'malformed', detail: message ?? '' };
  if (typeof code === 'number') return { kind: 'rpc-error', code, message: message ?? '' };
  if (code === 'REQUEST_TIMEOUT') return { kind: 'hang' };
  if (code === 'CONNECTION_CLOSED' || code === 'NOT_CONNECTED') return { kind: 'crash', detail: String(message) };
  return { kind: 'malformed', detail: `${String(code)}: ${String(message)}` };
}

async function viaSdk(input: { readonly stack: McpStack; readonly name: string; readonly args: Record<string, unknown> }): Promise<Reply> {
  try {
    const result = await input.stack.client.callTool({ name: input.name, arguments: input.args }, { timeout: CALL_TIMEOUT_MS });
    return { kind: 'result', result };
  } catch (error) {
    return replyFromError(error);
  }
}

async function viaRaw(input: { readonly raw: RawRpc; readonly name: string; readonly args: unknown }): Promise<Reply> {
  const reply = await input.raw.request({ method: 'tools/call', params: { name: input.name, arguments: input.args }, timeoutMs: CALL_TIMEOUT_MS });
  if (reply.kind === 'timeout') return { kind: 'hang' };
  if (reply.kind === 'closed') return { kind: 'crash', detail: reply.detail };
  const { result, error } = reply.message as { result?: unknown; error?: { code?: unknown; message?: unknown } };
  if (result !== undefined) return { kind: 'result', result };
  if (error !== undefined && typeof error.code === 'number' && typeof error.message === 'string') return { kind: 'rpc-error', code: error.code, message: error.message };
  return { kind: 'malformed', detail: JSON.stringify(reply.message).slice(0, 300) };
}

/**
 * The SDK's own `tools/call` schema parses `arguments` as a zod record, which drops a top-level
 * `"__proto__"` key before the tool's validator runs: the tool never sees it, so neither does the
 * judge. (Nested ones do reach the tool, and its validator refuses them.)
 */
export function asParsedBySdk(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([key]) => key !== '__proto__'));
}

export async function openFuzzTarget(vendor: Vendor): Promise<FuzzTarget> {
  // Hundreds of calls a minute: without lifting the invocation limit, most calls would be its refusal, not the tool.
  const stack = await startStack(vendor, { args: ['--max-calls-per-minute', '0'] });
  const raw = await openRawRpc(stack.launch);
  let closed: string | undefined;
  stack.client.onclose = () => (closed = 'the SDK connection closed');
  const tools = await loadTools({ vendor, stack });
  const ajv = formatAwareAjv();
  const judges = new Map<string, ValidateFunction>(tools.map((tool) => [tool.name, ajv.compile(tool.inputSchema)]));
  const origin = new URL(stack.sim.baseUrl).origin;
  const basePath = new URL(stack.sim.baseUrl).pathname.replace(/\/+$/, '');
  return {
    vendor,
    tools,
    async call({ tool, fuzzCase }) {
      // What the server sees: the JSON round trip drops `undefined` and turns -0 into 0.
      const sent = JSON.parse(JSON.stringify(fuzzCase.args) ?? 'null') as unknown;
      const isObject = typeof sent === 'object' && sent !== null && !Array.isArray(sent);
      const args = isObject ? asParsedBySdk(sent as Record<string, unknown>) : sent;
      const before = stack.sim.requests.length;
      const reply: Reply = closed !== undefined ? { kind: 'crash', detail: closed } : isObject ? await viaSdk({ stack, name: tool.name, args: sent as Record<string, unknown> }) : await viaRaw({ raw, name: tool.name, args });
      const requests = stack.sim.requests.splice(before);
      const observation: Observation = {
        args,
        validInput: isObject && judges.get(tool.name)!(args) === true,
        reply: !raw.alive() && reply.kind !== 'crash' ? { kind: 'crash', detail: 'the raw connection\'s server exited' } : reply,
        requests,
        http: tool.http,
        vendor: { origin, basePath },
        secrets: [stack.token, REPO_ROOT],
      };
      return { observation, violations: violationsOf(observation) };
    },
    accepts: ({ tool, args }) => judges.get(tool.name)!(args) === true,
    reset: () => stack.sim.reset(),
    async close() {
      raw.close();
      await stack.close();
    },
  };
}

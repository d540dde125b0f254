import { createHash, randomBytes } from 'node:crypto';
import { CLIENT_CAPABILITIES_META_KEY, createRequestStateCodec, inputRequired, inputResponse, type CallToolResult, type ClientCapabilities, type InputRequiredResult, type ServerContext } from '@modelcontextprotocol/server';
import { questionText, type Asking } from './confirmation-question.ts';
import type { ToolDefinition } from './tool-definition.ts';

import type { ConfirmPolicy } from './confirm-policy.ts';

export type { ConfirmPolicy } from './confirm-policy.ts';

/** The key under which the one question travels in `inputRequests`/`inputResponses`. */
const QUESTION_KEY = 'confirm';

/**
 * What the server remembers between the question and the answer, sealed (HMAC) in `requestState`
 * so the client can neither forge nor alter it: the exact arguments (digest) it was asked for, what
 * was asked, and what the person already confirmed in earlier rounds of the same call.
 */
type PendingConfirmation = {
  readonly tool: string;
  readonly args: string;
  readonly asking: Asking;
  readonly confirmed: Readonly<Record<string, readonly unknown[]>>;
  readonly destructiveConfirmed: boolean;
};

/**
 * One key per process: a state minted by another process (another replica, a restart) fails
 * verification, and the person is simply asked again. Ten minutes is ample for a human answer.
 */
const codec = createRequestStateCodec<PendingConfirmation>({ key: randomBytes(32), ttlSeconds: 600 });

/** What a handler needs to ask the person during one tools/call. */
export type Person = { readonly ctx: ServerContext; readonly vendorTitle: string };

/**
 * Whether this request's client shows elicitation forms: the 2026-07-28 envelope of the request,
 * else what the client declared at initialize. `elicitation: {}` means form mode (2025-06-18 compat).
 */
export function canAskPerson(capabilities: ClientCapabilities | undefined): boolean {
  const elicitation = capabilities?.elicitation as { form?: unknown; url?: unknown } | undefined;
  if (elicitation === undefined) return false;
  return elicitation.form !== undefined || elicitation.url === undefined;
}

/** The person to ask during this request, or `undefined` when the policy or the client rules it out. */
export function personFor(input: { readonly ctx: ServerContext; readonly declared: ClientCapabilities | undefined; readonly policy: ConfirmPolicy; readonly vendorTitle: string }): Person | undefined {
  if (input.policy !== 'elicit') return undefined;
  const envelope = input.ctx.mcpReq.envelope as Readonly<Record<string, unknown>> | undefined;
  const perRequest = envelope?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined;
  return canAskPerson(perRequest ?? input.declared) ? { ctx: input.ctx, vendorTitle: input.vendorTitle } : undefined;
}

function argsDigest(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>> }): string {
  // Validated arguments come out of the tool's zod schema in schema key order, so equal calls digest equally.
  return createHash('sha256').update(JSON.stringify([input.tool.name, input.args])).digest('base64url');
}

/** The model cannot confirm on the person's behalf: its `confirm_removed_*` values are set aside. */
function withoutConfirmations(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>> }): Readonly<Record<string, unknown>> {
  const confirmArgs = new Set(input.tool.safeguards.flatMap((guard) => (guard.kind === 'full-array' ? [guard.confirmArg] : [])));
  return Object.fromEntries(Object.entries(input.args).filter(([arg]) => !confirmArgs.has(arg)));
}

type Answer = { readonly state: PendingConfirmation; readonly action: 'accept' | 'decline' | 'cancel' };

/** The person's answer to this exact call's question, or `undefined` (no answer, forged, expired, other call). */
async function answerFor(input: { readonly person: Person; readonly digest: string }): Promise<Answer | undefined> {
  const { ctx } = input.person;
  const raw = ctx.mcpReq.requestState<unknown>();
  const response = inputResponse(ctx.mcpReq.inputResponses, QUESTION_KEY);
  if (typeof raw !== 'string' || response.kind !== 'elicit') return undefined;
  let state: PendingConfirmation;
  try {
    state = await codec.verify(raw, ctx);
  } catch {
    return undefined;
  }
  // A retry with other arguments does not inherit an answer given for these.
  if (state.args !== input.digest) return undefined;
  return { state, action: response.action };
}

async function ask(input: { readonly person: Person; readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly state: PendingConfirmation }): Promise<InputRequiredResult> {
  const { person, state } = input;
  const message = questionText({ vendorTitle: person.vendorTitle, tool: input.tool, args: input.args, asking: state.asking });
  return inputRequired({
    inputRequests: { [QUESTION_KEY]: inputRequired.elicit({ mode: 'form', message, requestedSchema: { type: 'object', properties: {} } }) },
    requestState: await codec.mint(state, person.ctx),
  });
}

function declined(input: { readonly answer: Answer; readonly tool: ToolDefinition }): CallToolResult {
  const how = input.answer.action === 'cancel' ? 'dismissed the confirmation without accepting' : 'declined';
  const what = input.answer.state.asking.kind === 'remove' ? `removing ${JSON.stringify(input.answer.state.asking.entries)} from "${input.answer.state.asking.field}"` : `this ${input.tool.title} call`;
  return {
    isError: true,
    content: [{ type: 'text', text: `The person ${how} ${what}. Nothing was sent. Do not retry unless the person asks for it.` }],
    structuredContent: { declined: true, action: input.answer.action },
  };
}

/** A guard's refusal that names entries to remove (the shape `call-tool.ts` returns), or `undefined`. */
export function removalRefusal(result: CallToolResult): { readonly entries: readonly unknown[]; readonly confirmArg: string } | undefined {
  const structured = result.structuredContent as Readonly<Record<string, unknown>> | undefined;
  if (result.isError !== true || structured?.['refused'] !== true) return undefined;
  const entries = structured['would_remove'];
  const confirmArg = structured['confirm_with'];
  return Array.isArray(entries) && entries.length > 0 && typeof confirmArg === 'string' ? { entries, confirmArg } : undefined;
}

function guardField(input: { readonly tool: ToolDefinition; readonly confirmArg: string }): string {
  const guard = input.tool.safeguards.find((g) => g.kind === 'full-array' && g.confirmArg === input.confirmArg);
  return guard?.kind === 'full-array' ? guard.arg : input.confirmArg;
}

/** A dry run sends nothing, so nothing in it is the person's to decide (docs/safeguards.md). */
const isDryRun = (input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>> }): boolean => input.tool.dryRun && input.args['dry_run'] === true;

/**
 * Destructive tools are asked about before anything is sent, unless a full-array guard covers what
 * they destroy: then the guard's finding is the question (a call that removes nothing is not asked).
 */
function asksBeforeSending(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>> }): boolean {
  const { tool } = input;
  if (!tool.annotations.destructiveHint || isDryRun(input)) return false;
  return !tool.safeguards.some((guard) => guard.kind === 'full-array');
}

/**
 * One tools/call with the person in the loop. Every round re-runs the call from the start (the
 * guard re-reads the vendor), so an answer is honoured only for the same arguments and only while
 * the vendor state still yields exactly the entries the person saw; otherwise the person is asked
 * again. Both protocol eras run this one handler: on 2026-07-28 the client answers `input_required`
 * and retries; on 2025-11-25 the SDK sends `elicitation/create` and re-enters the handler itself.
 */
export async function callWithPerson(input: {
  readonly tool: ToolDefinition;
  readonly args: Readonly<Record<string, unknown>>;
  readonly person: Person | undefined;
  readonly call: (args: Readonly<Record<string, unknown>>) => Promise<CallToolResult>;
}): Promise<CallToolResult | InputRequiredResult> {
  const { tool, person } = input;
  if (person === undefined) return input.call(input.args);
  const args = withoutConfirmations({ tool, args: input.args });
  const digest = argsDigest({ tool, args });
  const answer = await answerFor({ person, digest });
  if (answer !== undefined && answer.action !== 'accept') return declined({ answer, tool });
  const previous = answer?.state;
  const asked = previous?.asking;
  const confirmed = { ...previous?.confirmed, ...(asked?.kind === 'remove' ? { [asked.confirmArg]: asked.entries } : {}) };
  const destructiveConfirmed = previous?.destructiveConfirmed === true || asked?.kind === 'destructive';
  const base = { tool: tool.name, args: digest, confirmed, destructiveConfirmed };
  if (!destructiveConfirmed && asksBeforeSending({ tool, args })) return ask({ person, tool, args, state: { ...base, asking: { kind: 'destructive' } } });
  const result = await input.call({ ...args, ...confirmed });
  const removal = removalRefusal(result);
  // A dry run reports what a real call would remove; the question belongs to the real call.
  if (removal === undefined || isDryRun({ tool, args })) return result;
  // Nothing was sent: either a first finding, or the vendor changed since the person answered.
  const asking: Asking = { kind: 'remove', field: guardField({ tool, confirmArg: removal.confirmArg }), confirmArg: removal.confirmArg, entries: removal.entries };
  const stillConfirmed = Object.fromEntries(Object.entries(confirmed).filter(([arg]) => arg !== removal.confirmArg));
  return ask({ person, tool, args, state: { ...base, confirmed: stillConfirmed, asking } });
}

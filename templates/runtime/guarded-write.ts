import type { CallToolResult } from '@modelcontextprotocol/server';
import type { RuntimeConfig } from './runtime-config.ts';
import { valueAtPointer } from './json-pointer.ts';
import { preflightRequest } from './preflight-read.ts';
import { carriedList, checkDropped, compareAfterWrite, disjointViolation, otherRecord, uncarriableEntry, type FullArrayGuard } from './safeguards.ts';
import type { ToolDefinition } from './tool-definition.ts';
import { failureResult } from './vendor-response.ts';
import { visibleJson } from './visible-json.ts';
import { networkFailure, send } from './vendor-send.ts';

/** What a full-array guard read before the write, kept to check the result after it. */
export type GuardRead = { readonly guard: FullArrayGuard; readonly before: readonly unknown[] };

type GuardInput = {
  readonly tool: ToolDefinition;
  readonly args: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly config: RuntimeConfig;
};

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  const type = Array.isArray(value) ? 'array' : typeof value;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/**
 * Reads the guarded array as the vendor holds it now. Anything but a JSON array at the declared
 * place (missing, null, another type, another envelope) is not "an empty list": the guard cannot
 * tell what the write would drop, so it refuses.
 */
async function readCurrent(input: GuardInput & { readonly guard: FullArrayGuard; readonly when: 'before' | 'after' }): Promise<{ readonly current: readonly unknown[] } | { readonly error: string }> {
  const { guard, tool, args, config } = input;
  const built = preflightRequest({ guard, binding: tool.http, args, baseUrl: config.baseUrl, headers: input.headers, query: config.credentials.query });
  if ('error' in built) return built;
  // After the write, "try again" would invite a second write: only the read before it says so.
  const say = input.when === 'before'
    ? { failed: (why: string) => `Could not read the current state before the write (${why}), so nothing was sent.`, retry: ' Check the id and try again.', blind: ' Without the current list this server cannot tell which entries the write would remove.' }
    : { failed: (why: string) => `The write was sent, but reading it back failed (${why}).`, retry: '', blind: '' };
  let text: string;
  try {
    const response = await send({ request: built.request, config });
    if (response.status < 200 || response.status >= 300) return { error: `${say.failed(`HTTP ${response.status}`)}${say.retry}` };
    text = response.text;
  } catch (error) {
    return { error: say.failed((networkFailure({ error, request: built.request, config }).content[0] as { text: string }).text.replace(/\.$/, '')) };
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return { error: say.failed('the vendor answered with malformed JSON') };
  }
  const other = guard.recordId === undefined ? undefined : otherRecord({ recordId: guard.recordId, body, args });
  if (other !== undefined) return { error: say.failed(other) };
  const current = valueAtPointer({ value: body, pointer: guard.currentPointer });
  if (Array.isArray(current)) return { current };
  return { error: `${say.failed(`the vendor answered, but "${guard.currentPointer}" in its body held ${describeValue(current)} instead of the "${guard.arg}" list`)}${say.blind}` };
}

/**
 * Every guard the tool declares, before anything is sent: disjoint guards need no network, and
 * full-array guards read the current state. Returns a refusal, or what was read for the check after
 * the write.
 */
export async function runSafeguards(input: GuardInput & { readonly carried?: readonly GuardRead[] }): Promise<{ readonly refusal: CallToolResult } | { readonly reads: readonly GuardRead[] }> {
  for (const guard of input.tool.safeguards) {
    if (guard.kind !== 'disjoint') continue;
    const violation = disjointViolation({ guard, args: input.args });
    if (violation !== undefined) return { refusal: failureResult(violation) };
  }
  const carried = input.carried ?? [];
  const reads: GuardRead[] = [...carried];
  for (const guard of input.tool.safeguards) {
    // An absent array is not a replacement: the vendor leaves the list as it is. A carried list was
    // just read and is sent back as it was: nothing can be dropped, and its read is already kept.
    if (guard.kind !== 'full-array' || input.args[guard.arg] === undefined || carried.some((read) => read.guard === guard)) continue;
    const read = await readCurrent({ ...input, guard, when: 'before' });
    if ('error' in read) return { refusal: failureResult(read.error) };
    const check = checkDropped({ guard, current: read.current, args: input.args });
    if (!check.ok) return { refusal: { isError: true, content: [{ type: 'text', text: check.message }], structuredContent: { refused: true, would_remove: check.dropped, confirm_with: guard.confirmArg } } };
    reads.push({ guard, before: read.current });
  }
  return { reads };
}

type Carried = { readonly args: Readonly<Record<string, unknown>>; readonly reads: readonly GuardRead[]; readonly notes: readonly string[] };

/**
 * A guarded list the model left out (where the doc says `carryOver`) is read and sent back
 * unchanged, so a write meant to change something else (an email) can never clear the list by
 * omission, whatever the vendor does with a missing field. The read fails closed like the guard's;
 * a dry run reads too, so it shows the request a real call would send. The result says so.
 */
export async function carryOmitted(input: GuardInput): Promise<Carried | { readonly refusal: CallToolResult }> {
  let args = input.args;
  const reads: GuardRead[] = [];
  const notes: string[] = [];
  for (const guard of input.tool.safeguards) {
    if (guard.kind !== 'full-array' || guard.carryOver !== true || args[guard.arg] !== undefined) continue;
    const read = await readCurrent({ ...input, args, guard, when: 'before' });
    if ('error' in read) return { refusal: failureResult(read.error) };
    const uncarriable = uncarriableEntry({ guard, current: read.current });
    if (uncarriable !== undefined) return { refusal: failureResult(`Refused: "${guard.arg}" was not given, so this server would send the current list back unchanged, but ${uncarriable}: sent back, that entry would not stay as it is. Read the resource and send "${guard.arg}" yourself. Nothing was sent.`) };
    const carried = carriedList({ guard, current: read.current });
    args = { ...args, [guard.arg]: carried };
    reads.push({ guard, before: read.current });
    const dryRun = input.tool.dryRun && input.args['dry_run'] === true;
    const entries = `${carried.length} current entr${carried.length === 1 ? 'y was' : 'ies were'}`;
    notes.push(`"${guard.arg}" was not given, so its ${entries} read first and ${dryRun ? 'would be' : ''}${dryRun ? ' sent' : 'sent'} back unchanged: ${visibleJson(carried)}.`);
  }
  return { args, reads, notes };
}

/**
 * No vendor with a full-array guard offers ETag/If-Match or a version field, so the window between
 * the guard's read and the write cannot be closed. Instead the list is read back after the write
 * and compared with what the call meant to leave there; each difference is one plain sentence.
 */
export async function verifyAfterWrite(input: GuardInput & { readonly reads: readonly GuardRead[] }): Promise<string[]> {
  const notes: string[] = [];
  for (const { guard, before } of input.reads) {
    const read = await readCurrent({ ...input, guard, when: 'after' });
    if ('error' in read) {
      notes.push(`${read.error} So this server could not confirm that "${guard.arg}" holds what was sent; read the resource to check.`);
      continue;
    }
    const intended = Array.isArray(input.args[guard.arg]) ? (input.args[guard.arg] as unknown[]) : [];
    const { lost, appeared } = compareAfterWrite({ guard, intended, before, after: read.current });
    if (lost.length > 0) notes.push(`Warning: after the write, "${guard.arg}" no longer holds ${lost.length} entr${lost.length === 1 ? 'y' : 'ies'} this call sent: ${visibleJson(lost)}. Someone else may have changed it at the same time; read it and send them again if they should be there.`);
    if (appeared.length > 0) notes.push(`Note: after the write, "${guard.arg}" also holds ${visibleJson(appeared)}, which this call neither sent nor saw before: someone else wrote to the list at about the same time, so an entry they added just before this write may have been replaced. Read the list and check.`);
    if (lost.length === 0 && appeared.length === 0) notes.push(`Checked after the write: "${guard.arg}" holds every entry sent.`);
  }
  return notes;
}

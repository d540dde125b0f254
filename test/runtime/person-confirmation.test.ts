import type { CallToolResult, InputRequiredResult, ServerContext } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callWithPerson, personFor, removalRefusal, type Person } from '../../templates/runtime/person-confirmation.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { tool } from './support.ts';

/**
 * callWithPerson in-process, one round at a time: the fake request context carries what a client
 * sends back (the sealed requestState and its answer), as the 2026-07-28 retry does.
 */
function person(input: { readonly state?: unknown; readonly answer?: unknown; readonly envelope?: unknown } = {}): Person {
  const mcpReq = { requestState: () => input.state, inputResponses: input.answer === undefined ? undefined : { confirm: input.answer }, envelope: input.envelope };
  return { ctx: { mcpReq } as unknown as ServerContext, vendorTitle: 'Acme' };
}

const deleteOrder: ToolDefinition = {
  ...tool({ name: 'delete_order', http: { method: 'DELETE', path: '/orders/{id}', args: { order_id: { in: 'path', name: 'id' }, reason: { in: 'query', name: 'reason' } } } }),
  title: 'Delete an order',
  annotations: { title: 'Delete an order', readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
};

const GUARD = { kind: 'full-array', arg: 'tags', identity: [], readPath: '/tickets/{id}', currentPointer: '/tags', confirmArg: 'confirm_removed_tags' } as const;

const setTags: ToolDefinition = {
  ...tool({ name: 'set_tags', http: { method: 'PUT', path: '/tickets/{id}', args: { ticket_id: { in: 'path', name: 'id' }, tags: { in: 'body', name: 'tags' }, confirm_removed_tags: { in: 'body', name: 'confirm_removed_tags' } } } }),
  title: 'Set ticket tags',
  annotations: { title: 'Set ticket tags', readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  safeguards: [GUARD],
};

/**
 * The state with its last two characters changed, each to one it was not: writing "xx" over them
 * left a state that already ended in "xx" (1 run in 4,096) unchanged. The second-to-last character
 * always carries data bits, so the sealed bytes change too.
 */
function altered(state: string): string {
  const other = (char: string) => (char === 'x' ? 'y' : 'x');
  return `${state.slice(0, -2)}${other(state.at(-2)!)}${other(state.at(-1)!)}`;
}

const OK: CallToolResult = { content: [{ type: 'text', text: 'done' }] };

function refusal(entries: readonly unknown[]): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: 'would remove' }], structuredContent: { refused: true, would_remove: entries, confirm_with: 'confirm_removed_tags' } };
}

/** A vendor call that records the arguments of every call and answers from a script (the last answer repeats). */
function recorder(answers: readonly CallToolResult[] = [OK]) {
  const calls: Readonly<Record<string, unknown>>[] = [];
  const call = async (args: Readonly<Record<string, unknown>>) => {
    calls.push(args);
    return answers[Math.min(calls.length - 1, answers.length - 1)]!;
  };
  return { calls, call };
}

function asked(result: CallToolResult | InputRequiredResult): { readonly message: string; readonly state: string } {
  const required = result as InputRequiredResult & { inputRequests: { confirm: { method: string; params: { mode: string; message: string; requestedSchema: unknown } } } };
  expect(required.resultType).toBe('input_required');
  expect(Object.keys(required.inputRequests)).toStrictEqual(['confirm']);
  expect(required.inputRequests.confirm.method).toBe('elicitation/create');
  expect(required.inputRequests.confirm.params.mode).toBe('form');
  expect(required.inputRequests.confirm.params.requestedSchema).toStrictEqual({ type: 'object', properties: {} });
  expect(typeof required.requestState).toBe('string');
  return { message: required.inputRequests.confirm.params.message, state: required.requestState! };
}

const ACCEPT = { action: 'accept', content: {} };

afterEach(() => {
  vi.useRealTimers();
});

describe('callWithPerson: a destructive call without a guard', () => {
  const args = { order_id: 'o1', reason: 'dup' };

  it('without a person the call goes out as given, arguments untouched', async () => {
    const vendor = recorder();
    expect(await callWithPerson({ tool: setTags, args: { ticket_id: 't1', tags: [], confirm_removed_tags: ['a'] }, person: undefined, call: vendor.call })).toBe(OK);
    expect(vendor.calls).toStrictEqual([{ ticket_id: 't1', tags: [], confirm_removed_tags: ['a'] }]);
  });

  it('asks first and sends nothing; an accept of that question sends the call once', async () => {
    const vendor = recorder();
    const first = asked(await callWithPerson({ tool: deleteOrder, args, person: person(), call: vendor.call }));
    expect(first.message).toBe('Acme: Delete an order (order_id o1) with {"reason":"dup"}. The vendor marks this as destructive. Accept to send it. Decline to send nothing.');
    expect(vendor.calls).toStrictEqual([]);
    expect(await callWithPerson({ tool: deleteOrder, args, person: person({ state: first.state, answer: ACCEPT }), call: vendor.call })).toBe(OK);
    expect(vendor.calls).toStrictEqual([args]);
  });

  it.each([
    { action: 'decline', how: 'declined' },
    { action: 'cancel', how: 'dismissed the confirmation without accepting' },
  ])('a $action sends nothing and says so', async ({ action, how }) => {
    const vendor = recorder();
    const first = asked(await callWithPerson({ tool: deleteOrder, args, person: person(), call: vendor.call }));
    expect(await callWithPerson({ tool: deleteOrder, args, person: person({ state: first.state, answer: { action } }), call: vendor.call })).toStrictEqual({
      isError: true,
      content: [{ type: 'text', text: `The person ${how} this Delete an order call. Nothing was sent. Do not retry unless the person asks for it.` }],
      structuredContent: { declined: true, action },
    });
    expect(vendor.calls).toStrictEqual([]);
  });

  it.each<{ readonly name: string; readonly retry: (state: string) => Person; readonly args?: Record<string, unknown> }>([
    { name: 'other arguments', retry: (state) => person({ state, answer: ACCEPT }), args: { order_id: 'o2', reason: 'dup' } },
    { name: 'an altered state', retry: (state) => person({ state: altered(state), answer: ACCEPT }) },
    { name: 'a state that is not a string', retry: () => person({ state: { args: 'x' }, answer: ACCEPT }) },
    { name: 'no answer with the state', retry: (state) => person({ state, answer: { nothing: true } }) },
  ])('an accept with $name is no answer: asked again, nothing sent', async ({ retry, args: retried }) => {
    const vendor = recorder();
    const first = asked(await callWithPerson({ tool: deleteOrder, args, person: person(), call: vendor.call }));
    asked(await callWithPerson({ tool: deleteOrder, args: retried ?? args, person: retry(first.state), call: vendor.call }));
    expect(vendor.calls).toStrictEqual([]);
  });

  it('once the call as a whole is confirmed, a later removal question does not ask about it again', async () => {
    const vendor = recorder([refusal(['old']), OK]);
    const first = asked(await callWithPerson({ tool: deleteOrder, args, person: person(), call: vendor.call }));
    const second = asked(await callWithPerson({ tool: deleteOrder, args, person: person({ state: first.state, answer: ACCEPT }), call: vendor.call }));
    expect(second.message).toContain('would remove 1 existing confirm_removed_tags entry');
    expect(await callWithPerson({ tool: deleteOrder, args, person: person({ state: second.state, answer: ACCEPT }), call: vendor.call })).toBe(OK);
    expect(vendor.calls).toStrictEqual([args, { ...args, confirm_removed_tags: ['old'] }]);
  });

  it.each([
    { seconds: 599, sent: true },
    { seconds: 601, sent: false },
  ])('an accept $seconds s after the question: sent $sent (a question holds for ten minutes)', async ({ seconds, sent }) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-12-07T03:00:00Z'));
    const vendor = recorder();
    const first = asked(await callWithPerson({ tool: deleteOrder, args, person: person(), call: vendor.call }));
    vi.setSystemTime(Date.parse('2026-12-07T03:00:00Z') + seconds * 1000);
    const second = await callWithPerson({ tool: deleteOrder, args, person: person({ state: first.state, answer: ACCEPT }), call: vendor.call });
    expect({ sent: vendor.calls.length === 1, asked: (second as InputRequiredResult).resultType === 'input_required' }).toStrictEqual({ sent, asked: !sent });
  });

  it('a dry run of a dry-run tool is not asked about; a real call of it is', async () => {
    const dryRunTool = { ...deleteOrder, dryRun: true };
    const vendor = recorder();
    expect(await callWithPerson({ tool: dryRunTool, args: { ...args, dry_run: true }, person: person(), call: vendor.call })).toBe(OK);
    asked(await callWithPerson({ tool: dryRunTool, args: { ...args, dry_run: false }, person: person(), call: vendor.call }));
    // A tool without dry runs is asked whatever the model passes.
    asked(await callWithPerson({ tool: deleteOrder, args: { ...args, dry_run: true }, person: person(), call: vendor.call }));
    expect(vendor.calls).toStrictEqual([{ ...args, dry_run: true }]);
  });

  it('a dry run whose guard finds removals reports them and asks nothing; the real call is asked', async () => {
    const dryRunTags = { ...setTags, dryRun: true };
    const vendor = recorder([refusal(['a'])]);
    const dry = await callWithPerson({ tool: dryRunTags, args: { ticket_id: 't1', tags: [], dry_run: true }, person: person(), call: vendor.call });
    expect(dry).toStrictEqual(refusal(['a']));
    asked(await callWithPerson({ tool: dryRunTags, args: { ticket_id: 't1', tags: [] }, person: person(), call: vendor.call }));
  });

  it('a guard that only keeps two lists apart does not stand in for the question', async () => {
    const vendor = recorder();
    const disjoint = { ...deleteOrder, safeguards: [{ kind: 'disjoint', args: ['a', 'b'] }] } as const satisfies ToolDefinition;
    asked(await callWithPerson({ tool: disjoint, args, person: person(), call: vendor.call }));
    expect(vendor.calls).toStrictEqual([]);
  });

  it('a call that is not destructive is sent without a question', async () => {
    const vendor = recorder();
    const plain = { ...deleteOrder, annotations: { ...deleteOrder.annotations, destructiveHint: false } };
    expect(await callWithPerson({ tool: plain, args, person: person(), call: vendor.call })).toBe(OK);
    expect(vendor.calls).toStrictEqual([args]);
  });
});

describe('callWithPerson: a full-array guard finds entries to remove', () => {
  const args = { ticket_id: 't1', tags: ['keep'] };

  it('the guard finding is the question (no question before the first call); an accept resends with the confirmation', async () => {
    const vendor = recorder([refusal(['old', 'stale']), OK]);
    const first = asked(await callWithPerson({ tool: setTags, args, person: person(), call: vendor.call }));
    expect(first.message).toBe('Acme: Set ticket tags (ticket_id t1) would remove 2 existing tags entries:\n- "old"\n- "stale"\nAccept to send the change and remove them. Decline to send nothing.');
    expect(await callWithPerson({ tool: setTags, args, person: person({ state: first.state, answer: ACCEPT }), call: vendor.call })).toBe(OK);
    expect(vendor.calls).toStrictEqual([args, { ...args, confirm_removed_tags: ['old', 'stale'] }]);
  });

  it('the model cannot confirm for the person: its confirmation is set aside', async () => {
    const vendor = recorder([refusal(['old'])]);
    asked(await callWithPerson({ tool: setTags, args: { ...args, confirm_removed_tags: ['old'] }, person: person(), call: vendor.call }));
    expect(vendor.calls).toStrictEqual([args]);
  });

  it('a guard call that removes nothing is sent without a question', async () => {
    const vendor = recorder([OK]);
    expect(await callWithPerson({ tool: setTags, args, person: person(), call: vendor.call })).toBe(OK);
    expect(vendor.calls).toStrictEqual([args]);
  });

  it('a decline names the entries and the field', async () => {
    const vendor = recorder([refusal([{ id: 1 }])]);
    const first = asked(await callWithPerson({ tool: setTags, args, person: person(), call: vendor.call }));
    const declined = await callWithPerson({ tool: setTags, args, person: person({ state: first.state, answer: { action: 'decline' } }), call: vendor.call });
    expect(declined).toStrictEqual({
      isError: true,
      content: [{ type: 'text', text: 'The person declined removing [{"id":1}] from "tags". Nothing was sent. Do not retry unless the person asks for it.' }],
      structuredContent: { declined: true, action: 'decline' },
    });
  });

  it('the vendor changed since the person answered: asked again about the new entries, the old confirmation dropped', async () => {
    const vendor = recorder([refusal(['old']), refusal(['newer']), OK]);
    const first = asked(await callWithPerson({ tool: setTags, args, person: person(), call: vendor.call }));
    const second = asked(await callWithPerson({ tool: setTags, args, person: person({ state: first.state, answer: ACCEPT }), call: vendor.call }));
    expect(second.message).toBe('Acme: Set ticket tags (ticket_id t1) would remove 1 existing tags entry:\n- "newer"\nAccept to send the change and remove them. Decline to send nothing.');
    expect(await callWithPerson({ tool: setTags, args, person: person({ state: second.state, answer: ACCEPT }), call: vendor.call })).toBe(OK);
    expect(vendor.calls).toStrictEqual([args, { ...args, confirm_removed_tags: ['old'] }, { ...args, confirm_removed_tags: ['newer'] }]);
  });
});

describe('callWithPerson: a destructive tool whose guard watches another argument', () => {
  // Two guards: the question about one removal must keep what the person confirmed for the other.
  const twoGuards: ToolDefinition = { ...setTags, safeguards: [GUARD, { ...GUARD, arg: 'users', confirmArg: 'confirm_removed_users' }] };
  const args = { ticket_id: 't1', tags: [], users: [] };

  it('confirmations from earlier rounds are kept for the other guard', async () => {
    const usersRefusal: CallToolResult = { ...refusal(['u1']), structuredContent: { refused: true, would_remove: ['u1'], confirm_with: 'confirm_removed_users' } };
    const vendor = recorder([refusal(['a']), usersRefusal, OK]);
    const first = asked(await callWithPerson({ tool: twoGuards, args, person: person(), call: vendor.call }));
    const second = asked(await callWithPerson({ tool: twoGuards, args, person: person({ state: first.state, answer: ACCEPT }), call: vendor.call }));
    expect(second.message).toContain('would remove 1 existing users entry:\n- "u1"');
    await callWithPerson({ tool: twoGuards, args, person: person({ state: second.state, answer: ACCEPT }), call: vendor.call });
    expect(vendor.calls).toStrictEqual([args, { ...args, confirm_removed_tags: ['a'] }, { ...args, confirm_removed_tags: ['a'], confirm_removed_users: ['u1'] }]);
  });

  it('a refusal naming an argument no guard declares is asked about under that argument', async () => {
    const vendor = recorder([{ ...refusal(['x']), structuredContent: { refused: true, would_remove: ['x'], confirm_with: 'confirm_other' } }]);
    const first = asked(await callWithPerson({ tool: { ...setTags, annotations: { ...setTags.annotations, destructiveHint: false }, safeguards: [{ kind: 'disjoint', args: ['a', 'b'] }] }, args, person: person(), call: vendor.call }));
    expect(first.message).toBe('Acme: Set ticket tags (ticket_id t1) would remove 1 existing confirm_other entry:\n- "x"\nAccept to send the change and remove them. Decline to send nothing.');
  });
});

describe('personFor', () => {
  const ctx = (envelope: unknown) => person({ envelope }).ctx;
  const form = { elicitation: { form: {} } };

  it.each<{ readonly name: string; readonly envelope: unknown; readonly declared: unknown; readonly policy: 'elicit' | 'argument'; readonly asks: boolean }>([
    { name: 'elicit, declared at initialize', envelope: undefined, declared: form, policy: 'elicit', asks: true },
    { name: 'argument policy never asks', envelope: undefined, declared: form, policy: 'argument', asks: false },
    { name: 'nothing declared', envelope: undefined, declared: undefined, policy: 'elicit', asks: false },
    { name: 'per-request capabilities win over initialize (none)', envelope: { 'io.modelcontextprotocol/clientCapabilities': {} }, declared: form, policy: 'elicit', asks: false },
    { name: 'per-request capabilities win over initialize (form)', envelope: { 'io.modelcontextprotocol/clientCapabilities': form }, declared: undefined, policy: 'elicit', asks: true },
    { name: 'an envelope without capabilities falls back to initialize', envelope: { other: 1 }, declared: form, policy: 'elicit', asks: true },
  ])('$name', ({ envelope, declared, policy, asks }) => {
    const given = ctx(envelope);
    const found = personFor({ ctx: given, declared: declared as never, policy, vendorTitle: 'Acme' });
    expect(found).toStrictEqual(asks ? { ctx: given, vendorTitle: 'Acme' } : undefined);
  });
});

describe('removalRefusal: only a guard refusal that names entries and the argument to confirm them', () => {
  const base = refusal([{ id: 1 }]);
  const structured = base.structuredContent!;
  it.each([
    { name: 'refused is not true', structuredContent: { ...structured, refused: 'yes' } },
    { name: 'the entries are not a list', structuredContent: { ...structured, would_remove: { id: 1 } } },
    { name: 'the argument is not a name', structuredContent: { ...structured, confirm_with: 7 } },
  ])('not when $name', ({ structuredContent }) => expect(removalRefusal({ ...base, structuredContent })).toBeUndefined());

  it('one entry is enough', () => expect(removalRefusal(base)).toStrictEqual({ entries: [{ id: 1 }], confirmArg: 'confirm_removed_tags' }));
});

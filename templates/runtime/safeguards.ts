import { valueAtPointer } from './json-pointer.ts';
import { visibleJson } from './visible-json.ts';

/**
 * Write safeguards are data in the vendor docs, enforced here before anything is sent. No vendor
 * names appear in this file: each guard says which arguments it watches and how the vendor
 * compares identities.
 */

/** How the vendor compares one identity value: `case-insensitive` for UUIDs and whatever the doc declares so. */
export type Comparison = 'case-insensitive';

export type FullArrayGuard = {
  readonly kind: 'full-array';
  /** Flat argument holding the array that replaces the vendor's list. */
  readonly arg: string;
  /** Element fields that identify one entry, e.g. `carrier` + `tracking_code`. Empty: the element itself. */
  readonly identity: readonly string[];
  /** Per identity field (`""`: the element itself), how the vendor compares it; absent fields compare exactly. */
  readonly compare?: Readonly<Record<string, Comparison>>;
  /** GET path template (same arguments) that reads the current resource before the write. */
  readonly readPath: string;
  /** JSON pointer to the current array inside that GET's response. */
  readonly currentPointer: string;
  /** Argument in which the model must list every element it means to drop. */
  readonly confirmArg: string;
  /** Every requested element must already exist (e.g. order items addressed by their existing id). */
  readonly mustExist?: boolean;
  /** Omitted argument: send the current list back unchanged, so a vendor that clears on omission cannot. */
  readonly carryOver?: boolean;
  /** Where the read's answer names its record, and the argument naming the record written: the read must be of that record. */
  readonly recordId?: RecordId;
};

export type RecordId = {
  /** JSON pointer to the record's id inside the read's response, e.g. `/id` or `/data/id`. */
  readonly pointer: string;
  /** Flat path argument the write addresses the record by. */
  readonly arg: string;
  readonly compare?: Comparison;
};

export type DisjointGuard = {
  readonly kind: 'disjoint';
  /** Array arguments that must not share a value (the vendor silently lets one win). */
  readonly args: readonly [string, string];
  /** How the vendor compares the values (UUIDs: without letter case). */
  readonly compare?: Comparison;
};

export type Safeguard = FullArrayGuard | DisjointGuard;

/**
 * One identity value as the vendor compares it: `ABC-…` and `abc-…` are the same UUID. A number
 * and the same number written as a string are one entry: a vendor may read ids back as strings
 * where its write takes integers, and counting `"1"` and `1` apart made a guard report entries as
 * dropped, then ask for a confirmation the tool's own validator refuses.
 */
function comparable(input: { readonly value: unknown; readonly comparison: Comparison | undefined }): unknown {
  const { value, comparison } = input;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return comparison === 'case-insensitive' && typeof value === 'string' ? value.toLowerCase() : (value ?? null);
}

/** The key two entries share exactly when the vendor considers them the same entry. */
export function identityKey(input: { readonly element: unknown; readonly guard: Pick<FullArrayGuard, 'identity' | 'compare'> }): string {
  const { element, guard } = input;
  if (guard.identity.length === 0 || typeof element !== 'object' || element === null) return JSON.stringify(comparable({ value: element, comparison: guard.compare?.[''] }));
  const record = element as Record<string, unknown>;
  return JSON.stringify(guard.identity.map((field) => comparable({ value: record[field], comparison: guard.compare?.[field] })));
}

export function describeElement(input: { readonly element: unknown; readonly identity: readonly string[] }): unknown {
  const { element, identity } = input;
  if (identity.length === 0 || typeof element !== 'object' || element === null) return element;
  return Object.fromEntries(identity.map((field) => [field, (element as Record<string, unknown>)[field] ?? null]));
}

/** An id as a path carries it: `42` and `"42"` address one record; a UUID without letter case. */
function idText(input: { readonly value: unknown; readonly comparison: Comparison | undefined }): string | undefined {
  const id = comparable(input);
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * Why the read is not of the record the write names, or `undefined` when it is. A vendor that
 * answers a read of order A with order B (a cache, a proxy, a merged ticket answering with the one
 * it was merged into) would make the guard compare, carry over or confirm B's list against A's
 * write: without the id where the doc says it is, the guard cannot tell, so it refuses.
 */
export function otherRecord(input: { readonly recordId: RecordId; readonly body: unknown; readonly args: Readonly<Record<string, unknown>> }): string | undefined {
  const { recordId } = input;
  const named = input.args[recordId.arg];
  const found = valueAtPointer({ value: input.body, pointer: recordId.pointer });
  const [want, got] = [named, found].map((value) => idText({ value, comparison: recordId.compare }));
  if (want !== undefined && want === got) return undefined;
  if (found === undefined || found === null) return `the vendor's answer holds no record id at "${recordId.pointer}", so this server cannot tell that it read ${shown(named)}`;
  return `the vendor answered with record ${shown(found)} (at "${recordId.pointer}"), not ${shown(named)}, which this call names`;
}

/** The current list as the write takes it back: each entry cut to its identity fields (or whole, without any). */
export function carriedList(input: { readonly guard: FullArrayGuard; readonly current: readonly unknown[] }): unknown[] {
  return input.current.map((element) => describeElement({ element, identity: input.guard.identity }));
}

const MAX_SHOWN = 200;
const shown = (value: unknown): string => {
  const text = visibleJson(value);
  return text.length <= MAX_SHOWN ? text : `${text.slice(0, MAX_SHOWN)}…`;
};

/**
 * Why the current list cannot be carried over as it is, or `undefined` when it can. An entry cut to
 * its identity fields is sent back in place of the original: an entry that is not an object, or
 * lacks one of those fields, would go back as something else (a null in place of a tracking code),
 * past the input checks a model's own list meets.
 */
export function uncarriableEntry(input: { readonly guard: FullArrayGuard; readonly current: readonly unknown[] }): string | undefined {
  const { identity } = input.guard;
  if (identity.length === 0) return undefined;
  for (const [index, element] of input.current.entries()) {
    if (typeof element !== 'object' || element === null || Array.isArray(element)) return `entry ${index + 1} is ${shown(element)}, not an object`;
    const missing = identity.filter((field) => (element as Record<string, unknown>)[field] === undefined || (element as Record<string, unknown>)[field] === null);
    if (missing.length > 0) return `entry ${index + 1} (${shown(element)}) has no ${missing.map((field) => `"${field}"`).join(' or ')}`;
  }
  return undefined;
}

type Keyed = { readonly key: (element: unknown) => string };

/** How many entries carry each identity: a vendor's list may repeat one (one tracking code, two carriers). */
function countByKey(input: Keyed & { readonly elements: readonly unknown[] }): Map<string, number> {
  const counts = new Map<string, number>();
  for (const element of input.elements) counts.set(input.key(element), (counts.get(input.key(element)) ?? 0) + 1);
  return counts;
}

/** The entries beyond what `allowance` holds of each identity, in list order: what one list has that the other lacks, repeats counted. */
function surplus(input: Keyed & { readonly elements: readonly unknown[]; readonly allowance: ReadonlyMap<string, number> }): unknown[] {
  const seen = new Map<string, number>();
  return input.elements.filter((element) => {
    const key = input.key(element);
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count > (input.allowance.get(key) ?? 0);
  });
}

function sameCounts(input: { readonly left: ReadonlyMap<string, number>; readonly right: ReadonlyMap<string, number> }): boolean {
  return input.left.size === input.right.size && [...input.left].every(([key, count]) => input.right.get(key) === count);
}

/** Values present in both arrays of a disjoint guard, or `undefined` when the call is consistent. */

export function disjointViolation(input: { readonly guard: DisjointGuard; readonly args: Readonly<Record<string, unknown>> }): string | undefined {
  const { guard } = input;
  const [left, right] = guard.args;
  const a = input.args[left];
  const b = input.args[right];
  if (!Array.isArray(a) || !Array.isArray(b)) return undefined;
  const key = (value: unknown) => JSON.stringify(comparable({ value, comparison: guard.compare }));
  const inRight = new Set(b.map(key));
  const both = a.filter((v) => inRight.has(key(v)));
  if (both.length === 0) return undefined;
  return `Refused: ${visibleJson(both)} appear in both "${left}" and "${right}". The vendor would silently apply only one of them. Put each id in exactly one list and call again. Nothing was sent.`;
}

export type DroppedCheck = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly dropped: readonly unknown[] };

function unknownEntries(input: { readonly guard: FullArrayGuard; readonly current: readonly unknown[]; readonly requested: readonly unknown[] }): DroppedCheck {
  const { guard, current, requested } = input;
  const existing = new Set(current.map((element) => identityKey({ element, guard })));
  const unknown = requested.filter((element) => !existing.has(identityKey({ element, guard }))).map((element) => describeElement({ element, identity: guard.identity }));
  if (unknown.length === 0) return { ok: true };
  const known = current.map((element) => describeElement({ element, identity: guard.identity }));
  return { ok: false, dropped: [], message: `Refused: every entry of "${guard.arg}" must refer to an existing one; unknown: ${visibleJson(unknown)}. Existing: ${visibleJson(known)}. Nothing was sent.` };
}

/**
 * Compares the current array with the requested one. Every element that would disappear must be
 * listed in the confirmation argument, exactly; otherwise the write is refused. `current` must be
 * the array the vendor holds: the caller refuses before this when it could not read one.
 */
export function checkDropped(input: { readonly guard: FullArrayGuard; readonly current: readonly unknown[]; readonly args: Readonly<Record<string, unknown>> }): DroppedCheck {
  const { guard, args, current } = input;
  const requested = Array.isArray(args[guard.arg]) ? (args[guard.arg] as unknown[]) : [];
  if (guard.mustExist) {
    const unknown = unknownEntries({ guard, current, requested });
    if (!unknown.ok) return unknown;
  }
  const key = (element: unknown) => identityKey({ element, guard });
  // Counted, not only named: sending one of two entries that share an identity drops the other.
  const droppedElements = surplus({ elements: current, allowance: countByKey({ elements: requested, key }), key });
  if (droppedElements.length === 0) return { ok: true };
  const confirmed = Array.isArray(args[guard.confirmArg]) ? (args[guard.confirmArg] as unknown[]) : [];
  if (sameCounts({ left: countByKey({ elements: confirmed, key }), right: countByKey({ elements: droppedElements, key }) })) return { ok: true };
  const dropped = droppedElements.map((element) => describeElement({ element, identity: guard.identity }));
  return {
    ok: false,
    dropped,
    message:
      `Refused: "${guard.arg}" replaces the whole list, and this call would remove ${dropped.length} existing entr${dropped.length === 1 ? 'y' : 'ies'}: ${visibleJson(dropped)}. ` +
      `To keep them, include them in "${guard.arg}". To remove them on purpose, pass exactly these in "${guard.confirmArg}". Nothing was sent.`,
  };
}

/**
 * After the write: what the vendor now holds against what the call meant it to hold. Entries the
 * call sent but the vendor lacks were lost (another writer, or the vendor dropped them); entries
 * the vendor holds that the call neither sent nor saw before were written by someone else meanwhile.
 */
export function compareAfterWrite(input: { readonly guard: FullArrayGuard; readonly intended: readonly unknown[]; readonly before: readonly unknown[]; readonly after: readonly unknown[] }): { readonly lost: readonly unknown[]; readonly appeared: readonly unknown[] } {
  const { guard } = input;
  const key = (element: unknown) => identityKey({ element, guard });
  const intended = countByKey({ elements: input.intended, key });
  const known = countByKey({ elements: input.before, key });
  for (const [identity, count] of intended) known.set(identity, Math.max(count, known.get(identity) ?? 0));
  const describe = (element: unknown) => describeElement({ element, identity: guard.identity });
  return {
    lost: surplus({ elements: input.intended, allowance: countByKey({ elements: input.after, key }), key }).map(describe),
    appeared: surplus({ elements: input.after, allowance: known, key }).map(describe),
  };
}

/**
 * Write safeguards are data in the vendor docs, enforced here before anything is sent. No vendor
 * names appear in this file: each guard says which arguments it watches.
 */
export type FullArrayGuard = {
  readonly kind: 'full-array';
  /** Flat argument holding the array that replaces the vendor's list. */
  readonly arg: string;
  /** Element fields that identify one entry, e.g. `carrier` + `tracking_code`. Empty: the element itself. */
  readonly identity: readonly string[];
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
};

/** The current list as the write takes it: each entry cut to its identity fields (or whole, without any). */
export function carriedList(input: { readonly guard: FullArrayGuard; readonly current: unknown }): unknown[] {
  const current = Array.isArray(input.current) ? input.current : [];
  return current.map((element) => describeElement({ element, identity: input.guard.identity }));
}

export type DisjointGuard = {
  readonly kind: 'disjoint';
  /** Array arguments that must not share a value (the vendor silently lets one win). */
  readonly args: readonly [string, string];
};

export type Safeguard = FullArrayGuard | DisjointGuard;

function key(input: { readonly element: unknown; readonly identity: readonly string[] }): string {
  const { element, identity } = input;
  if (identity.length === 0 || typeof element !== 'object' || element === null) return JSON.stringify(element);
  return JSON.stringify(identity.map((field) => (element as Record<string, unknown>)[field] ?? null));
}

function describeElement(input: { readonly element: unknown; readonly identity: readonly string[] }): unknown {
  const { element, identity } = input;
  if (identity.length === 0 || typeof element !== 'object' || element === null) return element;
  return Object.fromEntries(identity.map((field) => [field, (element as Record<string, unknown>)[field] ?? null]));
}

/** Values present in both arrays of a disjoint guard, or `undefined` when the call is consistent. */
export function disjointViolation(input: { readonly guard: DisjointGuard; readonly args: Readonly<Record<string, unknown>> }): string | undefined {
  const [left, right] = input.guard.args;
  const a = input.args[left];
  const b = input.args[right];
  if (!Array.isArray(a) || !Array.isArray(b)) return undefined;
  // Ids such as UUIDs compare ignoring case at the vendor, so "AB" and "ab" are the same id here too.
  const same = (v: unknown) => JSON.stringify(typeof v === 'string' ? v.toLowerCase() : v);
  const inRight = new Set(b.map(same));
  const both = a.filter((v) => inRight.has(same(v)));
  if (both.length === 0) return undefined;
  return `Refused: ${JSON.stringify(both)} appear in both "${left}" and "${right}". The vendor would silently apply only one of them. Put each id in exactly one list and call again. Nothing was sent.`;
}

export type DroppedCheck = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly dropped: readonly unknown[] };

/**
 * Compares the current array with the requested one. Every element that would disappear must be
 * listed in the confirmation argument, exactly; otherwise the write is refused.
 */
export function checkDropped(input: { readonly guard: FullArrayGuard; readonly current: unknown; readonly args: Readonly<Record<string, unknown>> }): DroppedCheck {
  const { guard, args } = input;
  const current = Array.isArray(input.current) ? input.current : [];
  const requested = Array.isArray(args[guard.arg]) ? (args[guard.arg] as unknown[]) : [];
  if (guard.mustExist) {
    const existing = new Set(current.map((element) => key({ element, identity: guard.identity })));
    const unknown = requested.filter((element) => !existing.has(key({ element, identity: guard.identity }))).map((element) => describeElement({ element, identity: guard.identity }));
    if (unknown.length > 0) {
      const known = current.map((element) => describeElement({ element, identity: guard.identity }));
      return { ok: false, dropped: [], message: `Refused: every entry of "${guard.arg}" must refer to an existing one; unknown: ${JSON.stringify(unknown)}. Existing: ${JSON.stringify(known)}. Nothing was sent.` };
    }
  }
  const kept = new Set(requested.map((element) => key({ element, identity: guard.identity })));
  const dropped = current.filter((element) => !kept.has(key({ element, identity: guard.identity }))).map((element) => describeElement({ element, identity: guard.identity }));
  if (dropped.length === 0) return { ok: true };
  const confirmed = Array.isArray(args[guard.confirmArg]) ? (args[guard.confirmArg] as unknown[]) : [];
  const confirmedKeys = new Set(confirmed.map((element) => key({ element, identity: guard.identity })));
  const droppedKeys = new Set(dropped.map((element) => key({ element, identity: guard.identity })));
  const exact = confirmedKeys.size === droppedKeys.size && [...droppedKeys].every((k) => confirmedKeys.has(k));
  if (exact) return { ok: true };
  return {
    ok: false,
    dropped,
    message:
      `Refused: "${guard.arg}" replaces the whole list, and this call would remove ${dropped.length} existing entr${dropped.length === 1 ? 'y' : 'ies'}: ${JSON.stringify(dropped)}. ` +
      `To keep them, include them in "${guard.arg}". To remove them on purpose, pass exactly these in "${guard.confirmArg}". Nothing was sent.`,
  };
}

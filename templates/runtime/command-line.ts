export type FlagKind = 'value' | 'switch';

export type ParsedFlags = { readonly values: ReadonlyMap<string, string>; readonly switches: ReadonlySet<string> };

/**
 * `--flag value`, `--flag=value` and `--switch`. Unknown flags, repeats and stray words are errors,
 * because a typo must never silently widen access.
 */
export function parseFlags(input: { readonly argv: readonly string[]; readonly flags: Readonly<Record<string, FlagKind>> }): ParsedFlags | { readonly error: string } {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let index = 0; index < input.argv.length; index += 1) {
    const arg = input.argv[index]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    const kind = input.flags[flag];
    if (kind === undefined) return { error: `Unknown argument ${JSON.stringify(arg)}.` };
    if (values.has(flag) || switches.has(flag)) return { error: `${flag} is given twice.` };
    if (kind === 'switch') {
      if (flag !== arg) return { error: `${flag} takes no value.` };
      switches.add(flag);
      continue;
    }
    const value = flag !== arg ? arg.slice(eq + 1) : input.argv[++index];
    if (value === undefined || value.startsWith('--')) return { error: `${flag} needs a value.` };
    values.set(flag, value);
  }
  return { values, switches };
}

/** A comma-separated list; empty entries are an error so `--tags ,` cannot mean "no filter". */
export function listFlag(input: { readonly flags: ParsedFlags; readonly flag: string }): readonly string[] | undefined | { readonly error: string } {
  const raw = input.flags.values.get(input.flag);
  if (raw === undefined) return undefined;
  const items = raw.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) return { error: `${input.flag} needs a comma-separated list without empty entries (got ${JSON.stringify(raw)}).` };
  return items;
}

export function integerFlag(input: { readonly flags: ParsedFlags; readonly flag: string; readonly min: number; readonly max: number; readonly fallback: number }): number | { readonly error: string } {
  const raw = input.flags.values.get(input.flag);
  if (raw === undefined) return input.fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < input.min || value > input.max) return { error: `${input.flag} must be a whole number from ${input.min} to ${input.max} (got ${JSON.stringify(raw)}).` };
  return value;
}

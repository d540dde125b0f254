/**
 * The one length every match of an anchored pattern has, when the pattern fixes it: `^DG[0-9a-fA-F]{32}$`
 * matches 34 characters and nothing else. Then `minLength: 34, maxLength: 34` beside it say nothing
 * the pattern does not (Twilio lists every SID so: ~7 tokens a tool); a bound the pattern already
 * keeps is dropped, from the listing and the validator alike, since both accept exactly the same
 * strings. Anything this reader does not know (groups, alternation, optional or repeated parts,
 * zero-width escapes) counts as not fixed, and the bounds stay.
 */
const ONE_CHARACTER_ESCAPE = /^\\(?:[dDwWsS]|[^bBpPkcux0-9]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})/;

function atomLength(rest: string): number | undefined {
  if (rest.startsWith('[')) {
    const close = /^\[(?:\\.|[^\]\\])*\]/.exec(rest);
    return close === null ? undefined : close[0].length;
  }
  if (rest.startsWith('\\')) return ONE_CHARACTER_ESCAPE.exec(rest)?.[0].length;
  return /^[^()|*+?{}^$\\[\]]/u.exec(rest)?.[0].length;
}

export function fixedPatternLength(pattern: string): number | undefined {
  // An escaped `$` (`\$`, `\\\$`) leaves an odd run of backslashes at the end of the rest, whose last
  // one escapes nothing: the reader refuses it below. An even run (`\\$`) is an escaped backslash
  // before the anchor, and counts.
  if (!pattern.startsWith('^') || !pattern.endsWith('$')) return undefined;
  let rest = pattern.slice(1, -1);
  let length = 0;
  while (rest !== '') {
    const atom = atomLength(rest);
    if (atom === undefined) return undefined;
    rest = rest.slice(atom);
    const times = /^\{(\d+)\}/.exec(rest);
    if (times !== null) rest = rest.slice(times[0].length);
    if (/^[*+?{]/.test(rest)) return undefined;
    length += times === null ? 1 : Number(times[1]);
  }
  return length;
}

/** Drops `minLength` and `maxLength` where the schema's pattern already fixes every match's length within them. */
export function dropLengthsThePatternFixes(out: Record<string, unknown>): void {
  const length = typeof out['pattern'] === 'string' ? fixedPatternLength(out['pattern']) : undefined;
  if (length === undefined) return;
  if (typeof out['minLength'] === 'number' && out['minLength'] <= length) delete out['minLength'];
  if (typeof out['maxLength'] === 'number' && out['maxLength'] >= length) delete out['maxLength'];
}

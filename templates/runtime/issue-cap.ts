import * as z from 'zod';

/**
 * How many validation problems one refusal reports. Each names its path and, for an enum, every
 * allowed value: a 30,000-element list of wrong values gave 30,000 of them (15 MB of text), and the
 * stdio connection did not survive the reply (fuzz campaign, seed 82). The first few are what a
 * model acts on; the count of the rest says there is more to fix.
 */
export const MAX_REPORTED_ISSUES = 10;

/** The sentence that stands for the problems not reported. */
export function moreIssuesNote(count: number): string {
  return `${count} more problem${count === 1 ? '' : 's'} not shown; fix these first`;
}

type Issue = { readonly message: string; readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined };

/** The first MAX_REPORTED_ISSUES issues, and one that counts the rest. */
export function cappedIssues<T extends Issue>(issues: readonly T[]): readonly (T | Issue)[] {
  if (issues.length <= MAX_REPORTED_ISSUES) return issues;
  return [...issues.slice(0, MAX_REPORTED_ISSUES), { message: moreIssuesNote(issues.length - MAX_REPORTED_ISSUES) }];
}

/** zod's readable refusal, kept to MAX_REPORTED_ISSUES problems (discovery mode's call_tool). */
export function prettyCappedError(error: z.ZodError): string {
  if (error.issues.length <= MAX_REPORTED_ISSUES) return z.prettifyError(error);
  return `${z.prettifyError(new z.ZodError(error.issues.slice(0, MAX_REPORTED_ISSUES)))}\n✖ ${moreIssuesNote(error.issues.length - MAX_REPORTED_ISSUES)}`;
}

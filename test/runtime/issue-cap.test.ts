import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { cappedIssues, MAX_REPORTED_ISSUES, moreIssuesNote, prettyCappedError } from '../../templates/runtime/issue-cap.ts';
import { toolInputSchema } from '../../templates/runtime/standard-schema.ts';

const issues = (count: number) => Array.from({ length: count }, (_, index) => ({ message: `wrong ${index}`, path: [index] }));
const colours = z.strictObject({ colours: z.array(z.enum(['red', 'green'])) });
const wrong = (count: number) => ({ colours: Array.from({ length: count }, (_, index) => index) });

describe('a refusal reports its first problems and counts the rest', () => {
  it.each([0, 1, MAX_REPORTED_ISSUES])('%i problems are all reported', (count) => {
    expect(cappedIssues(issues(count))).toStrictEqual(issues(count));
  });

  it.each([
    { count: MAX_REPORTED_ISSUES + 1, note: '1 more problem not shown; fix these first' },
    { count: 30_000, note: '29990 more problems not shown; fix these first' },
  ])('$count problems: the first ten, then "$note"', ({ count, note }) => {
    expect(cappedIssues(issues(count))).toStrictEqual([...issues(MAX_REPORTED_ISSUES), { message: note }]);
    expect(moreIssuesNote(count - MAX_REPORTED_ISSUES)).toBe(note);
  });

  it('the SDK-facing validator of a tool caps what zod reports, and still refuses', () => {
    const schema = toolInputSchema({ input: () => colours, inputSchema: { type: 'object' } });
    const result = schema['~standard'].validate(wrong(30_000)) as { issues?: readonly { message: string }[] };
    expect(result.issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(result.issues!.at(-1)!.message).toBe('29990 more problems not shown; fix these first');
    expect((schema['~standard'].validate(wrong(MAX_REPORTED_ISSUES)) as { issues?: unknown[] }).issues).toHaveLength(MAX_REPORTED_ISSUES);
    expect(schema['~standard'].validate({ colours: ['red'] })).toStrictEqual({ value: { colours: ['red'] } });
  });

  it("discovery mode's readable refusal is capped the same way, and unchanged at the limit", () => {
    const atLimit = colours.safeParse(wrong(MAX_REPORTED_ISSUES));
    expect(prettyCappedError(atLimit.error!)).toBe(z.prettifyError(atLimit.error!));
    const over = colours.safeParse(wrong(30_000));
    const text = prettyCappedError(over.error!);
    expect(text.split('\n').filter((line) => line.startsWith('✖'))).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(text.endsWith('✖ 29990 more problems not shown; fix these first')).toBe(true);
    expect(text.length).toBeLessThan(2_000);
  });
});

import * as z from 'zod';
import { describe, expect, it, vi } from 'vitest';
import { memoized } from '../../templates/runtime/memoized.ts';
import { toolInputSchema } from '../../templates/runtime/standard-schema.ts';
import { tool } from './support.ts';

describe('memoized', () => {
  it.each<{ readonly name: string; readonly built: unknown }>([
    { name: 'an object', built: { a: 1 } },
    { name: 'undefined (built once, not on every call)', built: undefined },
    { name: 'zero', built: 0 },
  ])('builds $name on the first call only, and hands out the same value', ({ built }) => {
    const build = vi.fn(() => built);
    const get = memoized(build);
    expect(build).not.toHaveBeenCalled();
    expect([get(), get(), get()]).toStrictEqual([built, built, built]);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('a build that throws is retried on the next call (nothing half-built is kept)', () => {
    const build = vi.fn().mockImplementationOnce(() => { throw new Error('first'); }).mockReturnValue('second');
    const get = memoized(build);
    expect(get).toThrow('first');
    expect(get()).toBe('second');
    expect(build).toHaveBeenCalledTimes(2);
  });
});

describe('a tool validator is built on the first call, not when the tool is registered or listed', () => {
  it('listing reads the JSON Schema; only validating builds the zod schema, once', async () => {
    const build = vi.fn(() => z.strictObject({ id: z.string() }));
    const schema = toolInputSchema(tool({ name: 'get_order', http: { method: 'GET', path: '/orders', args: {} }, input: memoized(build) }))['~standard'];
    schema.jsonSchema.input({ target: 'draft-2020-12' });
    expect(build).not.toHaveBeenCalled();
    expect([await schema.validate({ id: 'o1' }), await schema.validate({ id: 2 })].map((result) => 'value' in result)).toStrictEqual([true, false]);
    expect(build).toHaveBeenCalledTimes(1);
  });
});

import { describe, expect, it } from 'vitest';
import * as zod from 'zod';
import { z } from '../../templates/runtime/zod-builder.ts';

describe('zod-builder: the narrow compile-time view of zod that generated modules build with', () => {
  it('is zod itself at run time, so the validators built are byte-for-byte zod calls', () => {
    expect(z).toBe(zod);
    for (const name of ['string', 'email', 'url', 'int', 'number', 'boolean', 'null', 'unknown', 'literal', 'enum', 'union', 'array', 'record', 'strictObject', 'object', 'looseObject'] as const) {
      expect(z[name]).toBe(zod[name]);
    }
    expect(z.iso).toBe(zod.iso);
  });

  it('builds every shape the emitter prints, and they validate as zod does', () => {
    const input = z.strictObject({
      id: z.string().regex(new RegExp('^[0-9a-f]+$'), 'hex').min(1).max(8),
      count: z.int().gte(0).lte(10).gt(-1).lt(11).multipleOf(1).optional(),
      when: z.iso.datetime({ offset: true }).nullable().optional(),
      tags: z.array(z.enum(['a', 'b'])).min(1).max(2).optional(),
      extra: z.object({}).catchall(z.number()).optional(),
      open: z.looseObject({}).superRefine(() => undefined).optional(),
      both: z.union([z.literal(1), z.null()]).and(z.unknown()).optional(),
      map: z.record(z.string(), z.boolean()).optional(),
      link: z.string().regex(new RegExp('^https:'), 'https').max(40).pipe(z.url()).optional(),
    });
    expect(input.safeParse({ id: 'ab', count: 3, tags: ['a'] }).success).toBe(true);
    expect(input.safeParse({ id: 'xyz' }).success).toBe(false);
    expect(input.safeParse({ id: 'ab', surprise: 1 }).success).toBe(false);
    expect(input.safeParse({ id: 'ab', link: 'https://example.com/x' }).success).toBe(true);
    expect(input.safeParse({ id: 'ab', link: 'https://' }).success).toBe(false);
  });

  it('names only the methods the generator emits: anything else fails the type-check', () => {
    // Never run: each line is a compile-time assertion checked by `tsc --noEmit -p .`.
    const unused = () => [
      // @ts-expect-error a number has no regex
      z.int().regex(/x/),
      // @ts-expect-error a string has no gte
      z.string().gte(1),
      // @ts-expect-error transform is zod's but the generator never emits it
      z.string().transform((value: string) => value),
      // @ts-expect-error a shape value must be a schema
      z.strictObject({ id: 'not a schema' }),
    ];
    expect(typeof unused).toBe('function');
  });
});

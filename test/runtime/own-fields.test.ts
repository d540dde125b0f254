import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { callByName } from '../../templates/runtime/discovery-tools.ts';
import { ownField, ownFieldsOnly, withPrototypes } from '../../templates/runtime/own-fields.ts';
import { toolInputSchema } from '../../templates/runtime/standard-schema.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { checkVariant, type VariantFamily } from '../../templates/runtime/variant-check.ts';
import { tool } from './support.ts';

/** Every name an object inherits but `__proto__` (refused wherever it appears: standard-schema.ts). */
const INHERITED = Object.getOwnPropertyNames(Object.prototype).filter((name) => name !== '__proto__').sort();

/** A nested object whose every field is named like an inherited one: one required, the rest optional. */
function nested(required: string): ToolDefinition {
  const shape = Object.fromEntries(INHERITED.map((name) => [name, name === required ? z.string() : z.string().optional()]));
  return tool({ name: 'put_thing', http: { method: 'PUT', path: '/things', args: {} }, input: () => z.strictObject({ data: z.strictObject(shape) }) });
}

describe('ownFieldsOnly: validators see only what the model sent', () => {
  it('copies JSON values, each object without a prototype', () => {
    const copy = ownFieldsOnly({ a: [{ b: 1 }, 'x', null], c: { d: true } }) as Record<string, unknown>;
    expect(JSON.stringify(copy)).toBe('{"a":[{"b":1},"x",null],"c":{"d":true}}');
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(Object.getPrototypeOf((copy['a'] as object[])[0])).toBeNull();
    expect(Object.getPrototypeOf(copy['c'])).toBeNull();
    expect(Array.isArray(copy['a'])).toBe(true);
  });

  it('leaves scalars as they are', () => expect([0, '', false, null, undefined].map(ownFieldsOnly)).toStrictEqual([0, '', false, null, undefined]));

  it('withPrototypes gives ordinary objects back, own keys included', () => {
    const back = withPrototypes(ownFieldsOnly({ a: [{ constructor: 'c' }] })) as { a: Record<string, unknown>[] };
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(back.a[0])).toBe(Object.prototype);
    expect(Object.keys(back.a[0]!)).toStrictEqual(['constructor']);
    expect(String(back.a[0])).toBe('[object Object]');
  });

  it('ownField reads own fields only', () => {
    expect(ownField({ record: {}, field: 'constructor' })).toBeUndefined();
    expect(ownField({ record: { constructor: 'x' }, field: 'constructor' })).toBe('x');
  });
});

describe.each(INHERITED)('a nested field named %s', (name) => {
  const other = INHERITED.find((candidate) => candidate !== name)!;
  const validate = (value: unknown) => toolInputSchema(nested(name))['~standard'].validate(value);

  it('left out while optional: accepted (it read as the inherited function before)', () => {
    const result = validate({ data: { [name]: 'v' } }) as { value?: unknown; issues?: unknown };
    expect(result.issues).toBeUndefined();
    expect(result.value).toStrictEqual({ data: { [name]: 'v' } });
  });

  it('left out while required: refused as missing', () => {
    const result = validate({ data: { [other]: 'v' } }) as { issues?: readonly { message: string; path: readonly PropertyKey[] }[] };
    expect(result.issues?.map((issue) => [issue.path, issue.message])).toStrictEqual([[['data', name], 'Invalid input: expected string, received undefined']]);
  });

  it('sent: handed on as an own field of an ordinary object', () => {
    const result = validate({ data: { [name]: 'v', [other]: 'w' } }) as { value: { data: Record<string, unknown> } };
    expect(Object.getPrototypeOf(result.value.data)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(result.value.data, name)).toBe(true);
  });
});

describe('call_tool validates like a direct call', () => {
  const calls: Record<string, unknown>[] = [];
  const call = (input: { readonly args: Record<string, unknown> }) => {
    calls.push(input.args);
    return Promise.resolve({ content: [] });
  };
  const run = (args: Record<string, unknown>) => callByName({ tools: [nested('valueOf')], name: 'put_thing', args, call, ctx: {} as never });

  it('accepts an optional inherited name left out, and hands on ordinary objects', async () => {
    expect(await run({ data: { valueOf: 'v' } })).toStrictEqual({ content: [] });
    expect(Object.getPrototypeOf(calls.at(-1)!['data'])).toBe(Object.prototype);
  });

  it('refuses a required inherited name left out', async () => {
    const result = await run({ data: { toString: 'v' } });
    expect(JSON.stringify(result)).toContain('valueOf');
    expect((result as { isError?: boolean }).isError).toBe(true);
  });

  it('refuses a `__proto__` key instead of dropping it', async () => {
    const before = calls.length;
    const result = await run(JSON.parse('{"data":{"valueOf":"v","__proto__":{"x":1}}}') as Record<string, unknown>);
    expect((result as { isError?: boolean }).isError).toBe(true);
    expect(JSON.stringify(result)).toContain('unrecognized key \\"__proto__\\" at data.__proto__');
    expect(calls.length).toBe(before);
  });
});

describe('checkVariant reads the payload\'s own fields', () => {
  const family: VariantFamily = {
    discriminator: 'object_key',
    payload: 'json',
    variants: { part: { schema: () => z.strictObject({ constructor: z.string(), toString: z.string().optional() }), fields: ['constructor', 'toString'], required: ['constructor'] } },
  };

  it('reports a required inherited name left out, once', () =>
    expect(checkVariant({ family, args: { object_key: 'part', json: { toString: 't' } } })).toBe(
      'Refused: json does not fit object_key "part": missing required "constructor". Valid fields for part: constructor, toString. Nothing was sent.',
    ));

  it('accepts an optional inherited name left out', () => expect(checkVariant({ family, args: { object_key: 'part', json: { constructor: 'c' } } })).toBeUndefined());
});

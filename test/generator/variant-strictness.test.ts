import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { closedAtEveryDepth } from '../../generator/ir/closed-schema.ts';
import { layout, type Code } from '../../generator/emit/ts/code-layout.ts';
import { zodExpression } from '../../generator/emit/ts/zod-expression.ts';
import { knownKeysOnly } from '../../templates/runtime/known-keys.ts';

/** Evaluates emitted zod source the way the generated module does (`z` and the runtime's `knownKeysOnly` in scope). */
function compile(code: Code): z.ZodType {
  return new Function('z', 'knownKeysOnly', `return ${layout(code)};`)(z, knownKeysOnly) as z.ZodType;
}

const order = {
  type: 'object',
  properties: {
    notes: { type: 'string' },
    customer: { type: 'object', properties: { id: { type: 'string' } } },
    billTo: { type: 'object', properties: { id: { type: 'string' } }, additionalProperties: false },
    partner: { type: ['object', 'null'], properties: { id: { type: 'string' } } },
    lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
    metadata: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

describe('a variant schema is closed at every depth it declares', () => {
  const strict = compile(zodExpression(closedAtEveryDepth({ schema: order })));

  it.each([
    { name: 'top level', value: { junk: 1 } },
    { name: 'nested object', value: { customer: { id: 'c', name: 'x' } } },
    { name: 'nullable nested object', value: { partner: { id: 'p', deleteAll: true } } },
    { name: 'array element', value: { lines: [{ sku: 'a', price: 2 }] } },
  ])('refuses an unknown key: $name', ({ value }) => {
    const parsed = strict.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.code)).toStrictEqual(['unrecognized_keys']);
  });

  it('keeps what the doc declared open (a free-form map) open', () => {
    expect(strict.safeParse({ metadata: { anything: 'goes' }, customer: { id: 'c' } }).success).toBe(true);
  });

  it('accepts names matching the declared extra-name pattern at every depth, and only those', () => {
    const custom = compile(zodExpression(closedAtEveryDepth({ schema: order, extraNames: '__c$' })));
    expect(custom.safeParse({ region__c: 'w', customer: { id: 'c', tier__c: 2 }, billTo: { id: 'b', code__c: 'x' } }).success).toBe(true);
    expect(custom.safeParse({ billTo: { id: 'b', code: 'x' } }).success).toBe(false);
    const refused = custom.safeParse({ customer: { id: 'c', tier: 2 } });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues).toMatchObject([{ code: 'unrecognized_keys', keys: ['tier'], path: ['customer'] }]);
  });
});

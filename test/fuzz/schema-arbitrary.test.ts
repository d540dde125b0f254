import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzCaseArbitrary, type FuzzCase } from '../../scripts/fuzz/fuzz-cases.ts';
import { codePointLength, validArbitrary, type JsonSchema } from '../../scripts/fuzz/schema-arbitrary.ts';
import { asParsedBySdk } from '../../scripts/fuzz/fuzz-target.ts';
import { formatAwareAjv } from '../../scripts/simulator/schema-validator.ts';
import { REPO_ROOT, VENDORS } from '../../scripts/shared/repo-root.ts';
import { closedRoot } from '../../generator/shared/tool-surface.ts';
import { withSameFieldsResolved, type ListedInput } from '../../templates/runtime/same-fields.ts';

const ajv = formatAwareAjv();
const conforms = (input: { readonly schema: JsonSchema; readonly value: unknown }) => ajv.validate(input.schema, JSON.parse(JSON.stringify(input.value) ?? 'null')) === true;
const sample = (input: { arbitrary: fc.Arbitrary<unknown>; seed: number; n: number }) => fc.sample(input.arbitrary, { seed: input.seed, numRuns: input.n });

describe('validArbitrary: values derived from a schema conform to it', () => {
  const cases: { given: string; schema: JsonSchema; want: (values: unknown[]) => void }[] = [
    { given: 'an integer range', schema: { type: 'integer', minimum: -3, maximum: 7 }, want: (values) => expect(new Set(values)).toContain(-3) },
    { given: 'an integer range (upper boundary)', schema: { type: 'integer', minimum: -3, maximum: 7 }, want: (values) => expect(new Set(values)).toContain(7) },
    { given: 'a nullable string', schema: { type: ['string', 'null'] }, want: (values) => expect(values).toContain(null) },
    { given: 'an enum', schema: { enum: ['a', 'b'] }, want: (values) => expect(new Set(values)).toEqual(new Set(['a', 'b'])) },
    { given: 'a const', schema: { const: 'fixed' }, want: (values) => expect(new Set(values)).toEqual(new Set(['fixed'])) },
    { given: 'a pattern', schema: { type: 'string', pattern: '^[A-Z]{3}$' }, want: (values) => expect(values.every((v) => /^[A-Z]{3}$/.test(v as string))).toBe(true) },
    { given: 'length bounds in code points', schema: { type: 'string', minLength: 2, maxLength: 3 }, want: (values) => expect(values.every((v) => codePointLength(v as string) >= 2 && codePointLength(v as string) <= 3)).toBe(true) },
    { given: 'free text', schema: { type: 'string' }, want: (values) => expect(values.some((v) => /[/%?#@{}\u202E\u200B]/u.test(v as string))).toBe(true) },
    { given: 'formats', schema: { type: 'object', properties: { u: { type: 'string', format: 'uuid' }, e: { type: 'string', format: 'email' }, d: { type: 'string', format: 'date' }, w: { type: 'string', format: 'uri' } }, required: ['u', 'e', 'd', 'w'], additionalProperties: false }, want: (values) => expect(values.length).toBe(300) },
    { given: 'a union with a required parent field', schema: { type: 'object', required: ['key'], properties: { key: { type: 'string' } }, anyOf: [{ type: 'object', properties: { a: { type: 'integer' } } }, { type: 'object', properties: { b: { type: 'boolean' } } }] }, want: (values) => expect(values.every((v) => typeof (v as { key?: unknown }).key === 'string')).toBe(true) },
  ];

  it.each(cases)('$given', ({ schema, want }) => {
    const values = sample({ arbitrary: validArbitrary(schema), seed: 7, n: 300 });
    const rejected = values.filter((value) => !conforms({ schema, value }));
    expect(rejected.slice(0, 3)).toEqual([]);
    want(values);
  });

  // Each tool's schema as its server enforces it: the listed root is closed at run time (closedRoot)
  // and a shape listed once is the whole shape wherever it is taken (same-fields.ts).
  const tools = VENDORS.flatMap((vendor) => {
    const listed = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'tools.json'), 'utf8')) as { tools: (ListedInput & { inputSchema: JsonSchema })[] }).tools;
    const byName = new Map(listed.map((tool) => [tool.name, tool]));
    return listed.map((tool) => withSameFieldsResolved({ tool, toolNamed: (name) => byName.get(name) })).map((tool) => ({ ...tool, inputSchema: closedRoot(tool.inputSchema) }));
  });

  it('holds for the input schema of every generated tool', () => {
    for (const tool of tools) {
      const rejected = sample({ arbitrary: validArbitrary(tool.inputSchema), seed: 11, n: 40 }).filter((value) => !conforms({ schema: tool.inputSchema, value }));
      expect(rejected.slice(0, 2), tool.name).toEqual([]);
    }
  });

  it('makes omitted-required, non-object and extra-key calls that every tool schema rejects', () => {
    const mustFail = new Set<FuzzCase['kind']>(['omit-required', 'non-object', 'extra-key']);
    let checked = 0;
    for (const tool of tools) {
      const cases = sample({ arbitrary: fuzzCaseArbitrary({ name: tool.name, inputSchema: tool.inputSchema, urlArgs: [] }), seed: 3, n: 60 }) as FuzzCase[];
      for (const fuzzCase of cases.filter((c) => mustFail.has(c.kind))) {
        const args = typeof fuzzCase.args === 'object' && fuzzCase.args !== null && !Array.isArray(fuzzCase.args) ? asParsedBySdk(fuzzCase.args as Record<string, unknown>) : fuzzCase.args;
        // A top-level `__proto__` never reaches the tool (the SDK drops it), so that one case is exempt.
        if (fuzzCase.kind === 'extra-key' && Object.keys(args as object).length === Object.keys(fuzzCase.args as object).length - 1) continue;
        expect(conforms({ schema: tool.inputSchema, value: args }), `${tool.name} ${JSON.stringify(fuzzCase).slice(0, 200)}`).toBe(false);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

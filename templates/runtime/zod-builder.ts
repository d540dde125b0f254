import * as zod from 'zod';

/**
 * zod's builders as the generated tool and variant modules see them: every method returns one of a
 * few plain types instead of zod's per-schema inferred type. The calls and the schemas they build
 * are zod's own (this object is zod's namespace); only the compile-time view is narrower. Why: a
 * spec of 20,000 operations has 20,000 validators, and inferring each one's type took ~75 % of
 * tsc's memory (Graph beta passed 24 GB) for types nothing reads — ToolDefinition types `input`.
 * Only the methods the generator emits are named, so an emitter bug calling anything else still
 * fails the package's type-check.
 */
export interface Schema {
  /** What the runtime does with a variant's schema (variant-check.ts). */
  safeParse(value: unknown): zod.ZodSafeParseResult<unknown>;
  optional(): Schema;
  nullable(): Schema;
  and(other: Schema): Schema;
  /** The runtime's checks of keywords zod lacks (json-schema-checks.ts, known-keys.ts). */
  superRefine(check: (value: never, context: zod.RefinementCtx) => void): Schema;
}

export interface StringSchema extends Schema {
  min(length: number): StringSchema;
  max(length: number): StringSchema;
  regex(pattern: RegExp, message?: string): StringSchema;
  /** A `format: uri` string: its own checks first, then z.url() (zod-expression.ts). */
  pipe(next: StringSchema): Schema;
}

export interface NumberSchema extends Schema {
  gte(value: number): NumberSchema;
  lte(value: number): NumberSchema;
  gt(value: number): NumberSchema;
  lt(value: number): NumberSchema;
  multipleOf(value: number): NumberSchema;
}

export interface ArraySchema extends Schema {
  min(length: number): ArraySchema;
  max(length: number): ArraySchema;
}

type Shape = Readonly<Record<string, Schema>>;

/** A tool's whole input: what ToolDefinition's `input` hands to `safeParse`. */
export type ObjectSchema = Schema & zod.ZodType<Record<string, unknown>>;

export interface OpenObjectSchema extends Schema {
  catchall(rest: Schema): Schema;
}

type Primitive = string | number | boolean | null;

export interface ZodBuilders {
  string(): StringSchema;
  email(): StringSchema;
  url(): StringSchema;
  readonly iso: { date(): StringSchema; datetime(options: { readonly offset: boolean }): StringSchema };
  int(): NumberSchema;
  number(): NumberSchema;
  boolean(): Schema;
  null(): Schema;
  unknown(): Schema;
  never(): Schema;
  literal(value: Primitive): Schema;
  enum(values: readonly [string, ...string[]]): Schema;
  union(members: readonly [Schema, ...Schema[]]): Schema;
  xor(members: readonly [Schema, ...Schema[]]): Schema;
  array(item: Schema): ArraySchema;
  record(key: StringSchema, value: Schema): Schema;
  strictObject(shape: Shape): ObjectSchema;
  object(shape: Shape): OpenObjectSchema;
  looseObject(shape: Shape): OpenObjectSchema;
}

// The one cast: zod's own generic signatures are what this view leaves out; test/runtime/zod-builder.test.ts
// checks that each named builder is zod's and builds what zod builds.
export const z = zod as unknown as ZodBuilders;

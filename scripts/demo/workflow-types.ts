import type { SimVendor } from '../simulator/index.ts';

/** Values a step saves for later steps (an order id, the group found by name). */
export type Context = Readonly<Record<string, unknown>>;

export type ToolResult = {
  readonly isError?: boolean;
  readonly structuredContent?: Record<string, unknown>;
  readonly content: readonly unknown[];
};

/** A request the vendor must receive, exactly: anything left out must be absent or empty. */
export type ExpectedRequest = {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the vendor base URL, without the query. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: unknown;
  /** Defaults to 200. */
  readonly status?: number;
};

export type ExpectedResult = {
  /** Defaults to false: a step that should fail says so. */
  readonly isError?: boolean;
  /** Matched as a subset: objects may carry more keys, arrays must match element by element. */
  readonly structured?: unknown;
  /** Text the result must contain (a refusal's wording). */
  readonly text?: string;
  /** A fact about the result that a subset cannot express; `says` is printed when it does not hold. */
  readonly holds?: { readonly says: string; readonly test: (structured: Record<string, unknown>) => boolean };
};

/** The result as a step reads it: structuredContent (or {}) and the first text block. */
export type Answer = { readonly structured: Record<string, unknown>; readonly text: string };

/** What the transcript shows as the result: one line, or a line and a small table. */
export type ResultView = string | { readonly line: string; readonly table: readonly (readonly string[])[] };

export type Step = {
  /** What the agent is doing, in words. */
  readonly title: string;
  readonly tool: string;
  readonly args: (context: Context) => Record<string, unknown>;
  readonly expect: (context: Context) => { readonly requests: readonly ExpectedRequest[]; readonly result: ExpectedResult };
  /** Picks values from the result for later steps; an undefined value fails the step. */
  readonly save?: (answer: Answer, context: Context) => Record<string, unknown>;
  readonly view: (answer: Answer, context: Context) => ResultView;
};

export type Workflow = {
  readonly vendor: SimVendor;
  readonly title: string;
  /** One sentence: the situation the agent is in. */
  readonly story: string;
  readonly steps: readonly Step[];
};

import type { Icon } from '@modelcontextprotocol/server';
import type { ZodType } from 'zod';
import type { Safeguard } from './safeguards.ts';
import type { VariantFamily } from './variant-check.ts';

export type JsonObject = { readonly [key: string]: unknown };

export type ArgLocation = 'path' | 'query' | 'header' | 'body';

/** Where one flat tool argument goes in the HTTP request. */
export type ArgBinding = {
  readonly in: ArgLocation;
  /** Name on the wire. */
  readonly name: string;
  readonly style?: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  readonly explode?: boolean;
  /** Body fields that repeat the same value (a path variable the body repeats); no other place is mirrored. */
  readonly mirrors?: readonly { readonly in: 'body'; readonly name: string }[];
};

export type BodyBinding = {
  readonly mediaType: string;
  readonly encoding: 'json' | 'form';
  /** `fields`: body arguments are the top-level properties. `whole`: the `body` argument is the body. */
  readonly mode: 'fields' | 'whole';
  /** The doc requires a body: with no body fields given, an empty object is still sent. */
  readonly required?: boolean;
};

export type HttpBinding = {
  readonly method: string;
  /** Path template relative to the base URL, e.g. `/orders/{id}`. */
  readonly path: string;
  readonly args: Readonly<Record<string, ArgBinding>>;
  readonly body?: BodyBinding;
};

export type ToolAnnotations = {
  readonly title: string;
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  readonly openWorldHint: boolean;
};

/**
 * The paging contract of a list tool: the model passes `limit` and an opaque `cursor`; the runtime
 * fills the vendor's own paging arguments (flat names below) and shapes `{items, next_cursor}`.
 */
export type Pagination = {
  readonly style: 'offset' | 'page' | 'cursor' | 'single';
  readonly limitArg?: string;
  readonly offsetArg?: string;
  readonly pageArg?: string;
  readonly cursorArg?: string;
  readonly firstPage?: number;
  /** JSON pointers into the vendor's response body. */
  readonly itemsPointer: string;
  readonly totalPointer?: string;
  /** `cursor` style, bookmark kind: where, inside the last item, the value that fetches the next page is. */
  readonly nextFromItem?: string;
  /** `cursor` style, token kind: where in the response the vendor's cursor for the next page is (absent on the last page). */
  readonly nextPointer?: string;
  /** The vendor's fixed page size, where it takes no size argument. */
  readonly pageSize?: number;
  readonly defaultLimit: number;
  readonly maxLimit: number;
};

/** One generated tool: declarative data plus its strict input validator. */
export type ToolDefinition = {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly methodClass: 'read' | 'write' | 'custom';
  /** The vendor doc's method (`list`, `get`, `create`, `update`, `delete` or a custom verb); `--methods` matches it exactly. */
  readonly method: string;
  readonly tags: readonly string[];
  readonly annotations: ToolAnnotations;
  /** Shown by clients next to the tool, where the doc gives one. */
  readonly icons?: readonly Icon[];
  /** Hints for hosts that load tools lazily (`anthropic/alwaysLoad`, `anthropic/searchHint`), sent as the tool's `_meta`. */
  readonly _meta?: JsonObject;
  /** JSON Schema exactly as `tools/list` shows it. */
  readonly inputSchema: JsonObject;
  /**
   * The same contract as a strict zod schema; unknown keys are errors, never silently dropped.
   * Built on the tool's first call and kept (see memoized.ts), so start-up does not pay for it.
   */
  readonly input: () => ZodType<Record<string, unknown>>;
  /** What `structuredContent` looks like; tolerant by design (types only, open objects). */
  readonly outputSchema: JsonObject;
  readonly http: HttpBinding;
  /** Checks that run before any request; declared in the vendor doc. */
  readonly safeguards: readonly Safeguard[];
  /** Write tools accept `dry_run: true`, which returns the request instead of sending it. */
  readonly dryRun: boolean;
  readonly pagination?: Pagination;
  /** Per-variant payload validation (one schema per discriminator value), when the doc declares a family. */
  readonly variants?: VariantFamily;
  /** The vendor-doc node this tool was generated from. */
  readonly source: { readonly file: string; readonly pointer: string };
};

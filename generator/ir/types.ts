import type { Icon } from '@modelcontextprotocol/server';
/**
 * The IR is the contract between reading documents and emitting packages. It is plain readonly
 * data: every node says where it came from, so diagnostics and provenance can point back.
 */
import type { ErrorEnvelope } from '../../templates/runtime/error-envelope.ts';
import type { ClientCredentialsGrant } from '../../templates/runtime/oauth-client-credentials.ts';
import type { DisjointGuard, FullArrayGuard } from '../../templates/runtime/safeguards.ts';
import type { ToolMeta } from '../../templates/runtime/same-fields.ts';
import type { Pagination, ToolAnnotations } from '../../templates/runtime/tool-definition.ts';

/** A file and an RFC 6901 pointer inside it. */
export type SourceRef = { readonly file: string; readonly pointer: string };

/**
 * A runtime contract type plus where the vendor doc declared it. The runtime's types
 * (templates/runtime) are written once; the IR's are derived from them, never restated.
 */
type Sourced<T> = T extends unknown ? T & { readonly source: SourceRef } : never;

/** A self-contained JSON Schema (2020-12 subset): no `$ref`, `allOf` merged, OpenAPI-only keys removed. */
export type JsonSchema = { readonly [keyword: string]: unknown };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export type ArgLocation = 'path' | 'query' | 'header' | 'body';

/** How an array or object query value is written on the wire (OpenAPI `style` + `explode`). */
export type QueryStyle = 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';

/** One flat tool argument and where it goes in the HTTP request. */
export type ArgIR = {
  readonly kind: 'arg';
  /** Name the model passes, unique within the tool. */
  readonly name: string;
  /** Name on the wire: path template variable, query key, header name or body property. */
  readonly wireName: string;
  readonly location: ArgLocation;
  readonly required: boolean;
  readonly schema: JsonSchema;
  /** Only for query arguments. */
  readonly style?: QueryStyle;
  readonly explode?: boolean;
  /** Other places the same value is sent, e.g. an `objectKey` that is both a path variable and a body field. */
  readonly mirrors?: readonly { readonly in: ArgLocation; readonly name: string }[];
  /** Set by the runtime, never by the model (a vendor paging parameter behind `limit`/`cursor`). */
  readonly managed?: 'pagination';
  readonly source: SourceRef;
};

/**
 * One paging contract for every list tool (`limit` + opaque `cursor` in, `{items, next_cursor}`
 * out), mapped onto whatever the vendor uses. Declared once per vendor in root `x-mcp.pagination`.
 * The shape is the runtime's own (`Pagination`), so drift is a compile error here.
 */
export type PaginationIR = Sourced<Pagination>;

/** How the request body is assembled from arguments. */
export type BodyIR = {
  readonly kind: 'body';
  readonly mediaType: string;
  readonly encoding: 'json' | 'form';
  /** `fields`: each top-level property is its own argument. `whole`: one `body` argument carries it all. */
  readonly mode: 'fields' | 'whole';
  readonly required: boolean;
  readonly source: SourceRef;
};

export type MethodClass = 'read' | 'write' | 'custom';

/** A check the runtime runs before any request, declared in the vendor doc (`x-mcp.safeguards`); the runtime's shape. */
export type SafeguardIR = Sourced<Required<Omit<FullArrayGuard, 'carryOver' | 'recordId'>> & Pick<FullArrayGuard, 'carryOver' | 'recordId'>> | Sourced<DisjointGuard>;

/** MCP tool annotations exactly as the runtime serves them. */
export type ToolAnnotationsIR = ToolAnnotations;

export type ToolIR = {
  readonly kind: 'tool';
  readonly name: string;
  readonly title: string;
  /** Written for a model; the quality gate guarantees it is not empty. */
  readonly description: string;
  readonly methodClass: MethodClass;
  /** Truto-style method (`list`, `get`, …, or a custom verb) and resource the name was made from. */
  readonly method: string;
  readonly resource: string;
  readonly tags: readonly string[];
  readonly http: { readonly method: HttpMethod; readonly path: string };
  readonly args: readonly ArgIR[];
  /** Arguments that steer the runtime and are never sent (`dry_run`, confirmations). */
  readonly controls: readonly { readonly name: string; readonly schema: JsonSchema }[];
  readonly body?: BodyIR;
  /** The root is always `type: object`, strict, and lists every argument. */
  readonly inputSchema: JsonSchema;
  readonly annotations: ToolAnnotationsIR;
  /** Operation `x-mcp.icons`, shown by clients next to the tool. */
  readonly icons?: readonly IconIR[];
  /** The tool's `_meta` for hosts that load tools lazily (`x-mcp.alwaysLoad`, `x-mcp.searchHint`, else the title). */
  readonly _meta: ToolMeta;
  readonly safeguards: readonly SafeguardIR[];
  readonly variants?: ToolVariantsIR;
  readonly pagination?: PaginationIR;
  /**
   * What `structuredContent` looks like: always an object root, arrays wrapped as `{items}`.
   * Deliberately tolerant (no `required`, open objects, shallow) so a vendor's undocumented extra
   * or null field never makes a client reject a successful call. Kept within the vendor's output
   * schema budget by opening its deepest levels (output-budget.ts).
   */
  readonly outputSchema: JsonSchema;
  /** Accepts `dry_run: true`: every tool that is not read-only. */
  readonly dryRun: boolean;
  readonly operationId?: string;
  readonly source: SourceRef;
};

/** One schema per value of a discriminator (Rose Rocket: per objectKey), declared at the root. */
export type VariantFamilyIR = {
  readonly kind: 'variant-family';
  /** Wire name of the discriminator, which also names the family (`objectKey`). */
  readonly name: string;
  /** Wire name of the field whose shape the discriminator selects (`json`). */
  readonly payload: string;
  /** Emit one tool per variant instead of one generic tool (fewer choices per tool, more tools). */
  readonly split: boolean;
  /**
   * What the family's schema tool answers, per value: the variant's JSON Schema with its field
   * descriptions and the custom-field pattern, exactly the shape the run-time check enforces.
   */
  readonly shapes: Readonly<Record<string, JsonSchema>>;
  /**
   * The one tool that serves `shapes` to the model, present when a generic tool writes the
   * payload: the write tools point to it instead of each listing every variant (~4,200 tokens a
   * tool on Rose Rocket).
   */
  readonly schemaTool?: SchemaToolIR;
  readonly variants: readonly { readonly name: string; readonly schema: JsonSchema; readonly source: SourceRef }[];
  /**
   * Undeclared field names the vendor accepts at any depth of a variant (a regular expression,
   * e.g. custom fields ending in `__c`); every other undeclared name is refused.
   */
  readonly extraNames?: string;
  /** The declared open world: custom fields every variant accepts, and undeclared values sent unchecked. */
  readonly open?: VariantOpenIR;
  readonly source: SourceRef;
};

/** A tool the server answers itself, from generated data, with no vendor call. */
export type SchemaToolIR = {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: JsonSchema;
  readonly outputSchema: JsonSchema;
  readonly annotations: ToolAnnotationsIR;
  readonly _meta: ToolMeta;
  /** The flat argument naming the value whose shape is asked for (`object_key`). */
  readonly discriminatorArg: string;
};

/** `x-mcp.variants.<family>.open`: what a family accepts beyond its declared variants. */
export type VariantOpenIR = {
  /** Payload fields whose names end in this are accepted in every variant, unchecked (`__c`). */
  readonly customFieldSuffix?: string;
  /** A discriminator value not declared (or ending in the suffix) is sent with its payload unchecked. */
  readonly undeclared: 'refused' | 'unchecked';
};

/** How one tool uses a family: which flat arguments carry the discriminator and the payload. */
export type ToolVariantsIR = {
  readonly family: string;
  readonly discriminatorArg: string;
  readonly payloadArg?: string;
  /** Split mode: this tool serves one variant, and the discriminator is fixed to it. */
  readonly fixed?: string;
  readonly open?: VariantOpenIR;
};

/** An operation that did not become a tool, and why. */
export type OmittedIR = {
  readonly kind: 'omitted';
  readonly operation: string;
  readonly reason: string;
  readonly source: SourceRef;
};

/** OAuth 2.0 client-credentials grant; every request field comes from an environment variable. */
export type ClientCredentialsIR = Sourced<ClientCredentialsGrant>;

/** Where the vendor's error body keeps its message, code, request id and per-field problems. */
export type ErrorEnvelopeIR = Sourced<ErrorEnvelope>;

export type AuthIR =
  | { readonly kind: 'bearer'; readonly env: string; readonly clientCredentials?: ClientCredentialsIR; readonly source: SourceRef }
  | { readonly kind: 'api-key'; readonly in: 'header' | 'query'; readonly name: string; readonly env: string; readonly source: SourceRef }
  | { readonly kind: 'basic'; readonly env: string; readonly source: SourceRef }
  | { readonly kind: 'none'; readonly source: SourceRef };

/** A limit the vendor doc declares, with where it declares it. */
export type LimitIR = { readonly limit: number; readonly source: SourceRef };

/** One argument a prompt takes; every value is a string (MCP prompt arguments are strings). */
export type PromptArgumentIR = { readonly name: string; readonly description: string; readonly required: boolean };

/** An argument-taking template (root `x-mcp.prompts`) that sets up a workflow with the right tools. */
export type PromptIR = {
  readonly kind: 'prompt';
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly arguments: readonly PromptArgumentIR[];
  /** The message text, with `{{argument}}` placeholders; data from the doc, never code. */
  readonly text: string;
  readonly source: SourceRef;
};

/** An MCP icon (`src` an https or data: URL), as the doc gives it. */
/** An icon exactly as MCP serves it (the runtime's and the SDK's shape). */
export type IconIR = Icon;

export type VendorIR = {
  readonly kind: 'vendor';
  /** Vendor as written in tool names before snake-casing (`eDesk`). */
  readonly vendorName: string;
  /** Folder under generated/ and npm slug (`edesk`). */
  readonly slug: string;
  readonly packageName: string;
  readonly binName: string;
  readonly title: string;
  readonly description: string;
  readonly envPrefix: string;
  readonly baseUrl: string;
  readonly baseUrlEnv: string;
  readonly auth: AuthIR;
  readonly headers: Readonly<Record<string, string>>;
  readonly errors?: ErrorEnvelopeIR;
  /** Most model-visible tokens (o200k_base, generator/shared/model-tokens.ts) listing every tool may cost (root `x-mcp.tokenBudget`); the build fails above it. */
  readonly tokenBudget?: LimitIR;
  /** Most characters of compact JSON one tool's output schema may take (root `x-mcp.outputSchemaBudget`); deeper levels are opened above it. */
  readonly outputSchemaBudget?: LimitIR;
  /**
   * How tools are listed to the model: `lean` (the default) lists each shared nested shape once
   * (ir/shared-shapes.ts) and, for a plain spec, shortens its reference-page text
   * (ir/from-openapi/concise-text.ts); `full` lists every shape and word as the doc has them
   * (root `x-mcp.listing`, or `--full-listing` for a plain spec).
   */
  readonly listing: 'lean' | 'full';
  /** Why a version changes, in plain words, by the version it explains (root `x-mcp.releaseNotes`). */
  readonly releaseNotes?: Readonly<Record<string, string>>;
  /** Root `x-mcp.prompts`, in the doc's order. */
  readonly prompts?: readonly PromptIR[];
  /** Root `x-mcp.icons`: the server's icon(s). */
  readonly icons?: readonly IconIR[];
  readonly source: SourceRef;
};

export type ApiIR = {
  readonly kind: 'api';
  readonly vendor: VendorIR;
  /** Sorted by name (codepoint order). */
  readonly tools: readonly ToolIR[];
  readonly omitted: readonly OmittedIR[];
  /** Variant families used by at least one tool. */
  readonly families: readonly VariantFamilyIR[];
  readonly sourceFile: string;
  readonly sourceSha256: string;
};

/** Public and shared types of the vendor simulator. */

/** A vendor name; which ones exist is decided by the registry (vendor-registry.ts), not by this type. */
export type SimVendor = string;

export type RecordedRequest = {
  method: string;
  /** Path relative to the vendor base path, as received (segments keep their encoding), no query. */
  path: string;
  /** Exactly as received, including the base path and the query. */
  rawUrl: string;
  /** Decoded query values; a repeated key becomes an array. */
  query: Record<string, string | string[]>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON when the body parsed as JSON, else undefined. */
  body: unknown;
  rawBody: string;
  /** `GET /orders/{id}` when the method and path matched an operation of the doc. */
  operation?: string;
  /** Passed doc validation and auth. */
  valid: boolean;
  errors: string[];
  status: number;
};

export type SimResponseOverride = {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  delayMs?: number;
};

export type Simulator = {
  /** Origin plus the vendor base path: what a client sets as `<VENDOR>_BASE_URL`. */
  baseUrl: string;
  origin: string;
  requests: RecordedRequest[];
  token: string;
  reset(): void;
  enqueue(o: SimResponseOverride): void;
  close(): Promise<void>;
};

/** Where in the request a validation problem was found. */
export type IssueLocation = 'auth' | 'header' | 'path' | 'query' | 'body' | 'route';

/**
 * One validation problem. `kind` lets each vendor's envelope pick its own code (eDesk's 4001…4022)
 * without re-parsing the message.
 */
export type ValidationIssue = {
  location: IssueLocation;
  /** Parameter name or dotted body path; empty for the body as a whole. */
  field: string;
  kind: IssueKind;
  message: string;
};

export type IssueKind =
  | 'required'
  | 'unknown'
  | 'enum'
  | 'type-integer'
  | 'type-number'
  | 'type-string'
  | 'type-boolean'
  | 'type-array'
  | 'type-object'
  | 'format-date'
  | 'format-email'
  | 'format-uri'
  | 'format-other'
  | 'max-length'
  | 'range'
  | 'content-type'
  | 'malformed'
  /** A referenced object (ticket, tag, sales order) does not exist: a stateful check, not a schema one. */
  | 'reference'
  /** The item named does not belong to the parent object. */
  | 'ownership'
  /** A business limit (eDesk's template quota). */
  | 'limit'
  | 'other';

export type JsonObject = { [key: string]: unknown };

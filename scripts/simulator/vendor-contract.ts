import { readFileSync } from 'node:fs';
import { createSchemaValidator, type SchemaValidator } from './schema-validator.ts';
import type { JsonObject, SimVendor, ValidationIssue } from './types.ts';

/**
 * What the vendor's own published sources say a request may carry, kept apart from the vendor doc
 * the generator reads (contracts/<vendor>.json, each operation with its source). The simulator holds
 * requests to both, so a field name our doc gets wrong fails here even when the doc allows it.
 */
export type VendorContract = {
  readonly vendor: SimVendor;
  readonly operations: Readonly<Record<string, ContractOperation>>;
};

type ContractOperation = {
  /** The vendor document this operation's facts come from. */
  readonly source: string;
  /** Every query key the vendor declares; absent means the source is silent and the doc decides. */
  readonly query?: readonly string[];
  /** JSON Schema of the body, closed at every depth unless the vendor leaves an object open. */
  readonly body?: JsonObject;
};

export type ContractCheck = (input: { readonly operation: string; readonly queryKeys: readonly string[]; readonly body: unknown }) => ValidationIssue[];

export function loadContract(vendor: SimVendor): VendorContract {
  const url = new URL(`./contracts/${vendor}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as VendorContract;
}

function queryIssues(input: { readonly allowed: readonly string[] | undefined; readonly keys: readonly string[] }): ValidationIssue[] {
  if (input.allowed === undefined) return [];
  return [...new Set(input.keys)]
    .filter((key) => !input.allowed!.includes(key))
    .map((key) => ({ location: 'query', field: key, kind: 'unknown', message: `query parameter ${key} is not in the vendor's contract (it declares ${input.allowed!.length === 0 ? 'none' : input.allowed!.join(', ')})` }));
}

/** One check for every request of a vendor: the query keys and the body against the contract's facts. */
export function createContractCheck(contract: VendorContract): ContractCheck {
  const validator: SchemaValidator = createSchemaValidator(contract as unknown as JsonObject);
  return ({ operation, queryKeys, body }) => {
    const facts = contract.operations[operation];
    if (facts === undefined) return [];
    const pointer = `#/operations/${operation.replace(/~/g, '~0').replace(/\//g, '~1')}/body`;
    const bodyIssues = facts.body === undefined || body === undefined ? [] : validator.validate({ pointer, value: body, location: 'body' });
    return [...queryIssues({ allowed: facts.query, keys: queryKeys }), ...bodyIssues.map((issue) => ({ ...issue, message: `${issue.message} by the vendor's contract (${facts.source})` }))];
  };
}

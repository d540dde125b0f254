import { joinPointer } from '../../shared/json-pointer.ts';
import { setOwn } from '../../shared/set-own.ts';
import { confirmRemovedArgumentName, DRY_RUN_ARG } from '../naming.ts';
import type { ArgIR, JsonSchema, SafeguardIR } from '../types.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';

/** A flat argument that is not sent anywhere: it steers the runtime (`dry_run`, confirmations). */
export type ControlArgIR = { readonly name: string; readonly schema: JsonSchema };

/** Every write tool carries it, so its words are paid once per write tool per turn: kept to what the model acts on. */
const DRY_RUN: ControlArgIR = {
  name: DRY_RUN_ARG,
  schema: { type: 'boolean', description: 'Preview only.' },
};

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function withoutDescription(schema: JsonSchema): JsonSchema {
  const { description: _said, ...rest } = schema;
  return rest;
}

function confirmSchema(input: { readonly arg: ArgIR; readonly identity: readonly string[] }): JsonSchema {
  const items = (input.arg.schema['items'] ?? {}) as JsonSchema;
  const properties = (items['properties'] ?? {}) as Record<string, JsonSchema>;
  // The identity fields are described once, in the array they identify; here they are only named.
  const element: JsonSchema = input.identity.length === 0
    ? withoutDescription(items)
    : { type: 'object', properties: Object.fromEntries(input.identity.map((field) => [field, withoutDescription((ownEntry({ record: properties, name: field }) ?? {}) as JsonSchema)])), required: [...input.identity] };
  return {
    type: 'array',
    items: element,
    description: `Only when a refusal names dropped ${input.arg.name}: exactly those.`,
  };
}

/** A named entry of a document's record, never one it inherits (`constructor` would read Object's). */
function ownEntry(input: { readonly record: Record<string, unknown>; readonly name: string }): unknown {
  return Object.hasOwn(input.record, input.name) ? input.record[input.name] : undefined;
}

const COMPARISONS = new Set(['case-insensitive']);

/** UUIDs are case-insensitive by definition (RFC 9562), so a `format: uuid` identity is compared that way without being declared. */
function isUuid(schema: unknown): boolean {
  return isRecord(schema) && schema['format'] === 'uuid';
}

function declaredComparison(input: { readonly context: BuildContext; readonly value: unknown; readonly at: string }): 'case-insensitive' | undefined {
  if (input.value === undefined) return undefined;
  if (typeof input.value === 'string' && COMPARISONS.has(input.value)) return 'case-insensitive';
  report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: input.at, message: 'a safeguard comparison must be "case-insensitive"' });
  return undefined;
}

/** How the vendor compares each identity field: declared in `compare`, or case-insensitive for UUIDs. */
function identityComparison(input: { readonly context: BuildContext; readonly raw: Record<string, unknown>; readonly at: string; readonly arg: ArgIR; readonly identity: readonly string[] }): Record<string, 'case-insensitive'> {
  const items = isRecord(input.arg.schema['items']) ? input.arg.schema['items'] : {};
  const properties = isRecord(items['properties']) ? items['properties'] : {};
  const declared = isRecord(input.raw['compare']) ? input.raw['compare'] : {};
  const fields = input.identity.length === 0 ? [''] : input.identity;
  const compare: Record<string, 'case-insensitive'> = {};
  for (const field of fields) {
    const schema = field === '' ? items : ownEntry({ record: properties, name: field });
    const rule = declaredComparison({ context: input.context, value: ownEntry({ record: declared, name: field === '' ? 'value' : field }), at: joinPointer(input.at, 'compare', field === '' ? 'value' : field) }) ?? (isUuid(schema) ? 'case-insensitive' : undefined);
    if (rule !== undefined) setOwn({ record: compare, name: field, value: rule });
  }
  return compare;
}

type Resolved = { readonly safeguards: SafeguardIR[]; readonly controls: ControlArgIR[] };

type RecordIdIR = NonNullable<Extract<SafeguardIR, { kind: 'full-array' }>['recordId']>;

/**
 * `read.id`: where the read's answer names its record, checked against the one path argument of the
 * read path before the guard trusts the list (runtime `otherRecord`). Without it the guard cannot
 * tell that the vendor read the record the write names, and the doc is told so.
 */
function readRecordId(input: { readonly context: BuildContext; readonly read: Record<string, unknown>; readonly at: string; readonly args: readonly ArgIR[]; readonly readPath: string }): RecordIdIR | undefined {
  const { context, read, at } = input;
  const pointer = ownEntry({ record: read, name: 'id' });
  // `id: false`: the doc says the answer carries no id (the check cannot be made, and that is written down).
  if (pointer === false) return undefined;
  if (pointer === undefined) {
    report({ context, code: 'VMCP_GUARD_RECORD_UNCHECKED', severity: 'warning', pointer: at, message: `this full-array safeguard cannot check that its read of ${input.readPath} returned the record being written` });
    return undefined;
  }
  if (typeof pointer !== 'string' || !(pointer === '' || pointer.startsWith('/'))) {
    report({ context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: joinPointer(at, 'id'), message: 'read.id must be a JSON pointer ("/id", "/data/id") to the record id in the read\'s answer, or false when the answer carries none' });
    return undefined;
  }
  const names = [...input.readPath.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
  const arg = names.length === 1 ? input.args.find((a) => a.location === 'path' && a.wireName === names[0]) : undefined;
  if (arg === undefined) {
    report({ context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: joinPointer(at, 'id'), message: `read.id needs a read path with exactly one {parameter} of this operation; ${input.readPath} has ${names.length}${names.length === 1 ? `, not an argument of this operation` : ''}` });
    return undefined;
  }
  return { pointer, arg: arg.name, ...(isUuid(arg.schema) ? { compare: 'case-insensitive' as const } : {}) };
}

function fullArray(input: { readonly context: BuildContext; readonly raw: Record<string, unknown>; readonly at: string; readonly args: readonly ArgIR[]; readonly path: string }): Resolved | undefined {
  const { context, raw, at, args } = input;
  const arg = args.find((a) => a.wireName === raw['field'] && a.location === 'body');
  // Absent means whole elements; anything else that is not a list of names is refused, not read as absent.
  const identity = raw['identity'] === undefined ? [] : stringList(raw['identity']);
  if (identity === undefined) {
    report({ context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: joinPointer(at, 'identity'), message: 'a full-array identity must be a list of field names ([] compares whole elements)' });
    return undefined;
  }
  const read = isRecord(raw['read']) ? raw['read'] : {};
  const pointer = typeof read['pointer'] === 'string' ? read['pointer'] : `/${String(raw['field'])}`;
  if (arg === undefined) {
    report({ context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: joinPointer(at, 'field'), message: `full-array safeguard names ${JSON.stringify(raw['field'])}, which is not a body field of this operation` });
    return undefined;
  }
  const confirmArg = confirmRemovedArgumentName(arg.name);
  const readPath = typeof read['path'] === 'string' ? read['path'] : input.path;
  const recordId = readRecordId({ context, read, at: joinPointer(at, 'read'), args, readPath });
  const safeguard: SafeguardIR = {
    kind: 'full-array', arg: arg.name, identity, compare: identityComparison({ context, raw, at, arg, identity }), currentPointer: pointer, confirmArg,
    readPath,
    mustExist: raw['mustExist'] === true,
    ...(raw['whenOmitted'] === 'carry' ? { carryOver: true } : {}),
    ...(recordId !== undefined ? { recordId } : {}),
    source: { file: context.file, pointer: at },
  };
  return { safeguards: [safeguard], controls: [{ name: confirmArg, schema: confirmSchema({ arg, identity }) }] };
}

function disjoint(input: { readonly context: BuildContext; readonly raw: Record<string, unknown>; readonly at: string; readonly args: readonly ArgIR[] }): Resolved | undefined {
  const fields = stringList(input.raw['fields']) ?? [];
  const found = fields.map((field) => input.args.find((a) => a.wireName === field));
  if (found.length !== 2 || found.some((a) => a === undefined)) {
    report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: joinPointer(input.at, 'fields'), message: 'a disjoint safeguard needs exactly two fields of this operation' });
    return undefined;
  }
  const [left, right] = found as [ArgIR, ArgIR];
  const compare = declaredComparison({ context: input.context, value: input.raw['compare'], at: joinPointer(input.at, 'compare') }) ?? (isUuid(left.schema['items']) || isUuid(right.schema['items']) ? 'case-insensitive' : undefined);
  return { safeguards: [{ kind: 'disjoint', args: [left.name, right.name], ...(compare ? { compare } : {}), source: { file: input.context.file, pointer: input.at } }], controls: [] };
}

/** `x-mcp.safeguards` → runtime checks plus the control arguments they need. */
export function readSafeguards(input: {
  readonly context: BuildContext;
  readonly value: unknown;
  readonly at: string;
  readonly args: readonly ArgIR[];
  readonly path: string;
  readonly writes: boolean;
}): Resolved {
  const resolved: Resolved = { safeguards: [], controls: input.writes ? [DRY_RUN] : [] };
  if (input.value === undefined) return resolved;
  if (!Array.isArray(input.value)) {
    report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: input.at, message: 'x-mcp safeguards must be a list' });
    return resolved;
  }
  input.value.forEach((raw, index) => {
    const at = joinPointer(input.at, index);
    if (!isRecord(raw)) {
      report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: at, message: 'a safeguard must be an object with a kind (full-array or disjoint)' });
      return;
    }
    const kind = raw['kind'];
    const one = kind === 'full-array' ? fullArray({ ...input, raw, at }) : kind === 'disjoint' ? disjoint({ ...input, raw, at }) : undefined;
    if (kind !== 'full-array' && kind !== 'disjoint') {
      report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: joinPointer(at, 'kind'), message: 'safeguard kind must be full-array or disjoint' });
    }
    if (one) {
      resolved.safeguards.push(...one.safeguards);
      resolved.controls.push(...one.controls);
    }
  });
  return resolved;
}

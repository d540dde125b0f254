import { joinPointer } from '../../shared/json-pointer.ts';
import type { ArgIR, JsonSchema, SafeguardIR } from '../types.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';

/** A flat argument that is not sent anywhere: it steers the runtime (`dry_run`, confirmations). */
export type ControlArgIR = { readonly name: string; readonly schema: JsonSchema };

const DRY_RUN: ControlArgIR = {
  name: 'dry_run',
  schema: { type: 'boolean', description: 'If true, return the HTTP request (credentials masked) without sending it.' },
};

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function confirmSchema(input: { readonly arg: ArgIR; readonly identity: readonly string[] }): JsonSchema {
  const items = (input.arg.schema['items'] ?? {}) as JsonSchema;
  const properties = (items['properties'] ?? {}) as Record<string, JsonSchema>;
  const element: JsonSchema = input.identity.length === 0
    ? items
    : { type: 'object', properties: Object.fromEntries(input.identity.map((field) => [field, properties[field] ?? {}])), required: [...input.identity] };
  return {
    type: 'array',
    items: element,
    description: `Entries of ${input.arg.name} you intend to remove. Only needed when the call drops existing entries; list exactly those the refusal names.`,
  };
}

type Resolved = { readonly safeguards: SafeguardIR[]; readonly controls: ControlArgIR[] };

function fullArray(input: { readonly context: BuildContext; readonly raw: Record<string, unknown>; readonly at: string; readonly args: readonly ArgIR[]; readonly path: string }): Resolved | undefined {
  const { context, raw, at, args } = input;
  const arg = args.find((a) => a.wireName === raw['field'] && a.location === 'body');
  const identity = stringList(raw['identity']) ?? [];
  const read = isRecord(raw['read']) ? raw['read'] : {};
  const pointer = typeof read['pointer'] === 'string' ? read['pointer'] : `/${String(raw['field'])}`;
  if (arg === undefined) {
    report({ context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: joinPointer(at, 'field'), message: `full-array safeguard names ${JSON.stringify(raw['field'])}, which is not a body field of this operation` });
    return undefined;
  }
  const confirmArg = `confirm_removed_${arg.name}`;
  const safeguard: SafeguardIR = {
    kind: 'full-array', arg: arg.name, identity, currentPointer: pointer, confirmArg,
    readPath: typeof read['path'] === 'string' ? read['path'] : input.path,
    mustExist: raw['mustExist'] === true,
    source: { file: context.file, pointer: at },
  };
  return { safeguards: [safeguard], controls: [{ name: confirmArg, schema: confirmSchema({ arg, identity }) }] };
}

function disjoint(input: { readonly context: BuildContext; readonly raw: Record<string, unknown>; readonly at: string; readonly args: readonly ArgIR[] }): Resolved | undefined {
  const fields = stringList(input.raw['fields']) ?? [];
  const names = fields.map((field) => input.args.find((a) => a.wireName === field)?.name);
  if (names.length !== 2 || names.some((n) => n === undefined)) {
    report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: joinPointer(input.at, 'fields'), message: 'a disjoint safeguard needs exactly two fields of this operation' });
    return undefined;
  }
  return { safeguards: [{ kind: 'disjoint', args: [names[0]!, names[1]!], source: { file: input.context.file, pointer: input.at } }], controls: [] };
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
    const kind = isRecord(raw) ? raw['kind'] : undefined;
    const one = !isRecord(raw) ? undefined : kind === 'full-array' ? fullArray({ ...input, raw, at }) : kind === 'disjoint' ? disjoint({ ...input, raw, at }) : undefined;
    if (isRecord(raw) && kind !== 'full-array' && kind !== 'disjoint') {
      report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: joinPointer(at, 'kind'), message: 'safeguard kind must be full-array or disjoint' });
    }
    if (one) {
      resolved.safeguards.push(...one.safeguards);
      resolved.controls.push(...one.controls);
    }
  });
  return resolved;
}

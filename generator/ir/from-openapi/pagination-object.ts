import { joinPointer } from '../../shared/json-pointer.ts';
import { PAGING_CURSOR_ARG, PAGING_LIMIT_ARG } from '../naming.ts';
import type { ArgIR, JsonSchema, PaginationIR } from '../types.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';

const STYLES: readonly PaginationIR['style'][] = ['offset', 'page', 'cursor', 'single'];

/** Vendor parameters each style needs (wire names), beyond `items`. */
const NEEDS: Readonly<Record<PaginationIR['style'], readonly ('limit' | 'offset' | 'page' | 'cursor')[]>> = {
  offset: ['offset'],
  page: ['page'],
  cursor: ['cursor'],
  single: ['limit'],
};

/** A root `x-mcp.pagination` entry, checked but not yet bound to an operation's arguments. */
export type PaginationStrategy = {
  readonly name: string;
  readonly style: PaginationIR['style'];
  readonly wire: Partial<Record<'limit' | 'offset' | 'page' | 'cursor', string>>;
  readonly firstPage?: number;
  readonly itemsPointer: string;
  readonly totalPointer?: string;
  readonly nextFromItem?: string;
  readonly nextPointer?: string;
  readonly pageSize?: number;
  readonly defaultLimit: number;
  readonly maxLimit: number;
  readonly pointer: string;
};

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function pointerSetting(value: unknown): string | undefined {
  return typeof value === 'string' && (value === '' || value.startsWith('/')) ? value : undefined;
}

function readStrategy(input: { readonly context: BuildContext; readonly name: string; readonly value: unknown; readonly at: string }): PaginationStrategy | undefined {
  const { context, name, value, at } = input;
  const fail = (message: string, key?: string) => {
    report({ context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: key === undefined ? at : joinPointer(at, key), message: `x-mcp.pagination.${name}: ${message}` });
    return undefined;
  };
  if (!isRecord(value)) return fail('must be an object');
  const style = STYLES.find((s) => s === value['style']);
  if (style === undefined) return fail(`style must be one of ${STYLES.join(', ')}`, 'style');
  const wire: PaginationStrategy['wire'] = {};
  for (const key of ['limit', 'offset', 'page', 'cursor'] as const) if (typeof value[key] === 'string') wire[key] = value[key];
  const missing = NEEDS[style].filter((key) => wire[key] === undefined);
  if (missing.length > 0) return fail(`style ${style} needs ${missing.join(', ')} (the vendor's parameter name)`);
  const itemsPointer = pointerSetting(value['items']);
  if (itemsPointer === undefined) return fail('items must be a JSON pointer into the response ("" for a bare array)', 'items');
  const nextFromItem = pointerSetting(value['nextFromItem']);
  const nextPointer = pointerSetting(value['next']);
  if (style === 'cursor' && (nextFromItem === undefined) === (nextPointer === undefined)) {
    return fail('style cursor needs exactly one of next (a pointer to the vendor\'s next-page cursor in the response) or nextFromItem (a pointer inside the last item)', 'nextFromItem');
  }
  const defaultLimit = positiveInteger(value['defaultLimit']);
  const maxLimit = positiveInteger(value['maxLimit']);
  if (defaultLimit === undefined || maxLimit === undefined || defaultLimit > maxLimit) return fail('defaultLimit and maxLimit must be positive integers, defaultLimit ≤ maxLimit');
  const pageSize = positiveInteger(value['pageSize']);
  if (wire.limit === undefined && pageSize === undefined) return fail('give either limit (the vendor\'s page-size parameter) or pageSize (its fixed page size)');
  const totalPointer = pointerSetting(value['total']);
  return {
    name, style, wire, itemsPointer, defaultLimit, maxLimit, pointer: at,
    ...(style === 'page' ? { firstPage: typeof value['firstPage'] === 'number' ? value['firstPage'] : 1 } : {}),
    ...(totalPointer !== undefined ? { totalPointer } : {}),
    ...(nextFromItem !== undefined ? { nextFromItem } : {}),
    ...(nextPointer !== undefined ? { nextPointer } : {}),
    ...(pageSize !== undefined ? { pageSize } : {}),
  };
}

/** Root `x-mcp.pagination`: named paging strategies that list operations refer to. */
export function readPaginationStrategies(context: BuildContext): ReadonlyMap<string, PaginationStrategy> {
  const settings = (context.root as Record<string, unknown>)['x-mcp'];
  const declared = isRecord(settings) ? settings['pagination'] : undefined;
  const strategies = new Map<string, PaginationStrategy>();
  if (declared === undefined) return strategies;
  const at = '/x-mcp/pagination';
  if (!isRecord(declared)) {
    report({ context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: at, message: 'x-mcp.pagination must map strategy names to strategies' });
    return strategies;
  }
  for (const [name, value] of Object.entries(declared)) {
    const strategy = readStrategy({ context, name, value, at: joinPointer(at, name) });
    if (strategy !== undefined) strategies.set(name, strategy);
  }
  return strategies;
}

function controls(strategy: PaginationStrategy): { readonly name: string; readonly schema: JsonSchema }[] {
  const limit = {
    name: PAGING_LIMIT_ARG,
    schema: { type: 'integer', minimum: 1, maximum: strategy.maxLimit, default: strategy.defaultLimit, description: 'Items per page.' },
  };
  if (strategy.style === 'single') return [limit];
  // The paging contract lives here, once per list tool, rather than again in its description.
  const cursor = { name: PAGING_CURSOR_ARG, schema: { type: 'string', description: 'Omit first; then next_cursor, same other arguments.' } };
  return [limit, cursor];
}

/**
 * Appended to the description of a tool that cannot page: that is a fact no argument carries. A
 * pageable tool says nothing more: its `cursor` argument states the contract, and repeating it in
 * every list tool's description cost ~28 tokens a tool on every turn. `limit`'s default and maximum
 * are keywords of its schema, so its description does not repeat them either.
 */
function contractText(strategy: PaginationStrategy): string | undefined {
  if (strategy.style !== 'single') return undefined;
  return `Not pageable: the vendor returns at most \`limit\` results and cannot skip ahead. When \`truncated\` is true more may have matched than came back; narrow the filters instead.`;
}

/**
 * Binds a strategy to one operation: the vendor's paging arguments become `managed` (the runtime
 * fills them), and the model sees only `limit` and `cursor`.
 */
export function applyPagination(input: {
  readonly context: BuildContext;
  readonly strategyName: string;
  readonly strategies: ReadonlyMap<string, PaginationStrategy>;
  readonly args: readonly ArgIR[];
  readonly at: string;
}): { readonly args: ArgIR[]; readonly pagination: PaginationIR; readonly controls: { readonly name: string; readonly schema: JsonSchema }[]; readonly contract?: string } | undefined {
  const { context, args, at } = input;
  const strategy = input.strategies.get(input.strategyName);
  if (strategy === undefined) {
    report({ context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: at, message: `x-mcp pagination ${JSON.stringify(input.strategyName)} is not declared in the root x-mcp.pagination` });
    return undefined;
  }
  const flat: Partial<Record<keyof PaginationStrategy['wire'], string>> = {};
  for (const [role, wireName] of Object.entries(strategy.wire) as [keyof PaginationStrategy['wire'], string][]) {
    const arg = args.find((a) => a.wireName === wireName && a.location !== 'path');
    if (arg === undefined) {
      report({ context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: at, message: `pagination ${strategy.name} pages with ${JSON.stringify(wireName)}, which this operation does not take` });
      return undefined;
    }
    flat[role] = arg.name;
  }
  const managed = new Set(Object.values(flat));
  const added = controls(strategy);
  const clash = args.find((arg) => !managed.has(arg.name) && added.some((c) => c.name === arg.name));
  if (clash !== undefined) {
    report({ context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: at, message: `argument ${JSON.stringify(clash.name)} clashes with the paging argument of the same name` });
    return undefined;
  }
  const pagination: PaginationIR = {
    style: strategy.style,
    ...(flat.limit !== undefined ? { limitArg: flat.limit } : {}),
    ...(flat.offset !== undefined ? { offsetArg: flat.offset } : {}),
    ...(flat.page !== undefined ? { pageArg: flat.page } : {}),
    ...(flat.cursor !== undefined ? { cursorArg: flat.cursor } : {}),
    ...(strategy.firstPage !== undefined ? { firstPage: strategy.firstPage } : {}),
    itemsPointer: strategy.itemsPointer,
    ...(strategy.totalPointer !== undefined ? { totalPointer: strategy.totalPointer } : {}),
    ...(strategy.nextFromItem !== undefined ? { nextFromItem: strategy.nextFromItem } : {}),
    ...(strategy.nextPointer !== undefined ? { nextPointer: strategy.nextPointer } : {}),
    ...(strategy.pageSize !== undefined ? { pageSize: strategy.pageSize } : {}),
    defaultLimit: strategy.defaultLimit,
    maxLimit: strategy.maxLimit,
    source: { file: context.file, pointer: strategy.pointer },
  };
  const contract = contractText(strategy);
  return {
    args: args.map((arg) => (managed.has(arg.name) ? { ...arg, required: false, managed: 'pagination' as const } : arg)),
    pagination,
    controls: added,
    ...(contract !== undefined ? { contract } : {}),
  };
}

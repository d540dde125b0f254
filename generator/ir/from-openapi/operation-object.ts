import { ALWAYS_LOAD, SEARCH_HINT, type HostHints } from '../../../templates/runtime/host-hints.ts';
import { joinPointer } from '../../shared/json-pointer.ts';
import { snakeCase, titleFromName, toolName } from '../naming.ts';
import { classifyOperation } from './classify-operation.ts';
import type { ArgIR, HttpMethod, OmittedIR, ToolIR } from '../types.ts';
import { deriveAnnotations, methodClassConflict, methodClassFor } from './annotations.ts';
import { report, type BuildContext } from './build-context.ts';
import { flattenArguments, rootInputSchema } from './flat-arguments.ts';
import { readMcpViews, warnUnselectableTags, type McpView } from './mcp-extension.ts';
import { collectParameters } from './parameter-object.ts';
import { readRequestBody } from './request-body-object.ts';
import { readSafeguards } from './safeguard-object.ts';
import { outputSchemaFor } from './output-shape.ts';
import { applyPagination, type PaginationStrategy } from './pagination-object.ts';
import { applyVariantFamily } from './variant-family.ts';
import type { VariantFamilyIR } from '../types.ts';

/** A tool before names are settled across the whole document. */
export type PendingTool = Omit<ToolIR, 'name'> & {
  /** Preferred names in order; the first unique one wins. Vendor docs give exactly one. */
  readonly nameCandidates: readonly string[];
  readonly explicitName: boolean;
};

export type OperationInput = {
  readonly context: BuildContext;
  readonly vendorName: string;
  /** True when the document has a root x-mcp: then only x-mcp counts as tool documentation. */
  readonly documented: boolean;
  readonly path: string;
  readonly pathItem: Record<string, unknown>;
  readonly pathPointer: string;
  readonly httpMethod: HttpMethod;
  readonly operation: Record<string, unknown>;
  readonly operationPointer: string;
  readonly families: readonly VariantFamilyIR[];
  readonly paging: ReadonlyMap<string, PaginationStrategy>;
};

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function plainView(input: OperationInput): McpView {
  const { operation } = input;
  const { resource, method, methodClass, destructive } = classifyOperation({ path: input.path, httpMethod: input.httpMethod, operation, root: input.context.root });
  const tags = Array.isArray(operation['tags']) ? operation['tags'].filter((t): t is string => typeof t === 'string') : [];
  warnUnselectableTags({ context: input.context, value: operation['tags'], at: joinPointer(input.operationPointer, 'tags') });
  return {
    resource,
    method,
    ...(methodClass !== undefined ? { methodClass } : {}),
    description: text(operation['description']) || text(operation['summary']),
    tags,
    annotations: destructive ? { destructiveHint: true } : {},
    required: [],
    pointer: input.operationPointer,
  };
}

function applyView(input: { readonly context: BuildContext; readonly args: readonly ArgIR[]; readonly view: McpView }): ArgIR[] {
  const { context, args, view } = input;
  const wireNames = new Set(args.map((a) => a.wireName));
  for (const name of [...(view.only ?? []), ...view.required]) {
    if (!wireNames.has(name)) {
      report({ context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: joinPointer(view.pointer, 'parameters'), message: `x-mcp parameters name ${JSON.stringify(name)}, which the operation does not have` });
    }
  }
  const only = view.only === undefined ? undefined : new Set(view.only);
  return args
    .filter((arg) => only === undefined || arg.location === 'path' || only.has(arg.wireName))
    .map((arg) => (view.required.includes(arg.wireName) ? { ...arg, required: true } : arg));
}

function omitted(input: OperationInput, reason: string): OmittedIR {
  return { kind: 'omitted', operation: `${input.httpMethod} ${input.path}`, reason, source: { file: input.context.file, pointer: input.operationPointer } };
}

function pendingTool(input: { readonly operation: OperationInput; readonly view: McpView; readonly args: ArgIR[]; readonly body: ToolIR['body'] }): PendingTool {
  const { operation: op, view } = input;
  const operationId = text(op.operation['operationId']);
  const name = toolName({ vendor: op.vendorName, resource: view.resource, method: view.method });
  const fallback = operationId === '' ? [] : [`${snakeCase(op.vendorName)}_${snakeCase(operationId)}`];
  const summary = text(op.operation['summary']).split('\n')[0]!;
  const title = view.title ?? (summary.length > 0 && summary.length <= 80 ? summary : titleFromName(name));
  const methodClass = view.methodClass ?? methodClassFor(view.method);
  const conflict = methodClassConflict({ httpMethod: op.httpMethod, methodClass, overrides: view.annotations, ...(view.classReason ? { classReason: view.classReason } : {}) });
  if (conflict !== undefined) report({ context: op.context, code: 'VMCP_METHOD_CLASS_CONFLICT', pointer: view.pointer, message: `Tool ${JSON.stringify(name)}: ${conflict}` });
  const annotations = deriveAnnotations({ title, httpMethod: op.httpMethod, methodClass, overrides: view.annotations });
  const family = view.variants === undefined ? undefined : applyVariantFamily({ context: op.context, vendorName: op.vendorName, familyName: view.variants, families: op.families, args: input.args, at: joinPointer(view.pointer, 'variants') });
  const paged = view.pagination === undefined ? undefined : applyPagination({ context: op.context, strategyName: view.pagination, strategies: op.paging, args: family?.args ?? input.args, at: joinPointer(view.pointer, 'pagination') });
  const args = paged?.args ?? family?.args ?? input.args;
  const guarded = readSafeguards({ context: op.context, value: view.safeguards, at: joinPointer(view.pointer, 'safeguards'), args, path: op.path, writes: !annotations.readOnlyHint });
  const controls = [...(paged?.controls ?? []), ...guarded.controls];
  return {
    kind: 'tool',
    nameCandidates: op.documented ? [name] : [name, ...fallback],
    explicitName: op.documented,
    description: paged?.contract === undefined ? view.description : `${view.description}\n\n${paged.contract}`,
    methodClass,
    method: view.method,
    resource: view.resource,
    tags: view.tags,
    http: { method: op.httpMethod, path: op.path },
    args,
    controls,
    ...(input.body ? { body: input.body } : {}),
    inputSchema: rootInputSchema(args, controls),
    ...(family?.variants ? { variants: family.variants } : {}),
    ...(paged ? { pagination: paged.pagination } : {}),
    outputSchema: outputSchemaFor({ context: op.context, operation: op.operation, operationPointer: op.operationPointer, ...(paged ? { pagination: paged.pagination } : {}) }),
    ...(operationId !== '' ? { operationId } : {}),
    title,
    annotations,
    ...(view.icons !== undefined ? { icons: view.icons } : {}),
    _meta: hostHints({ view, title }),
    safeguards: guarded.safeguards,
    dryRun: !annotations.readOnlyHint,
    source: { file: op.context.file, pointer: view.pointer },
  };
}

/** Seed tools are declared in the doc; every tool gets a search phrase, its title unless the doc gives one. */
function hostHints(input: { readonly view: McpView; readonly title: string }): HostHints {
  return { ...(input.view.alwaysLoad ? { [ALWAYS_LOAD]: true as const } : {}), [SEARCH_HINT]: input.view.searchHint ?? input.title };
}

/** One operation → its tools (one per x-mcp view), or the reason it was left out. */
export function buildOperation(input: OperationInput): { readonly tools: PendingTool[]; readonly omitted: OmittedIR[] } {
  const views = input.documented ? readMcpViews({ context: input.context, operation: input.operation, operationPointer: input.operationPointer }) : [plainView(input)];
  if (views === undefined) return { tools: [], omitted: [omitted(input, 'no x-mcp documentation')] };
  const documentedViews = views.filter((view) => view.description !== '');
  if (documentedViews.length === 0) return { tools: [], omitted: [omitted(input, input.documented ? 'x-mcp has no description' : 'no description or summary')] };
  const requestBody = readRequestBody({ context: input.context, operation: input.operation, operationPointer: input.operationPointer, httpMethod: input.httpMethod });
  if (requestBody !== undefined && 'unsupported' in requestBody) return { tools: [], omitted: [omitted(input, requestBody.unsupported)] };
  const parameters = collectParameters({ ...input });
  const args = flattenArguments({ parameters, ...(requestBody ? { body: requestBody } : {}) });
  const tools = documentedViews.map((view) => pendingTool({ operation: input, view, args: applyView({ context: input.context, args, view }), body: requestBody?.body }));
  return { tools, omitted: [] };
}

export function finishTool(input: { readonly pending: PendingTool; readonly name: string }): ToolIR {
  const { nameCandidates: _candidates, explicitName: _explicit, ...rest } = input.pending;
  return { ...rest, name: input.name };
}

import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import { UNBOUNDED_HEAP, type HeapRoom } from '../../shared/heap-room.ts';
import type { LoadedDocument } from '../../load/loaded-document.ts';
import { joinPointer } from '../../shared/json-pointer.ts';
import { DISCOVERY_TOOL_NAMES, fitToolName, isValidToolName } from '../naming.ts';
import { compareCodepoints, sortByKey } from '../sort.ts';
import type { ApiIR, HttpMethod, OmittedIR, ToolIR, VariantFamilyIR } from '../types.ts';
import { createBuildContext, isRecord, report, type BuildContext } from './build-context.ts';
import { buildOperation, finishTool, type PendingTool } from './operation-object.ts';
import { boundOutputSchemas } from './output-budget.ts';
import { readPaginationStrategies, type PaginationStrategy } from './pagination-object.ts';
import { readVariantFamilies, withSchemaTools } from './variant-family.ts';
import { splitTools } from './split-tools.ts';
import { conciseTools } from './concise-text.ts';
import { listSharedShapesOnce } from '../shared-shapes.ts';
import { documentedVendor, plainVendor, type PlainVendorOptions } from './vendor-settings.ts';

const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'];

function checkVersion(context: BuildContext): boolean {
  const root = context.root;
  if (!isRecord(root)) {
    report({ context, code: 'VMCP_NOT_OPENAPI', pointer: '', message: 'The document root is not an object' });
    return false;
  }
  if (typeof root['swagger'] === 'string') {
    report({ context, code: 'VMCP_SWAGGER_2', pointer: '/swagger', message: `Swagger ${root['swagger']} documents must be converted to OpenAPI 3 first` });
    return false;
  }
  if (typeof root['openapi'] !== 'string' || !/^3\.[01]\./.test(root['openapi'])) {
    report({ context, code: 'VMCP_NOT_OPENAPI', pointer: root['openapi'] === undefined ? '' : '/openapi', message: `Expected openapi: 3.0.x or 3.1.x, found ${JSON.stringify(root['openapi'] ?? null)}` });
    return false;
  }
  if (!isRecord(root['paths'])) {
    report({ context, code: 'VMCP_NOT_OPENAPI', pointer: '', message: 'The document has no paths object' });
    return false;
  }
  return true;
}

function collectOperations(input: { readonly context: BuildContext; readonly vendorName: string; readonly documented: boolean; readonly families: readonly VariantFamilyIR[]; readonly paging: ReadonlyMap<string, PaginationStrategy>; readonly heap: HeapRoom }) {
  const paths = (input.context.root as Record<string, unknown>)['paths'] as Record<string, unknown>;
  const tools: PendingTool[] = [];
  const omitted: OmittedIR[] = [];
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isRecord(pathItem)) continue;
    const pathPointer = joinPointer('', 'paths', path);
    for (const httpMethod of HTTP_METHODS) {
      const operation = pathItem[httpMethod.toLowerCase()];
      if (!isRecord(operation)) continue;
      const operationPointer = joinPointer(pathPointer, httpMethod.toLowerCase());
      input.heap.check({ stage: 'ir', file: input.context.file, pointer: operationPointer });
      const built = buildOperation({ ...input, path, pathItem, pathPointer, httpMethod, operation, operationPointer });
      tools.push(...built.tools);
      omitted.push(...built.omitted);
    }
  }
  return { tools, omitted };
}

/** Vendor docs name tools explicitly: a bad or duplicate name is the author's to fix. */
function explicitNames(input: { readonly context: BuildContext; readonly pending: readonly PendingTool[] }): ToolIR[] {
  const seen = new Map<string, PendingTool>();
  const tools: ToolIR[] = [];
  for (const pending of input.pending) {
    const name = pending.nameCandidates[0]!;
    if (!isValidToolName(name)) {
      report({ context: input.context, code: 'VMCP_TOOL_NAME_INVALID', pointer: pending.source.pointer, message: `Tool name ${JSON.stringify(name)} (${name.length} chars) does not match ^[a-zA-Z0-9_-]{1,64}$` });
      continue;
    }
    const first = seen.get(name);
    if (first !== undefined || DISCOVERY_TOOL_NAMES.has(name)) {
      const other = first === undefined ? 'is the name of a discovery meta-tool' : `is also produced by #${first.source.pointer}`;
      report({ context: input.context, code: 'VMCP_TOOL_NAME_DUPLICATE', pointer: pending.source.pointer, message: `Tool name ${JSON.stringify(name)} ${other}` });
      continue;
    }
    seen.set(name, pending);
    tools.push(finishTool({ pending, name }));
  }
  return tools;
}

/**
 * Plain documents: convention name when unique, else the operationId, else a numbered name. A
 * discovery meta-tool's name counts as taken from the start.
 */
function derivedNames(pending: readonly PendingTool[]): ToolIR[] {
  const ordered = [...pending].sort((a, b) => compareCodepoints(`${a.http.path} ${a.http.method} ${a.source.pointer}`, `${b.http.path} ${b.http.method} ${b.source.pointer}`));
  const counts = new Map<string, number>([...DISCOVERY_TOOL_NAMES].map((name) => [name, 1]));
  for (const tool of ordered) counts.set(fitToolName(tool.nameCandidates[0]!), (counts.get(fitToolName(tool.nameCandidates[0]!)) ?? 0) + 1);
  const taken = new Set([...DISCOVERY_TOOL_NAMES, ...ordered.map((t) => fitToolName(t.nameCandidates[0]!)).filter((name) => counts.get(name) === 1)]);
  return ordered.map((tool) => {
    const first = fitToolName(tool.nameCandidates[0]!);
    if (counts.get(first) === 1) return finishTool({ pending: tool, name: first });
    const fallback = tool.nameCandidates[1] === undefined ? undefined : fitToolName(tool.nameCandidates[1]);
    let name = fallback !== undefined && !taken.has(fallback) ? fallback : first;
    for (let n = 2; taken.has(name); n += 1) name = fitToolName(`${first}_${n}`);
    taken.add(name);
    return finishTool({ pending: tool, name });
  });
}

/**
 * A family's schema tool (`<vendor>_<family>_schema`) is named from its snake-cased name, which an
 * operation's x-mcp can produce too: the server would register one tool name twice and fail to
 * start. Reported at the operation, the one to rename. (Two families named alike are refused where
 * they are declared: variant-family.ts.)
 */
function reportFamilyClashes(input: { readonly context: BuildContext; readonly families: readonly VariantFamilyIR[]; readonly tools: readonly ToolIR[] }): void {
  const { context } = input;
  for (const family of input.families) {
    const name = family.schemaTool?.name;
    const tool = name === undefined ? undefined : input.tools.find((t) => t.name === name);
    if (tool !== undefined) {
      report({ context, code: 'VMCP_TOOL_NAME_DUPLICATE', pointer: tool.source.pointer, message: `Tool name ${JSON.stringify(name)} is also the schema tool of variant family ${JSON.stringify(family.name)} (#${family.source.pointer})` });
    }
  }
}

/**
 * The default listing (VendorIR.listing): a plain spec's reference-page text made concise, then
 * every shared nested shape listed once. Curated vendor docs keep their words.
 */
function leanListing(input: { readonly tools: readonly ToolIR[]; readonly documented: boolean }): ToolIR[] {
  return listSharedShapesOnce(input.documented ? input.tools : conciseTools(input.tools));
}

/** Pure: a loaded document → the IR, or diagnostics explaining why not. */
export function buildApi(input: { readonly document: LoadedDocument; readonly plain?: PlainVendorOptions; readonly split?: boolean; readonly heap?: HeapRoom }): { readonly api?: ApiIR; readonly diagnostics: readonly Diagnostic[] } {
  const { document } = input;
  const context = createBuildContext({ file: document.file, root: document.data, locate: document.locate });
  if (!checkVersion(context)) return { diagnostics: context.diagnostics };
  const root = context.root as Record<string, unknown>;
  const documented = root['x-mcp'] !== undefined;
  if (!documented && input.plain === undefined) {
    report({ context, code: 'VMCP_VENDOR_SETTING_MISSING', pointer: '', message: 'The document has no root x-mcp block; pass --vendor <slug> to generate from a plain OpenAPI file' });
    return { diagnostics: context.diagnostics };
  }
  const vendor = documented ? documentedVendor(context) : plainVendor({ context, options: input.plain! });
  if (vendor === undefined) return { diagnostics: context.diagnostics };
  const declared = documented ? readVariantFamilies(context) : [];
  const families = input.split === undefined ? declared : declared.map((family) => ({ ...family, split: input.split! }));
  const paging = documented ? readPaginationStrategies(context) : new Map<string, PaginationStrategy>();
  const collected = collectOperations({ context, vendorName: vendor.vendorName, documented, families, paging, heap: input.heap ?? UNBOUNDED_HEAP });
  const pending = splitTools({ tools: collected.tools, families, vendorName: vendor.vendorName });
  const named = documented ? explicitNames({ context, pending }) : derivedNames(pending);
  const bounded = boundOutputSchemas({ context, vendor, tools: named });
  const tools = vendor.listing === 'full' ? bounded : leanListing({ tools: sortByKey(bounded, (tool) => tool.name), documented });
  for (const entry of collected.omitted) {
    report({ context, code: 'VMCP_OPERATION_OMITTED', severity: 'info', pointer: entry.source.pointer, message: `${entry.operation} left out: ${entry.reason}` });
  }
  if (tools.length === 0) {
    const left = collected.omitted.length;
    report({ context, code: 'VMCP_NO_TOOLS', pointer: '/paths', message: left === 0 ? 'The document has no operations' : `All ${left} operation(s) were left out (listed above), so there is no tool to generate` });
  }
  const used = withSchemaTools({ families: families.filter((family) => tools.some((tool) => tool.variants?.family === family.name)), tools, vendorName: vendor.vendorName });
  reportFamilyClashes({ context, families: used, tools });
  const api: ApiIR = {
    kind: 'api',
    vendor,
    tools: sortByKey(tools, (tool) => tool.name),
    omitted: sortByKey(collected.omitted, (entry) => entry.operation),
    families: used,
    sourceFile: document.file,
    sourceSha256: document.sha256,
  };
  return { api, diagnostics: context.diagnostics };
}

import { joinPointer } from '../../shared/json-pointer.ts';
import type { IconIR, MethodClass, ToolAnnotationsIR } from '../types.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';
import { tagProblem } from '../naming.ts';
import { readIcons } from './prompt-settings.ts';

/** One tool view declared by an operation-level `x-mcp` entry. */
export type McpView = {
  readonly resource: string;
  readonly method: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly methodClass?: MethodClass;
  /** Why the class departs from what the HTTP method says (e.g. a POST that only searches). */
  readonly classReason?: string;
  readonly title?: string;
  readonly annotations: Partial<Omit<ToolAnnotationsIR, 'title'>>;
  /** The tool's icon(s), where the doc gives one. */
  readonly icons?: readonly IconIR[];
  readonly only?: readonly string[];
  readonly required: readonly string[];
  /** Raw `safeguards` list; resolved once the operation's arguments are known. */
  readonly safeguards?: unknown;
  /** Name of a root variant family this tool validates against. */
  readonly variants?: string;
  /** Name of a root paging strategy (`x-mcp.pagination`) this list tool follows. */
  readonly pagination?: string;
  /** `alwaysLoad: true`: a seed tool hosts keep loaded; `searchHint`: the phrase their tool search matches. */
  readonly alwaysLoad?: true;
  readonly searchHint?: string;
  readonly pointer: string;
};

/** Claude Code shows a hint as a short phrase; a paragraph would be a second description. */
export const MAX_SEARCH_HINT = 120;

const CLASSES: ReadonlySet<string> = new Set(['read', 'write', 'custom']);
const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;

/**
 * Names each tag of a `tags` list that `--tags` cannot select (a comma, surrounding spaces, …),
 * once per tag: the tool keeps it, but neither a person nor a token scope can pick tools by it,
 * and the README's example never shows it.
 */
export function warnUnselectableTags(input: { readonly context: BuildContext; readonly value: unknown; readonly at: string }): void {
  if (!Array.isArray(input.value)) return;
  input.value.forEach((tag: unknown, index) => {
    const reason = typeof tag === 'string' ? tagProblem(tag) : undefined;
    if (reason === undefined) return;
    const message = `Tag ${JSON.stringify(tag)} cannot be selected with --tags: it ${reason}`;
    report({ context: input.context, code: 'VMCP_TAG_UNSELECTABLE', severity: 'warning', pointer: joinPointer(input.at, index), message, onceKey: `tag:${String(tag)}` });
  });
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function readAnnotations(input: { readonly context: BuildContext; readonly value: unknown; readonly at: string }) {
  const annotations: Partial<Record<(typeof HINTS)[number], boolean>> = {};
  if (input.value === undefined) return annotations;
  if (!isRecord(input.value)) {
    report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: input.at, message: 'x-mcp annotations must be an object of booleans' });
    return annotations;
  }
  for (const hint of HINTS) {
    const value = input.value[hint];
    if (typeof value === 'boolean') annotations[hint] = value;
  }
  return annotations;
}

function invalid(input: { readonly context: BuildContext; readonly at: string; readonly message: string }): undefined {
  report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: input.at, message: input.message });
  return undefined;
}

function readView(input: { readonly context: BuildContext; readonly value: unknown; readonly at: string }): McpView | undefined {
  const { context, value, at } = input;
  if (!isRecord(value)) return invalid({ context, at, message: 'x-mcp must be an object or a list of objects' });
  const { resource, method } = value;
  if (typeof resource !== 'string' || resource.trim() === '') return invalid({ context, at: joinPointer(at, 'resource'), message: 'x-mcp needs a non-empty `resource`' });
  if (typeof method !== 'string' || method.trim() === '') return invalid({ context, at: joinPointer(at, 'method'), message: 'x-mcp needs a non-empty `method`' });
  const methodClass = value['class'];
  if (methodClass !== undefined && (typeof methodClass !== 'string' || !CLASSES.has(methodClass))) {
    return invalid({ context, at: joinPointer(at, 'class'), message: 'x-mcp `class` must be read, write or custom' });
  }
  const classReason = value['classReason'];
  if (classReason !== undefined && (typeof classReason !== 'string' || classReason.trim() === '')) {
    return invalid({ context, at: joinPointer(at, 'classReason'), message: 'x-mcp `classReason` must be a sentence saying why the class departs from the HTTP method' });
  }
  const parameters = isRecord(value['parameters']) ? value['parameters'] : {};
  const only = stringList(parameters['only']);
  const icons = readIcons({ context, value: value['icons'], at: joinPointer(at, 'icons') });
  const alwaysLoad = value['alwaysLoad'];
  if (alwaysLoad !== undefined && typeof alwaysLoad !== 'boolean') return invalid({ context, at: joinPointer(at, 'alwaysLoad'), message: 'x-mcp `alwaysLoad` must be true or false' });
  const searchHint = value['searchHint'];
  if (searchHint !== undefined && (typeof searchHint !== 'string' || searchHint.trim() === '' || searchHint.length > MAX_SEARCH_HINT)) {
    return invalid({ context, at: joinPointer(at, 'searchHint'), message: `x-mcp \`searchHint\` must be a phrase of 1-${MAX_SEARCH_HINT} characters` });
  }
  warnUnselectableTags({ context, value: value['tags'], at: joinPointer(at, 'tags') });
  return {
    resource,
    method,
    description: typeof value['description'] === 'string' ? value['description'].trim() : '',
    tags: stringList(value['tags']) ?? [],
    ...(methodClass !== undefined ? { methodClass: methodClass as MethodClass } : {}),
    ...(typeof classReason === 'string' ? { classReason: classReason.trim() } : {}),
    ...(typeof value['title'] === 'string' ? { title: value['title'] } : {}),
    annotations: readAnnotations({ context, value: value['annotations'], at: joinPointer(at, 'annotations') }),
    ...(icons !== undefined ? { icons } : {}),
    ...(only !== undefined ? { only } : {}),
    required: stringList(parameters['required']) ?? [],
    ...(value['safeguards'] !== undefined ? { safeguards: value['safeguards'] } : {}),
    ...(typeof value['variants'] === 'string' ? { variants: value['variants'] } : {}),
    ...(typeof value['pagination'] === 'string' ? { pagination: value['pagination'] } : {}),
    ...(alwaysLoad === true ? { alwaysLoad: true as const } : {}),
    ...(typeof searchHint === 'string' ? { searchHint: searchHint.trim() } : {}),
    pointer: at,
  };
}

/** `undefined` when the operation has no `x-mcp`; a list of views otherwise (invalid ones reported and skipped). */
export function readMcpViews(input: { readonly context: BuildContext; readonly operation: Record<string, unknown>; readonly operationPointer: string }): McpView[] | undefined {
  const value = input.operation['x-mcp'];
  if (value === undefined) return undefined;
  const at = joinPointer(input.operationPointer, 'x-mcp');
  const entries = Array.isArray(value) ? value.map((v, i) => ({ v, at: joinPointer(at, i) })) : [{ v: value, at }];
  return entries.map(({ v, at: entryAt }) => readView({ context: input.context, value: v, at: entryAt })).filter((view): view is McpView => view !== undefined);
}

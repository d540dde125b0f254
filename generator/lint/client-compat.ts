import { createDiagnostic, locatedAt, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { DiagnosticCode } from '../diagnostics/codes.ts';
import type { ApiIR, JsonSchema, SourceRef, ToolIR } from '../ir/types.ts';
import type { SourcePosition } from '../load/loaded-document.ts';
import { surfaceOf } from '../ir/tool-surface.ts';
import { biggestTools, tokenReport } from '../shared/tool-surface.ts';
import { walkSchema } from './schema-walk.ts';

/** What Claude, OpenAI and Cursor accept; MCP itself allows 128 characters and dots. */
const CLIENT_TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const COMPOSITION = ['anyOf', 'oneOf', 'allOf', 'not'] as const;
const SCHEMAS = ['inputSchema', 'outputSchema'] as const;

/** A rule's finding: `at` is a JSON pointer inside the tool as `tools/list` shows it. */
type Finding = { readonly code: DiagnosticCode; readonly at: string; readonly message: string; readonly severity?: 'warning' };

/** `plain`: a foreign OpenAPI file without x-mcp, whose parameter wording is not ours to fix. */
type LintOptions = { readonly plain: boolean };

const isArrayType = (node: JsonSchema): boolean => node['type'] === 'array' || (Array.isArray(node['type']) && node['type'].includes('array'));

/** Each rule is one client-compatibility requirement, checked on the surface clients receive. */
const TOOL_RULES: readonly ((tool: ToolIR, options: LintOptions) => Finding[])[] = [
  (tool) => (CLIENT_TOOL_NAME.test(tool.name) ? [] : [{ code: 'VMCP_LINT_NAME', at: '/name', message: `name ${JSON.stringify(tool.name)} (${tool.name.length} chars) does not match ${CLIENT_TOOL_NAME.source}` }]),
  (tool) => (tool.description.trim() !== '' ? [] : [{ code: 'VMCP_LINT_DESCRIPTION_MISSING', at: '/description', message: 'the tool has no description' }]),
  (tool) =>
    SCHEMAS.filter((key) => tool[key]['type'] !== 'object').map((key) => ({ code: 'VMCP_LINT_ROOT_NOT_OBJECT', at: `/${key}`, message: `${key} root has type ${JSON.stringify(tool[key]['type'] ?? null)}, not "object"` })),
  (tool) =>
    SCHEMAS.flatMap((key) => COMPOSITION.filter((keyword) => keyword in tool[key]).map((keyword) => ({ code: 'VMCP_LINT_ROOT_COMPOSITION', at: `/${key}/${keyword}`, message: `${key} has ${keyword} at its root` }))),
  (tool) =>
    SCHEMAS.flatMap((key) => {
      const found: Finding[] = [];
      walkSchema({
        schema: tool[key],
        at: `/${key}`,
        visit: (node, pointer) => {
          if ('$ref' in node) found.push({ code: 'VMCP_LINT_REF_LEFT', at: `${pointer()}/$ref`, message: `$ref ${JSON.stringify(node['$ref'])} is left unresolved` });
          if (isArrayType(node) && node['items'] === undefined) found.push({ code: 'VMCP_LINT_ARRAY_NO_ITEMS', at: pointer(), message: 'array has no items schema' });
        },
      });
      return found;
    }),
  (tool, options) =>
    Object.entries((tool.inputSchema['properties'] ?? {}) as Record<string, JsonSchema>)
      .filter(([, schema]) => typeof schema['description'] !== 'string' || schema['description'].trim() === '')
      .map(([name]) => ({
        code: 'VMCP_LINT_DESCRIPTION_MISSING',
        at: `/inputSchema/properties/${name}`,
        message: `parameter ${JSON.stringify(name)} has no description`,
        ...(options.plain ? { severity: 'warning' as const } : {}),
      })),
];

/** A finding inside one argument points at that argument in the document; others at the operation. */
function sourceOf(input: { readonly tool: ToolIR; readonly at: string }): SourceRef {
  const match = /^\/inputSchema\/properties\/([^/]+)/.exec(input.at);
  const arg = match ? input.tool.args.find((a) => a.name === match[1]) : undefined;
  return arg?.source ?? input.tool.source;
}

type Locate = (pointer: string) => SourcePosition | undefined;

function located(input: { readonly code: DiagnosticCode; readonly source: SourceRef; readonly message: string; readonly locate: Locate; readonly severity?: 'warning' }): Diagnostic {
  return createDiagnostic({ code: input.code, message: input.message, location: locatedAt({ file: input.source.file, pointer: input.source.pointer, locate: input.locate }), ...(input.severity ? { severity: input.severity } : {}) });
}

function budgetDiagnostic(input: { readonly api: ApiIR; readonly locate: Locate; readonly splitOverridden: boolean }): Diagnostic[] {
  const budget = input.api.vendor.tokenBudget;
  if (budget === undefined) return [];
  const report = tokenReport(surfaceOf(input.api));
  if (report.total <= budget.limit) return [];
  const biggest = biggestTools({ report, count: 5 }).map((t) => `${t.name} ${t.tokens}`).join(', ');
  const message = `listing all ${report.tools.length} tools costs ${report.total} model-visible tokens (o200k_base), over the budget of ${budget.limit}; biggest: ${biggest}`;
  // The budget is declared for the package the doc describes; --split/--no-split asks for another one.
  if (input.splitOverridden) return [located({ code: 'VMCP_LINT_TOKEN_BUDGET', source: budget.source, locate: input.locate, severity: 'warning', message: `${message} (a warning: --split/--no-split overrides the doc's mode)` })];
  return [located({ code: 'VMCP_LINT_TOKEN_BUDGET', source: budget.source, locate: input.locate, message })];
}

/** Pure: the build fails on any tool surface a mainstream MCP client would reject or choke on. */
export function lintClientCompat(input: { readonly api: ApiIR; readonly locate: Locate; readonly plain: boolean; readonly splitOverridden?: boolean }): Diagnostic[] {
  const diagnostics = input.api.tools.flatMap((tool) =>
    TOOL_RULES.flatMap((rule) => rule(tool, { plain: input.plain })).map((finding) =>
      located({
        code: finding.code,
        source: sourceOf({ tool, at: finding.at }),
        locate: input.locate,
        message: `${tool.name}: ${finding.message} (at #${finding.at} of the tool as listed)`,
        ...(finding.severity ? { severity: finding.severity } : {}),
      }),
    ),
  );
  return [...diagnostics, ...budgetDiagnostic({ api: input.api, locate: input.locate, splitOverridden: input.splitOverridden ?? false })];
}

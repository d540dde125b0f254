import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { DIAGNOSTIC_CODES } from '../../generator/diagnostics/codes.ts';
import { formatDiagnostic } from '../../generator/diagnostics/format.ts';
import type { ApiIR, ToolIR } from '../../generator/ir/types.ts';
import { lintClientCompat } from '../../generator/lint/client-compat.ts';
import { surfaceOf } from '../../generator/ir/tool-surface.ts';
import { tokenReport } from '../../generator/shared/tool-surface.ts';
import { parseDocumentText } from '../../generator/load/parse-document.ts';
import { SURFACE_BASE_DOC } from '../fixtures/surface-base-doc.ts';
import { generateFromText } from '../support/generate-in-memory.ts';

type Doc = Record<string, any>;
const get = (doc: Doc) => doc['paths']['/widgets/{id}']['get'];

function docWith(edit: (doc: Doc) => void): string {
  const doc = YAML.parse(SURFACE_BASE_DOC) as Doc;
  edit(doc);
  return YAML.stringify(doc);
}

/** Errors from a whole generation: these rules are reachable from a document. */
function generationErrors(text: string): string[] {
  const result = generateFromText({ text });
  expect(result.files).toBeUndefined();
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d).split('\n')[0]!);
}

const base = generateFromText({ text: SURFACE_BASE_DOC });

/** The tool modules a generation wrote: what "generation passed" means for these rules. */
const toolFiles = (result: { readonly files?: readonly { readonly path: string }[] }) => result.files?.map((file) => file.path).filter((file) => /^src\/tools\/(?!index\.ts$)/.test(file)).sort();
const BASE_TOOL_FILES = ['src/tools/get_single_acme_widget_by_id.ts', 'src/tools/update_a_acme_widget_by_id.ts'];
const baseApi = base.api!;
const document = parseDocumentText({ file: 'spec.yaml', text: SURFACE_BASE_DOC });
const locate = 'document' in document ? document.document.locate : () => undefined;

/** The IR builder already prevents these shapes; the lint is the last guard before clients see them. */
function lintTool(change: (tool: ToolIR) => ToolIR): string[] {
  const tools = baseApi.tools.map((tool) => (tool.name === 'get_single_acme_widget_by_id' ? change(tool) : tool));
  const api: ApiIR = { ...baseApi, tools };
  return lintClientCompat({ api, locate, plain: false }).map((d) => formatDiagnostic(d).split('\n')[0]!);
}

const at = 'spec.yaml:23:7 error';
const tool = 'get_single_acme_widget_by_id';

describe('client-compatibility lint: each rule fails its fixture', () => {
  it('the IR builder already gives input arrays items (so that rule is fixture-tested on the IR)', () => {
    const result = generateFromText({ text: docWith((d) => get(d)['parameters'].push({ name: 'tags', in: 'query', description: 'Tags to match.', schema: { type: 'array' } })) });
    expect(result.api?.tools[0]?.inputSchema['properties']).toMatchObject({ tags: { type: 'array', items: {} } });
  });

  it('the base passes every rule', () => {
    expect(lintClientCompat({ api: baseApi, locate, plain: false })).toStrictEqual([]);
  });

  it.each([
    {
      rule: 'VMCP_LINT_NAME',
      given: (t: ToolIR) => ({ ...t, name: `${'w'.repeat(65)}` }),
      want: [`${at} VMCP_LINT_NAME at #/paths/~1widgets~1{id}/get/x-mcp: ${'w'.repeat(65)}: name "${'w'.repeat(65)}" (65 chars) does not match ^[a-zA-Z0-9_-]{1,64}$ (at #/name of the tool as listed)`],
    },
    {
      rule: 'VMCP_LINT_NAME (pattern)',
      given: (t: ToolIR) => ({ ...t, name: 'get widget' }),
      want: [`${at} VMCP_LINT_NAME at #/paths/~1widgets~1{id}/get/x-mcp: get widget: name "get widget" (10 chars) does not match ^[a-zA-Z0-9_-]{1,64}$ (at #/name of the tool as listed)`],
    },
    {
      rule: 'VMCP_LINT_ROOT_COMPOSITION',
      given: (t: ToolIR) => ({ ...t, inputSchema: { ...t.inputSchema, oneOf: [{ required: ['id'] }, { required: ['view'] }] } }),
      want: [`${at} VMCP_LINT_ROOT_COMPOSITION at #/paths/~1widgets~1{id}/get/x-mcp: ${tool}: inputSchema has oneOf at its root (at #/inputSchema/oneOf of the tool as listed)`],
    },
    {
      rule: 'VMCP_LINT_REF_LEFT',
      given: (t: ToolIR) => ({ ...t, outputSchema: { type: 'object', properties: { owner: { $ref: '#/components/schemas/User' } } } }),
      want: [`${at} VMCP_LINT_REF_LEFT at #/paths/~1widgets~1{id}/get/x-mcp: ${tool}: $ref "#/components/schemas/User" is left unresolved (at #/outputSchema/properties/owner/$ref of the tool as listed)`],
    },
    {
      rule: 'VMCP_LINT_ROOT_NOT_OBJECT',
      given: (t: ToolIR) => ({ ...t, outputSchema: { type: 'array', items: { type: 'string' } } }),
      want: [`${at} VMCP_LINT_ROOT_NOT_OBJECT at #/paths/~1widgets~1{id}/get/x-mcp: ${tool}: outputSchema root has type "array", not "object" (at #/outputSchema of the tool as listed)`],
    },
    {
      rule: 'VMCP_LINT_ARRAY_NO_ITEMS',
      given: (t: ToolIR) => ({ ...t, outputSchema: { type: 'object', properties: { tags: { type: ['array', 'null'] } } } }),
      want: [`${at} VMCP_LINT_ARRAY_NO_ITEMS at #/paths/~1widgets~1{id}/get/x-mcp: ${tool}: array has no items schema (at #/outputSchema/properties/tags of the tool as listed)`],
    },
    {
      rule: 'VMCP_LINT_DESCRIPTION_MISSING (tool)',
      given: (t: ToolIR) => ({ ...t, description: ' ' }),
      want: [`${at} VMCP_LINT_DESCRIPTION_MISSING at #/paths/~1widgets~1{id}/get/x-mcp: ${tool}: the tool has no description (at #/description of the tool as listed)`],
    },
  ])('$rule (IR fixture)', ({ given, want }) => {
    expect(lintTool(given)).toStrictEqual(want);
  });

  it.each([
    {
      rule: 'VMCP_LINT_DESCRIPTION_MISSING (parameter)',
      given: docWith((d) => delete get(d)['parameters'][1]['description']),
      want: /^spec\.yaml:\d+:\d+ error VMCP_LINT_DESCRIPTION_MISSING at #\/paths\/~1widgets~1\{id\}\/get\/parameters\/1: get_single_acme_widget_by_id: parameter "view" has no description/,
    },
    {
      rule: 'VMCP_LINT_TOKEN_BUDGET',
      given: docWith((d) => (d['x-mcp']['tokenBudget'] = 100)),
      want: /^spec\.yaml:\d+:\d+ error VMCP_LINT_TOKEN_BUDGET at #\/x-mcp\/tokenBudget: listing all 2 tools costs \d+ model-visible tokens \(o200k_base\), over the budget of 100; biggest: (get_single_acme_widget_by_id|update_a_acme_widget_by_id) \d+, (get_single_acme_widget_by_id|update_a_acme_widget_by_id) \d+$/,
    },
  ])('$rule (document fixture): generation fails and writes nothing', ({ given, want }) => {
    const errors = generationErrors(given);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(want);
  });

  it('a budget the package meets passes, and a bad budget value is a diagnostic', () => {
    const met = generateFromText({ text: docWith((d) => (d['x-mcp']['tokenBudget'] = 100_000)) });
    expect(met.diagnostics.filter((d) => d.code === 'VMCP_LINT_TOKEN_BUDGET' || d.severity === 'error')).toStrictEqual([]);
    expect(toolFiles(met)).toStrictEqual(BASE_TOOL_FILES);
    expect(generationErrors(docWith((d) => (d['x-mcp']['tokenBudget'] = 'lots')))[0]).toContain('VMCP_MCP_EXTENSION_INVALID at #/x-mcp/tokenBudget: x-mcp.tokenBudget must be a positive integer');
  });

  it('the budget counts o200k_base model-visible tokens: the exact total passes, one token less fails', () => {
    const total = tokenReport(surfaceOf(baseApi)).total;
    expect(generateFromText({ text: docWith((d) => (d['x-mcp']['tokenBudget'] = total)) }).files).toBeDefined();
    expect(generationErrors(docWith((d) => (d['x-mcp']['tokenBudget'] = total - 1)))[0]).toContain(`listing all 2 tools costs ${total} model-visible tokens (o200k_base), over the budget of ${total - 1}`);
  });

  it('over budget with --split/--no-split (not the mode the budget was set for) is a warning', () => {
    const result = generateFromText({ text: docWith((d) => (d['x-mcp']['tokenBudget'] = 100)), split: false });
    expect(toolFiles(result)).toStrictEqual(BASE_TOOL_FILES);
    expect(result.diagnostics.filter((d) => d.code === 'VMCP_LINT_TOKEN_BUDGET').map((d) => d.severity)).toStrictEqual(['warning']);
  });

  it('a plain OpenAPI file (not ours to fix) only warns about parameter descriptions', () => {
    const plain = docWith((d) => {
      delete d['x-mcp'];
      delete get(d)['parameters'][1]['description'];
      // A plain file's operations are documented by their own description.
      get(d)['description'] = 'Get one widget by id.';
      d['paths']['/widgets/{id}']['patch']['description'] = 'Rename a widget.';
    });
    const result = generateFromText({ text: plain, plainSlug: 'acme' });
    expect(toolFiles(result)).toStrictEqual(BASE_TOOL_FILES);
    expect(result.diagnostics.filter((d) => d.code === 'VMCP_LINT_DESCRIPTION_MISSING').map((d) => d.severity)).toStrictEqual(['warning']);
  });

  it('every lint code documents its own fix, and a lint diagnostic prints it', () => {
    const lint = Object.entries(DIAGNOSTIC_CODES).filter(([code]) => code.startsWith('VMCP_LINT_'));
    // Each fix is a sentence of its own: not empty, not the title again, not another rule's text.
    for (const [, doc] of lint) expect(doc.fix).toMatch(/^[A-Z`].{20,}[.)]$/);
    expect(new Set(lint.map(([, doc]) => doc.fix)).size).toBe(lint.length);
    expect(lint.filter(([, doc]) => (doc.fix as string) === doc.title)).toStrictEqual([]);
    const over = generateFromText({ text: docWith((d) => (d['x-mcp']['tokenBudget'] = 100)) }).diagnostics.find((d) => d.code === 'VMCP_LINT_TOKEN_BUDGET')!;
    expect(formatDiagnostic(over).split('\n')[1]).toBe(`  fix: ${DIAGNOSTIC_CODES.VMCP_LINT_TOKEN_BUDGET.fix}`);
  });
});

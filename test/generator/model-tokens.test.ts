import path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { modelVisibleTokens, wireBytes } from '../../generator/shared/model-tokens.ts';
import { tokenReport, type SurfaceTool } from '../../generator/shared/tool-surface.ts';

const tool: SurfaceTool = {
  name: 'get_widget',
  title: 'Get widget',
  description: 'Read one widget.',
  inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: false },
  outputSchema: { type: 'object', properties: { widget: { type: 'object', properties: { colour: { type: 'string' } } } } },
  annotations: { title: 'Get widget', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
};

/** The count is o200k_base BPE over what hosts pass to the model, not characters divided by a ratio. */
describe('model-visible tokens', () => {
  it('counts o200k_base tokens of name, title, description and inputSchema', () => {
    // o200k_base splits this JSON into exactly these tokens; a chars/3 or bytes/4 estimate gives another number.
    const visible = JSON.stringify({ name: tool.name, title: tool.title, description: tool.description, inputSchema: tool.inputSchema });
    expect(modelVisibleTokens(tool)).toBe(43);
    expect(modelVisibleTokens(tool)).not.toBe(Math.ceil(visible.length / 3));
    expect(modelVisibleTokens(tool)).not.toBe(Math.ceil(visible.length / 4));
  });

  it('leaves the output schema and annotations out, and every visible field in', () => {
    const heavier: SurfaceTool = { ...tool, outputSchema: { type: 'object', description: 'x '.repeat(200) }, annotations: { ...tool.annotations, title: 'x '.repeat(50) } };
    expect(modelVisibleTokens(heavier)).toBe(modelVisibleTokens(tool));
    expect(modelVisibleTokens({ ...tool, description: `${tool.description} More.` })).toBeGreaterThan(modelVisibleTokens(tool));
    expect(modelVisibleTokens({ ...tool, title: `${tool.title} now` })).toBeGreaterThan(modelVisibleTokens(tool));
  });

  it('the report sums tokens and wire bytes per tool', () => {
    const other = { ...tool, name: 'list_widgets' };
    const report = tokenReport([tool, other]);
    expect(report.total).toBe(modelVisibleTokens(tool) + modelVisibleTokens(other));
    expect(report.wireBytes).toBe(wireBytes(tool) + wireBytes(other));
    expect(wireBytes({ a: 'é' })).toBe(10);
  });

  it('bundles without gpt-tokenizer ranks or encoder: the generator bundle loads the binary table instead', () => {
    // As scripts/generate.cjs bundles the CLI; the rank module (2.4 MB) is reached only by a require made at run time.
    const built = buildSync({ entryPoints: [path.join(REPO_ROOT, 'generator', 'shared', 'model-tokens.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', define: { 'import.meta.dirname': '__dirname' }, write: false, metafile: true, logLevel: 'error' });
    const inputs = Object.keys(built.metafile.inputs).filter((input) => input.includes('gpt-tokenizer'));
    expect(inputs.length).toBeGreaterThan(0);
    expect(inputs.filter((input) => /bpeRanks|GptEncoding|BytePairEncodingCore|encoding\//.test(input))).toStrictEqual([]);
    expect(built.outputFiles[0]!.contents.length).toBeLessThan(100_000);
  });
});


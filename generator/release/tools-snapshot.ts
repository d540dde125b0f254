import type { Fingerprint } from '../shared/release-record.ts';
import { TOKEN_COUNTING } from '../shared/model-tokens.ts';
import { tokenReport, type ToolSurface } from '../shared/tool-surface.ts';

/**
 * `tools.json`: the tool surface exactly as `tools/list` returns it (`tools`), for review and
 * diffing, plus what each tool costs a model (`modelTokens`: o200k_base tokens and wire bytes, kept apart so the tool
 * entries stay byte-for-byte what clients receive), and the fingerprint the next generation's
 * version decision compares with.
 */
export function toolsSnapshot(input: { readonly surface: ToolSurface; readonly provenance: readonly string[]; readonly fingerprint: Fingerprint }): string {
  const report = tokenReport(input.surface);
  const modelTokens = { counted: TOKEN_COUNTING, total: report.total, wireBytes: report.wireBytes, perTool: Object.fromEntries(report.tools.map((t) => [t.name, t.tokens])) };
  return `${JSON.stringify({ '//': input.provenance.join(' '), tools: input.surface, modelTokens, fingerprint: input.fingerprint }, null, 2)}\n`;
}

import { ensureBuilt } from './ensure-built.ts';
import { runDemo, type DemoSummary } from './run-demo.ts';
import { paint } from './text-layout.ts';
import type { Workflow } from './workflow-types.ts';

function count(input: { readonly n: number; readonly noun: string }): string {
  return `${input.n} ${input.noun}${input.n === 1 ? '' : 's'}`;
}

function summaryLine(summary: DemoSummary): string {
  const counts = `${count({ n: summary.steps, noun: 'step' })}, ${count({ n: summary.requests, noun: 'vendor request' })}`;
  if (summary.failed.length === 0) return `${summary.workflows === 1 ? 'The workflow' : `All ${summary.workflows} workflows`} passed: ${counts}, each checked against the simulator's own request log.`;
  return `FAILED: ${summary.failed.length} of ${count({ n: summary.workflows, noun: 'workflow' })} differ from what they expect (${summary.failed.join('; ')}). ${counts} ran.`;
}

export type DemoMainOptions = {
  readonly argv: readonly string[];
  readonly workflows: readonly Workflow[];
  readonly write: (line: string) => void;
  readonly writeError: (line: string) => void;
  readonly color: boolean;
};

/** `npm run demo [-- <vendor>…]`: 0 when every step is as expected, 1 when one differs, 2 on bad arguments. */
export async function demoMain(options: DemoMainOptions): Promise<number> {
  const { argv, write, color } = options;
  const known = [...new Set(options.workflows.map((workflow) => workflow.vendor))];
  const wrong = argv.filter((arg) => !known.some((vendor) => vendor === arg));
  if (wrong.length > 0) {
    options.writeError(`unknown argument ${wrong.join(' ')}\nusage: npm run demo [-- <${known.join('|')}>]`);
    return 2;
  }
  const workflows = argv.length === 0 ? options.workflows : options.workflows.filter((workflow) => argv.includes(workflow.vendor));
  ensureBuilt({ vendors: [...new Set(workflows.map((workflow) => workflow.vendor))], log: write });
  write('vendor-mcp demo: each generated MCP server (its built bin, on stdio) driven by the MCP SDK client,');
  write('against a local simulator of its vendor. Per step: the tool and its arguments, a short view of the');
  write('result, and under "vendor" each HTTP request exactly as the simulator logged it (UUIDs cut to 8');
  write('characters). Every step is checked; the demo exits 1 if a result or a request is not as expected.');
  const summary = await runDemo({ workflows, write, color });
  write('');
  write(summary.failed.length === 0 ? paint(color).ok(summaryLine(summary)) : paint(color).bad(summaryLine(summary)));
  return summary.failed.length === 0 ? 0 : 1;
}

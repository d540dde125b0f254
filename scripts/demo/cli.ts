import { ensureBuilt } from './ensure-built.ts';
import { runDemo, type DemoSummary } from './run-demo.ts';
import { paint } from './text-layout.ts';
import { WORKFLOWS } from './workflows/index.ts';

const VENDORS = [...new Set(WORKFLOWS.map((workflow) => workflow.vendor))];
const USAGE = `usage: npm run demo [-- <${VENDORS.join('|')}>]`;

function summaryLine(summary: DemoSummary): string {
  const counts = `${summary.steps} steps, ${summary.requests} vendor requests`;
  if (summary.failed.length === 0) return `${summary.workflows === 1 ? 'The workflow' : `All ${summary.workflows} workflows`} passed: ${counts}, each checked against the simulator's own request log.`;
  return `FAILED: ${summary.failed.length} of ${summary.workflows} workflows differ from what they expect (${summary.failed.join('; ')}). ${counts} ran.`;
}

async function main(argv: readonly string[]): Promise<number> {
  const wanted = argv.filter((arg) => !arg.startsWith('-'));
  const unknown = wanted.filter((vendor) => !VENDORS.some((known) => known === vendor));
  if (unknown.length > 0 || argv.some((arg) => arg.startsWith('-'))) {
    process.stderr.write(`unknown argument ${[...unknown, ...argv.filter((arg) => arg.startsWith('-'))].join(' ')}\n${USAGE}\n`);
    return 2;
  }
  const workflows = wanted.length === 0 ? WORKFLOWS : WORKFLOWS.filter((workflow) => wanted.includes(workflow.vendor));
  const vendors = [...new Set(workflows.map((workflow) => workflow.vendor))];
  ensureBuilt({ vendors, log: (line) => process.stdout.write(`${line}\n`) });
  const color = process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined;
  const write = (line: string) => process.stdout.write(`${line}\n`);
  write('vendor-mcp demo: each generated MCP server (its built bin, on stdio) driven by the MCP SDK client,');
  write('against a local simulator of its vendor. Per step: the tool and its arguments, a short view of the');
  write('result, and under "vendor" each HTTP request exactly as the simulator logged it (UUIDs cut to 8');
  write('characters). Every step is checked; the demo exits 1 if a result or a request is not as expected.');
  const summary = await runDemo({ workflows, write, color });
  write('');
  write(summary.failed.length === 0 ? paint(color).ok(summaryLine(summary)) : paint(color).bad(summaryLine(summary)));
  return summary.failed.length === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));

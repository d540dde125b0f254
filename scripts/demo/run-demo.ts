import type { SimVendor } from '../simulator/index.ts';
import { checkRequests, checkResult } from './check-step.ts';
import { paint as makePaint, WIDTH, type Paint } from './text-layout.ts';
import { stepLines, type StepRecord } from './transcript.ts';
import { startVendorSession, type VendorSession } from './vendor-session.ts';
import type { Answer, Context, ResultView, Step, ToolResult, Workflow } from './workflow-types.ts';

export type DemoOptions = {
  readonly workflows: readonly Workflow[];
  readonly write: (line: string) => void;
  readonly color: boolean;
};

export type DemoSummary = { readonly workflows: number; readonly failed: readonly string[]; readonly steps: number; readonly requests: number };

function answerOf(result: ToolResult): Answer {
  const first = result.content[0] as { type?: string; text?: string } | undefined;
  return { structured: result.structuredContent ?? {}, text: first?.type === 'text' ? (first.text ?? '') : '' };
}

function safeView(input: { readonly step: Step; readonly answer: Answer; readonly context: Context }): ResultView {
  try {
    return input.step.view(input.answer, input.context);
  } catch {
    return input.answer.text.slice(0, 120);
  }
}

/** One tool call: what was sent, what came back, what the vendor received, and how that differs from the workflow. */
async function runStep(input: { readonly session: VendorSession; readonly step: Step; readonly number: number; readonly context: Context }): Promise<{ record: StepRecord; saved: Record<string, unknown> }> {
  const { session, step, context } = input;
  const args = step.args(context);
  const before = session.sim.requests.length;
  let result: ToolResult;
  try {
    result = (await session.client.callTool({ name: step.tool, arguments: args })) as ToolResult;
  } catch (error) {
    result = { isError: true, content: [{ type: 'text', text: `the call failed: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const received = session.sim.requests.slice(before);
  const answer = answerOf(result);
  const expected = step.expect(context);
  const saved = step.save?.(answer, context) ?? {};
  const missing = Object.entries(saved).filter(([, value]) => value === undefined).map(([key]) => `result: the workflow could not find its "${key}" in it`);
  const problems = [...checkRequests({ expected: expected.requests, received }), ...checkResult({ expected: expected.result, isError: result.isError === true, answer }), ...missing];
  return { record: { number: input.number, title: step.title, tool: step.tool, args, view: safeView({ step, answer, context }), received, info: session.tools.get(step.tool), problems }, saved };
}

/** Runs the steps in order; the first step that differs stops the workflow, since later ones build on it. */
async function runWorkflow(input: { readonly session: VendorSession; readonly workflow: Workflow; readonly write: (line: string) => void; readonly paint: Paint }) {
  const { session, workflow, write, paint } = input;
  write('');
  write(paint.bold(`── ${workflow.title} ${'─'.repeat(Math.max(0, WIDTH - workflow.title.length - 4))}`));
  write(`   ${workflow.story}`);
  let context: Context = {};
  let requests = 0;
  for (const [index, step] of workflow.steps.entries()) {
    const { record, saved } = await runStep({ session, step, number: index + 1, context });
    requests += record.received.length;
    for (const line of stepLines({ step: record, paint })) write(line);
    if (record.problems.length > 0) return { passed: false, steps: index + 1, requests };
    context = { ...context, ...saved };
  }
  return { passed: true, steps: workflow.steps.length, requests };
}

function byVendor(workflows: readonly Workflow[]): Map<SimVendor, Workflow[]> {
  const groups = new Map<SimVendor, Workflow[]>();
  for (const workflow of workflows) groups.set(workflow.vendor, [...(groups.get(workflow.vendor) ?? []), workflow]);
  return groups;
}

export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const paint = makePaint(options.color);
  const failed: string[] = [];
  let steps = 0;
  let requests = 0;
  for (const [vendor, workflows] of byVendor(options.workflows)) {
    let session: VendorSession;
    try {
      session = await startVendorSession(vendor);
    } catch (error) {
      options.write(paint.bad(`Could not start the ${vendor} server or simulator: ${error instanceof Error ? error.message : String(error)}`));
      failed.push(...workflows.map((workflow) => `${workflow.title}, not started`));
      continue;
    }
    options.write('');
    options.write(`${paint.bold(session.vendor.title)}: server ${paint.bold(session.serverCommand)} (${session.listed} tools) over stdio; simulator ${session.sim.baseUrl}`);
    try {
      for (const workflow of workflows) {
        const outcome = await runWorkflow({ session, workflow, write: options.write, paint });
        steps += outcome.steps;
        requests += outcome.requests;
        if (!outcome.passed) failed.push(`${workflow.title}, step ${outcome.steps}`);
      }
    } finally {
      await session.close();
    }
  }
  return { workflows: options.workflows.length, failed, steps, requests };
}

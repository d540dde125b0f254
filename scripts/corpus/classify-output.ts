import type { ChildRun } from './timed-child.ts';
import type { DefectKind } from './spec-outcome.ts';

export type Verdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly clean: true; readonly codes: readonly string[]; readonly firstError: string }
  | { readonly ok: false; readonly clean: false; readonly kind: DefectKind; readonly signature: string; readonly excerpt: string };

const ERROR_LINE = /^\S.* error (VMCP_[A-Z0-9_]+)\b.*$/gm;
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
const OOM = /JavaScript heap out of memory|Reached heap limit|Allocation failed/;

function firstLines(input: { readonly text: string; readonly count: number }): string {
  return input.text.split('\n').filter((line) => line.trim() !== '').slice(0, input.count).join('\n');
}

/** Long identifiers, paths and numbers vary between specs with one cause; strip them for grouping. */
function normalize(text: string): string {
  return text
    .replace(/\/[^\s:'"()]*\/(generator|templates|node_modules)\//g, '$1/')
    .replace(/"[^"]{0,200}"/g, '"…"')
    .replace(/'[^']{0,200}'/g, "'…'")
    .replace(/\b\d+\b/g, 'N')
    .slice(0, 240);
}

/** The message line and the first stack frame in the generator, which together name a cause. */
function crashSignature(stderr: string): string {
  const lines = stderr.split('\n');
  const messageIndex = lines.findIndex((line) => /(Error|internal error)/.test(line));
  const message = messageIndex >= 0 ? lines[messageIndex]!.replace(/^vendor-mcp internal error \(please report\): /, '') : (lines.find((line) => line.trim() !== '') ?? '(no output)');
  const frame = lines.slice(Math.max(messageIndex, 0)).find((line) => /^\s+at .*\/(generator|templates)\//.test(line));
  return normalize(`${message.trim()}${frame ? ` @ ${frame.trim().replace(/^at /, '')}` : ''}`);
}

function defect(input: { readonly kind: DefectKind; readonly signature: string; readonly excerpt: string }): Verdict {
  return { ok: false, clean: false, ...input };
}

/** Common failures of any stage: the child outran its time, ran out of memory or died. */
function processDefect(run: ChildRun): Verdict | undefined {
  const output = `${run.stderr}\n${run.stdout}`;
  if (run.timedOut) return defect({ kind: 'timeout', signature: 'timeout', excerpt: firstLines({ text: run.stderr.split('\n').slice(-8).join('\n'), count: 8 }) || `(killed after ${run.wallMs} ms)` });
  if (OOM.test(output)) return defect({ kind: 'oom', signature: 'out of memory', excerpt: firstLines({ text: output.slice(output.search(OOM)), count: 6 }) });
  if (run.signal !== null) return defect({ kind: 'crash', signature: `killed by ${run.signal}`, excerpt: firstLines({ text: run.stderr, count: 12 }) });
  return undefined;
}

export function classifyGenerate(run: ChildRun): Verdict {
  const early = processDefect(run);
  if (early) return early;
  if (run.exitCode === 70) return defect({ kind: 'internal-error', signature: `exit 70: ${crashSignature(run.stderr)}`, excerpt: firstLines({ text: run.stderr.slice(run.stderr.indexOf('vendor-mcp internal error') >= 0 ? run.stderr.indexOf('vendor-mcp internal error') : 0), count: 12 }) });
  if (STACK_FRAME.test(run.stderr)) return defect({ kind: 'crash', signature: `exit ${run.exitCode} with a stack trace: ${crashSignature(run.stderr)}`, excerpt: firstLines({ text: run.stderr, count: 12 }) });
  if (run.exitCode === 0) return { ok: true };
  const errors = [...run.stderr.matchAll(ERROR_LINE)];
  if (run.exitCode === 1 && errors.length > 0) {
    return { ok: false, clean: true, codes: [...new Set(errors.map((match) => match[1]!))].sort(), firstError: errors[0]![0] };
  }
  const kind: DefectKind = run.exitCode === 1 ? 'no-error-code' : 'crash';
  return defect({ kind, signature: `exit ${run.exitCode}: ${normalize(firstLines({ text: run.stderr, count: 1 }))}`, excerpt: firstLines({ text: run.stderr, count: 12 }) });
}

const TSC_ERROR = /^(.*?)[(:](\d+)[,:](\d+)\)?:? -? ?error (TS\d+): (.*)$/gm;

/** tsc prints errors on stdout; any error in a generated package is a generator defect. */
export function classifyBuild(run: ChildRun): Verdict {
  const early = processDefect(run);
  if (early) return early;
  if (run.exitCode === 0) return { ok: true };
  const errors = [...run.stdout.matchAll(TSC_ERROR)];
  if (errors.length === 0) return defect({ kind: 'crash', signature: `tsc exit ${run.exitCode}: ${normalize(firstLines({ text: `${run.stdout}\n${run.stderr}`, count: 1 }))}`, excerpt: firstLines({ text: `${run.stdout}\n${run.stderr}`, count: 12 }) });
  const codes = [...new Set(errors.map((match) => match[4]!))].sort();
  const first = errors[0]!;
  return defect({ kind: 'tsc-errors', signature: `tsc ${codes.join(',')}: ${normalize(first[5]!)}`, excerpt: `${errors.length} tsc error(s):\n${errors.slice(0, 8).map((match) => match[0]).join('\n')}` });
}

export function classifyListTools(input: { readonly run: ChildRun; readonly expected: number }): Verdict | { readonly ok: true; readonly tools: number } {
  const early = processDefect(input.run);
  if (early) return early;
  if (input.run.exitCode !== 0) {
    const reason = firstLines({ text: input.run.stderr, count: 1 });
    return defect({ kind: 'list-failed', signature: `list-tools: ${normalize(reason)}`, excerpt: firstLines({ text: input.run.stderr, count: 14 }) });
  }
  const tools = (JSON.parse(input.run.stdout.trim()) as { tools: number }).tools;
  if (tools !== input.expected) return defect({ kind: 'tool-count-mismatch', signature: 'tools/list count differs from tools.json', excerpt: `tools/list returned ${tools} tools; tools.json holds ${input.expected}` });
  return { ok: true, tools };
}

import type { RecordedRequest } from '../simulator/index.ts';
import { continued, labelled, shorten, table, type Paint } from './text-layout.ts';
import type { ToolInfo } from './vendor-session.ts';
import type { ResultView } from './workflow-types.ts';

export type StepRecord = {
  readonly number: number;
  readonly title: string;
  readonly tool: string;
  readonly args: Record<string, unknown>;
  readonly view: ResultView;
  readonly received: readonly RecordedRequest[];
  /** From the generated tool table; absent for a tool the server does not have. */
  readonly info: ToolInfo | undefined;
  readonly problems: readonly string[];
};

const UUID = /\b([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;

/** Display only (the checks compare full values): a UUID's first 8 characters tell records apart. */
export function shortenIds(text: string): string {
  return text.replace(UUID, '$1…');
}

/** As the simulator logged it: path under the base URL, the query as sent (decoded), the body as sent. */
function requestLines(input: { readonly request: RecordedRequest; readonly guardRead: boolean; readonly paint: Paint }): string[] {
  const { request, paint } = input;
  const query = request.rawUrl.includes('?') ? `?${decodeURIComponent(request.rawUrl.slice(request.rawUrl.indexOf('?') + 1))}` : '';
  const note = input.guardRead ? paint.dim('  (the guard reads the current state first)') : '';
  const head = labelled({ label: 'vendor', text: `${shortenIds(`${request.method} ${request.path}${query} → ${request.status}`)}${note}`, paint });
  return request.rawBody === '' ? head : [...head, ...continued(shorten({ text: shortenIds(request.rawBody), max: 300 }))];
}

function vendorLines(input: { readonly step: StepRecord; readonly paint: Paint }): string[] {
  const { step, paint } = input;
  if (step.received.length === 0) return labelled({ label: 'vendor', text: paint.bold('no request reached the vendor'), paint });
  const info = step.info;
  const lines = step.received.flatMap((request) => requestLines({ request, guardRead: info?.readsFirst === true && request.method === 'GET', paint }));
  const wrote = info !== undefined && step.received.some((request) => request.method === info.method);
  return info?.writes === true && !wrote ? [...lines, ...continued(paint.bold(`no ${info.method} reached the vendor`))] : lines;
}

function resultLines(input: { readonly view: ResultView; readonly paint: Paint }): string[] {
  const { view, paint } = input;
  if (typeof view === 'string') return labelled({ label: 'result', text: shortenIds(view), paint });
  return [...labelled({ label: 'result', text: shortenIds(view.line), paint }), ...table(view.table)];
}

export function stepLines(input: { readonly step: StepRecord; readonly paint: Paint }): string[] {
  const { step, paint } = input;
  const mark = step.problems.length === 0 ? paint.ok('✓') : paint.bad('✗');
  return [
    '',
    ` ${mark} ${String(step.number).padStart(2)}  ${paint.bold(step.title)}`,
    ...labelled({ label: 'tool', text: step.tool, paint }),
    ...labelled({ label: 'args', text: shortenIds(JSON.stringify(step.args)), paint }),
    ...resultLines({ view: step.view, paint }),
    ...vendorLines({ step, paint }),
    ...step.problems.flatMap((problem, index) => labelled({ label: index === 0 ? 'DIFFERS' : '', text: problem, paint, hang: 2 }).map(paint.bad)),
  ];
}

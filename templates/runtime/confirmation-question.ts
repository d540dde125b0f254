import type { ToolDefinition } from './tool-definition.ts';
import { visibleJson, visibleString } from './visible-json.ts';

/** What the person is asked to confirm: entries a guard would remove, or a destructive call as a whole. */
export type Asking =
  | { readonly kind: 'remove'; readonly field: string; readonly confirmArg: string; readonly entries: readonly unknown[] }
  | { readonly kind: 'destructive' };

/** Long argument lists are shown in full up to this many characters, then cut with a note. */
const MAX_SHOWN_CHARS = 1_500;

function shown(text: string): string {
  return text.length <= MAX_SHOWN_CHARS ? text : `${text.slice(0, MAX_SHOWN_CHARS)}… (${text.length - MAX_SHOWN_CHARS} more characters)`;
}

/** `carrier usps, tracking_code 9400…` for an object entry; the value itself otherwise. */
function entryWords(entry: unknown): string {
  if (typeof entry !== 'object' || entry === null) return visibleJson(entry);
  return Object.entries(entry as Record<string, unknown>)
    .map(([field, value]) => `${visibleString(field)} ${typeof value === 'string' ? visibleString(value) : visibleJson(value)}`)
    .join(', ');
}

/** The record a call acts on, named by its path arguments (`id 40cc…`); the API itself when it has none. */
export function recordWords(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>> }): string {
  const parts = Object.entries(input.tool.http.args)
    .filter(([arg, binding]) => binding.in === 'path' && input.args[arg] !== undefined)
    .map(([arg]) => `${arg} ${visibleString(String(input.args[arg]))}`);
  return parts.length > 0 ? parts.join(', ') : 'no single record';
}

/** The plain-words question shown to the person; the answer is the form's accept/decline. */
export function questionText(input: { readonly vendorTitle: string; readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly asking: Asking }): string {
  const { tool, asking } = input;
  const action = `${input.vendorTitle}: ${tool.title} (${recordWords(input)})`;
  if (asking.kind === 'remove') {
    const count = asking.entries.length;
    const list = asking.entries.map((entry) => `- ${entryWords(entry)}`).join('\n');
    return shown(
      `${action} would remove ${count} existing ${asking.field} entr${count === 1 ? 'y' : 'ies'}:\n${list}\n` +
        'Accept to send the change and remove them. Decline to send nothing.',
    );
  }
  const rest = Object.fromEntries(Object.entries(input.args).filter(([arg]) => tool.http.args[arg]?.in !== 'path'));
  const detail = Object.keys(rest).length > 0 ? ` with ${visibleJson(rest)}` : '';
  return shown(`${action}${detail}. The vendor marks this as destructive. Accept to send it. Decline to send nothing.`);
}

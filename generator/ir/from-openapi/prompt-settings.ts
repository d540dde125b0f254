import { joinPointer } from '../../shared/json-pointer.ts';
import { isValidPromptName } from '../naming.ts';
import type { IconIR, PromptArgumentIR, PromptIR } from '../types.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';

/** `{{name}}` in a prompt's text; the runtime fills exactly this form. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_-]+)\s*\}\}/g;

function invalid(input: { readonly context: BuildContext; readonly at: string; readonly message: string }): undefined {
  report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: input.at, message: input.message });
  return undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

function readArgument(input: { readonly context: BuildContext; readonly value: unknown; readonly at: string }): PromptArgumentIR | undefined {
  const { value } = input;
  const name = isRecord(value) ? text(value['name']) : undefined;
  const description = isRecord(value) ? text(value['description']) : undefined;
  if (name === undefined || !isValidPromptName(name) || description === undefined) {
    return invalid({ ...input, message: 'a prompt argument needs a `name` (letters, digits, _ or -) and a `description`' });
  }
  return { name, description, required: isRecord(value) && value['required'] === true };
}

function readPrompt(input: { readonly context: BuildContext; readonly value: unknown; readonly at: string }): PromptIR | undefined {
  const { context, value, at } = input;
  if (!isRecord(value)) return invalid({ context, at, message: 'each x-mcp.prompts entry must be an object' });
  const name = text(value['name']);
  if (name === undefined || !isValidPromptName(name)) return invalid({ context, at: joinPointer(at, 'name'), message: 'a prompt needs a `name` of 1-64 letters, digits, _ or -' });
  const description = text(value['description']);
  const body = text(value['text']);
  if (description === undefined || body === undefined) return invalid({ context, at, message: `prompt ${JSON.stringify(name)} needs a \`description\` and a \`text\`` });
  const rawArgs = value['arguments'] ?? [];
  if (!Array.isArray(rawArgs)) return invalid({ context, at: joinPointer(at, 'arguments'), message: 'prompt arguments must be a list' });
  const args = rawArgs.map((arg, index) => readArgument({ context, value: arg, at: joinPointer(at, 'arguments', String(index)) }));
  if (args.some((arg) => arg === undefined)) return undefined;
  const declared = new Set(args.map((arg) => arg!.name));
  const unknown = [...body.matchAll(PLACEHOLDER)].map((match) => match[1]!).filter((used) => !declared.has(used));
  if (unknown.length > 0) return invalid({ context, at: joinPointer(at, 'text'), message: `prompt ${JSON.stringify(name)} uses undeclared arguments: ${[...new Set(unknown)].join(', ')}` });
  return { kind: 'prompt', name, title: text(value['title']) ?? name, description, arguments: args as PromptArgumentIR[], text: body, source: { file: context.file, pointer: at } };
}

/** Root `x-mcp.prompts`: named workflow templates. A bad entry is reported and left out; a duplicate name is an error. */
export function readPrompts(context: BuildContext): readonly PromptIR[] | undefined {
  const settings = (context.root as Record<string, unknown>)['x-mcp'];
  const value = isRecord(settings) ? settings['prompts'] : undefined;
  if (value === undefined) return undefined;
  const at = '/x-mcp/prompts';
  if (!Array.isArray(value)) return invalid({ context, at, message: 'x-mcp.prompts must be a list' });
  const prompts = value.flatMap((entry, index) => readPrompt({ context, value: entry, at: joinPointer(at, String(index)) }) ?? []);
  const seen = new Set<string>();
  for (const prompt of prompts) {
    if (seen.has(prompt.name)) invalid({ context, at: prompt.source.pointer, message: `prompt name ${JSON.stringify(prompt.name)} is used twice` });
    seen.add(prompt.name);
  }
  return prompts;
}

function readIcon(value: unknown): IconIR | undefined {
  if (!isRecord(value) || typeof value['src'] !== 'string' || !/^(https:|data:image\/)/.test(value['src'])) return undefined;
  const sizes = Array.isArray(value['sizes']) && value['sizes'].every((s) => typeof s === 'string') ? (value['sizes'] as string[]) : undefined;
  const theme = value['theme'] === 'light' || value['theme'] === 'dark' ? value['theme'] : undefined;
  return {
    src: value['src'],
    ...(typeof value['mimeType'] === 'string' ? { mimeType: value['mimeType'] } : {}),
    ...(sizes !== undefined ? { sizes } : {}),
    ...(theme !== undefined ? { theme } : {}),
  };
}

/** `icons` of an x-mcp block (root: the server; operation: its tool). Only https and data:image URLs are kept. */
export function readIcons(input: { readonly context: BuildContext; readonly value: unknown; readonly at: string }): readonly IconIR[] | undefined {
  if (input.value === undefined) return undefined;
  const list = Array.isArray(input.value) ? input.value.map(readIcon) : [];
  if (list.length === 0 || list.some((icon) => icon === undefined)) {
    return invalid({ ...input, message: 'icons must be a non-empty list of {src (https: or data:image/ URL), mimeType?, sizes?, theme?: light|dark}' });
  }
  return list as IconIR[];
}

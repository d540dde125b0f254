import type { GetPromptResult, McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';

/** One prompt as the vendor doc declares it; every field is data from the doc. */
export type PromptDefinition = {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly arguments: readonly { readonly name: string; readonly description: string; readonly required: boolean }[];
  /** The message text with `{{argument}}` placeholders. */
  readonly text: string;
};

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_-]+)\s*\}\}/g;

/** The prompt's text with each `{{argument}}` replaced by its value (an absent optional one by nothing). */
export function fillPrompt(input: { readonly prompt: PromptDefinition; readonly values: Readonly<Record<string, string | undefined>> }): string {
  // A replacer function: `$&` and friends in a value stay literal text.
  return input.prompt.text.replace(PLACEHOLDER, (_match, name: string) => input.values[name] ?? '');
}

function argsShape(prompt: PromptDefinition): Record<string, z.ZodType<string | undefined>> {
  return Object.fromEntries(prompt.arguments.map((arg) => [arg.name, arg.required ? z.string().min(1).describe(arg.description) : z.string().describe(arg.description).optional()]));
}

/** `prompts/list` and `prompts/get` for the doc's workflows: one user message that sets the workflow up. */
export function registerPrompts(input: { readonly server: McpServer; readonly prompts: readonly PromptDefinition[] }): void {
  for (const prompt of input.prompts) {
    input.server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: z.object(argsShape(prompt)) },
      (values): GetPromptResult => ({
        description: prompt.description,
        messages: [{ role: 'user', content: { type: 'text', text: fillPrompt({ prompt, values: values as Record<string, string | undefined> }) } }],
      }),
    );
  }
}

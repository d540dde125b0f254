import { readFileSync } from 'node:fs';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { modelVisibleText, type ModelVisibleTool } from '../../generator/shared/model-tokens.ts';
import { countO200kTokens } from '../../generator/shared/o200k-count.ts';

/**
 * gpt-tokenizer's own `countTokens` as the oracle for the generator's o200k_base count
 * (generator/shared/o200k-count.ts), which must give the same number, or the same refusal, on any text.
 */
type Outcome = number | `refused: ${string}`;

function outcome(input: { readonly count: (text: string) => number; readonly text: string }): Outcome {
  try {
    return input.count(input.text);
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

export type Mismatch = { readonly text: string; readonly oracle: Outcome; readonly ours: Outcome };

/** Every text whose count (or refusal) differs from gpt-tokenizer's. */
export function tokenCountMismatches(texts: Iterable<string>): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const text of texts) {
    const oracle = outcome({ count: countTokens, text });
    const ours = outcome({ count: countO200kTokens, text });
    if (oracle !== ours) mismatches.push({ text, oracle, ours });
  }
  return mismatches;
}

/** The texts the generator counted for a package: one per tool recorded in its tools.json (given as text). */
export function toolTexts(toolsJson: string): string[] {
  const snapshot = JSON.parse(toolsJson) as { tools: ModelVisibleTool[] };
  return snapshot.tools.map(modelVisibleText);
}

export function toolsJsonTexts(file: string): string[] {
  return toolTexts(readFileSync(file, 'utf8'));
}

/**
 * Texts drawn from an OpenAPI document, the material the generator's tool texts are made of: each
 * operation and each component as compact JSON, and every string in it on its own.
 */
export function specTexts(document: unknown): string[] {
  const texts: string[] = [];
  const root = document as { paths?: Record<string, Record<string, unknown>>; components?: Record<string, Record<string, unknown>> };
  for (const item of Object.values(root.paths ?? {})) for (const operation of Object.values(item)) texts.push(JSON.stringify(operation));
  for (const group of Object.values(root.components ?? {})) for (const component of Object.values(group)) texts.push(JSON.stringify(component));
  const strings = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') strings.add(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        visit(key);
        visit(item);
      }
    }
  };
  visit(document);
  return [...texts, ...strings];
}

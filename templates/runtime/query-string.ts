import type { ArgBinding } from './tool-definition.ts';

const encode = encodeURIComponent;

function scalar(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

const DELIMITERS = { form: ',', spaceDelimited: '%20', pipeDelimited: '|' } as const;

function arrayPairs(input: { readonly binding: ArgBinding; readonly values: readonly unknown[] }): string[] {
  const { binding, values } = input;
  const style = binding.style ?? 'form';
  if ((binding.explode ?? true) && style === 'form') return values.map((v) => `${encode(binding.name)}=${encode(scalar(v))}`);
  const delimiter = style === 'deepObject' ? ',' : DELIMITERS[style];
  return [`${encode(binding.name)}=${values.map((v) => encode(scalar(v))).join(delimiter)}`];
}

function objectPairs(input: { readonly binding: ArgBinding; readonly value: Record<string, unknown> }): string[] {
  const { binding, value } = input;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
  if (binding.style === 'deepObject') return entries.map(([k, v]) => `${encode(`${binding.name}[${k}]`)}=${encode(scalar(v))}`);
  if (binding.explode ?? true) return entries.map(([k, v]) => `${encode(k)}=${encode(scalar(v))}`);
  return [`${encode(binding.name)}=${entries.map(([k, v]) => `${encode(k)},${encode(scalar(v))}`).join(',')}`];
}

/** One query argument → `key=value` pairs, following the OpenAPI `style`/`explode` rules. */
export function queryPairs(input: { readonly binding: ArgBinding; readonly value: unknown }): string[] {
  const { binding, value } = input;
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return arrayPairs({ binding, values: value });
  if (typeof value === 'object') return objectPairs({ binding, value: value as Record<string, unknown> });
  return [`${encode(binding.name)}=${encode(scalar(value))}`];
}

/** `a[b][0]=1` style pairs for form-encoded bodies, the convention of form APIs such as Stripe's. */
export function formPairs(input: { readonly prefix: string; readonly value: unknown }): string[] {
  const { prefix, value } = input;
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => formPairs({ prefix: `${prefix}[${index}]`, value: item }));
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => formPairs({ prefix: `${prefix}[${key}]`, value: item }));
  }
  return [`${encode(prefix)}=${encode(String(value))}`];
}

import Handlebars from 'handlebars';

/**
 * Templates only for files whose shape does not depend on the IR. Strict mode makes a missing
 * field an error instead of an empty string; no HTML escaping, because nothing here is HTML.
 */
const OPTIONS = { strict: true, noEscape: true, knownHelpersOnly: true, knownHelpers: { json: true } } as const;

/** A template ready to render a view. */
export type Template = (view: Readonly<Record<string, unknown>>) => string;

/** What makes a precompiled form stale: another Handlebars or other compile options. */
export const TEMPLATE_COMPILER = `handlebars ${Handlebars.VERSION} ${JSON.stringify(OPTIONS)}`;

/** Handlebars' compiled form of a template: JavaScript source of an object literal (what a cache keeps, see load/template-cache.ts). */
export function precompileTemplate(source: string): string {
  return String(Handlebars.precompile(source, OPTIONS));
}

/**
 * The template a precompiled form renders. Handlebars' own `compile` generates the same form and
 * evaluates it the same way; parsing and generating it is what costs (~3 ms a template).
 */
export function templateFromSpec(spec: string): Template {
  const env = Handlebars.create();
  env.registerHelper('json', (value: unknown) => JSON.stringify(value));
  const template = env.template(new Function(`return ${spec};`)() as Parameters<typeof env.template>[0]);
  return (view) => template(view);
}

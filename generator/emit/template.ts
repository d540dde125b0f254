import Handlebars from 'handlebars';

/**
 * Templates only for files whose shape does not depend on the IR. Strict mode makes a missing
 * field an error instead of an empty string; no HTML escaping, because nothing here is HTML.
 */
export function renderTemplate(input: { readonly source: string; readonly view: Readonly<Record<string, unknown>> }): string {
  const env = Handlebars.create();
  env.registerHelper('json', (value: unknown) => JSON.stringify(value));
  const template = env.compile(input.source, { strict: true, noEscape: true, knownHelpersOnly: true, knownHelpers: { json: true } });
  return template(input.view);
}

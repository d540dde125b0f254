import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { annotationFormats, numberFormats, stringFormats } from './formats.ts';
import type { IssueKind, IssueLocation, JsonObject, ValidationIssue } from './types.ts';

/** The doc is registered under this id; every schema is then validated as `{ $ref: DOC_ID + pointer }`. */
const DOC_ID = 'sim://doc';

export type SchemaValidator = {
  /** Issues for `value` against the schema at `pointer`; empty when it conforms. */
  validate(input: { pointer: string; value: unknown; location: IssueLocation; field?: string }): ValidationIssue[];
};

/** ajv 2020 with the simulator's formats: the one judge of what conforms (the fuzzer judges tool inputs with it too). */
export function formatAwareAjv(): Ajv2020 {
  // strict: false tolerates `example`, `x-*`, `discriminator`; the doc is not a schema, so skip meta-validation.
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateSchema: false });
  for (const [name, check] of Object.entries(stringFormats)) ajv.addFormat(name, { type: 'string', validate: check });
  for (const [name, check] of Object.entries(numberFormats)) ajv.addFormat(name, { type: 'number', validate: check });
  for (const name of annotationFormats) ajv.addFormat(name, true);
  return ajv;
}

export function createSchemaValidator(doc: JsonObject): SchemaValidator {
  const ajv = formatAwareAjv();
  ajv.addSchema(doc, DOC_ID);
  const compiled = new Map<string, ValidateFunction>();

  const compile = (pointer: string): ValidateFunction => {
    const cached = compiled.get(pointer);
    if (cached !== undefined) return cached;
    // ajv percent-decodes fragments, so `{id}` and `~1` survive as long as each token is URI-encoded.
    const fragment = pointer.replace(/^#/, '').split('/').map((token) => encodeURIComponent(token)).join('/');
    const validate = ajv.compile({ $ref: `${DOC_ID}#${fragment}` });
    compiled.set(pointer, validate);
    return validate;
  };

  return {
    validate(input) {
      const validate = compile(input.pointer);
      if (validate(input.value)) return [];
      return issuesFromAjv({ errors: validate.errors ?? [], location: input.location, field: input.field ?? '' });
    },
  };
}

function issuesFromAjv(input: { errors: ErrorObject[]; location: IssueLocation; field: string }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of input.errors) {
    const issue = issueOf({ error, location: input.location, base: input.field });
    if (issue === undefined) continue;
    const key = `${issue.field}|${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function joinField(input: { base: string; instancePath: string; extra?: string }): string {
  const parts = input.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (input.extra !== undefined) parts.push(input.extra);
  const tail = parts.join('.');
  if (input.base === '') return tail;
  return tail === '' ? input.base : `${input.base}.${tail}`;
}

const TYPE_KINDS: Record<string, IssueKind> = {
  integer: 'type-integer',
  number: 'type-number',
  string: 'type-string',
  boolean: 'type-boolean',
  array: 'type-array',
  object: 'type-object',
};

const FORMAT_KINDS: Record<string, IssueKind> = {
  date: 'format-date',
  'date-time': 'format-date',
  email: 'format-email',
  uri: 'format-uri',
};

const LOCATION_WORDS: Record<IssueLocation, string> = {
  auth: 'credential',
  header: 'header',
  path: 'path parameter',
  query: 'query parameter',
  body: 'body field',
  route: 'route',
};

/** `body field json.name`, or `body` for the whole body. */
export function describeField(input: { location: IssueLocation; field: string }): string {
  if (input.field === '') return input.location === 'body' ? 'body' : LOCATION_WORDS[input.location];
  return `${LOCATION_WORDS[input.location]} ${input.field}`;
}

function issueOf(input: { error: ErrorObject; location: IssueLocation; base: string }): ValidationIssue | undefined {
  const { error, location, base } = input;
  const params = error.params as Record<string, unknown>;
  const field = joinField({ base, instancePath: error.instancePath });
  const make = (made: { kind: IssueKind; field: string; message: string }): ValidationIssue => ({ location, ...made });
  switch (error.keyword) {
    case 'required': {
      const missing = joinField({ base, instancePath: error.instancePath, extra: String(params.missingProperty) });
      return make({ kind: 'required', field: missing, message: `${describeField({ location, field: missing })} is required` });
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      const extra = joinField({ base, instancePath: error.instancePath, extra: name });
      return make({ kind: 'unknown', field: extra, message: `${describeField({ location, field: extra })} is not allowed` });
    }
    case 'enum':
    case 'const': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [params.allowedValue];
      const list = allowed.map((value) => JSON.stringify(value)).join(', ');
      return make({ kind: 'enum', field, message: `${describeField({ location, field })} must be one of: ${list}` });
    }
    case 'type': {
      const type = String(params.type);
      const first = type.split(',')[0] ?? type;
      return make({ kind: TYPE_KINDS[first] ?? 'other', field, message: `${describeField({ location, field })} must be of type ${type.split(',').join(' or ')}` });
    }
    case 'format': {
      const format = String(params.format);
      return make({ kind: FORMAT_KINDS[format] ?? 'format-other', field, message: `${describeField({ location, field })} must be a valid ${format}` });
    }
    case 'maxLength':
      return make({ kind: 'max-length', field, message: `${describeField({ location, field })} ${error.message ?? 'is too long'}` });
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return make({ kind: 'range', field, message: `${describeField({ location, field })} ${error.message ?? 'is out of range'}` });
    case 'if':
      // The failing branch already produced its own, more specific error.
      return undefined;
    default:
      return make({ kind: 'other', field, message: `${describeField({ location, field })} ${error.message ?? 'is invalid'}` });
  }
}

import { joinPointer } from '../../shared/json-pointer.ts';
import { envNameProblem } from '../naming.ts';
import type { ClientCredentialsIR, ErrorEnvelopeIR } from '../types.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';

function invalid(input: { readonly context: BuildContext; readonly at: string; readonly message: string }): undefined {
  report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: input.at, message: input.message });
  return undefined;
}

/**
 * A document's value that becomes a name (package slug, env prefix, env variable): refused, not
 * cleaned, when `problem` says so, because these names are printed into shell commands and files.
 * `setting` is how the message names it (`x-mcp.auth.env`).
 */
export function checkedName(input: {
  readonly context: BuildContext;
  readonly value: string;
  readonly setting: string;
  readonly at: string;
  readonly problem: (text: string) => string | undefined;
}): string | undefined {
  const reason = input.problem(input.value);
  if (reason === undefined) return input.value;
  report({ context: input.context, code: 'VMCP_NAME_INVALID', pointer: input.at, message: `${input.setting} ${JSON.stringify(input.value)} is refused: it ${reason}` });
  return undefined;
}

/** The grant's variable names (urlEnv, then each field's), every refused one reported; false if any was. */
function grantEnvNamesValid(input: { readonly context: BuildContext; readonly urlEnv: string; readonly fields: Readonly<Record<string, string>>; readonly at: string }): boolean {
  const { context, at } = input;
  const names = [
    { value: input.urlEnv, setting: 'x-mcp.auth.clientCredentials.urlEnv', at: joinPointer(at, 'urlEnv') },
    ...Object.entries(input.fields).map(([field, value]) => ({ value, setting: `x-mcp.auth.clientCredentials.fields.${field}`, at: joinPointer(at, 'fields', field) })),
  ];
  return names.filter((name) => checkedName({ context, ...name, problem: envNameProblem }) === undefined).length === 0;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value);
  return entries.every(([, v]) => typeof v === 'string' || typeof v === 'number') ? Object.fromEntries(entries.map(([k, v]) => [k, String(v)])) : undefined;
}

function pointerList(value: unknown): string[] | undefined {
  const list = typeof value === 'string' ? [value] : value;
  return Array.isArray(list) && list.length > 0 && list.every((p) => typeof p === 'string' && (p === '' || p.startsWith('/'))) ? (list as string[]) : undefined;
}

function optionalPointer(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') ? value : undefined;
}

/** `x-mcp.auth.clientCredentials`: the token URL comes from the named oauth2 scheme's flow. */
export function readClientCredentials(input: { readonly context: BuildContext; readonly value: unknown; readonly at: string }): ClientCredentialsIR | undefined {
  const { context, value, at } = input;
  if (value === undefined) return undefined;
  if (!isRecord(value)) return invalid({ context, at, message: 'x-mcp.auth.clientCredentials must be an object' });
  const root = context.root as Record<string, unknown>;
  const schemes = isRecord(root['components']) && isRecord(root['components']['securitySchemes']) ? root['components']['securitySchemes'] : {};
  const scheme = typeof value['scheme'] === 'string' ? schemes[value['scheme']] : undefined;
  const flows = isRecord(scheme) && isRecord(scheme['flows']) ? scheme['flows'] : undefined;
  const flow = flows !== undefined && isRecord(flows['clientCredentials']) ? flows['clientCredentials'] : undefined;
  if (flow === undefined || typeof flow['tokenUrl'] !== 'string') {
    return invalid({ context, at: joinPointer(at, 'scheme'), message: 'clientCredentials.scheme must name an oauth2 security scheme with a clientCredentials flow and tokenUrl' });
  }
  const fields = stringMap(value['fields']);
  if (fields === undefined || Object.keys(fields).length === 0) return invalid({ context, at: joinPointer(at, 'fields'), message: 'clientCredentials.fields must map request fields to environment variables' });
  if (typeof value['urlEnv'] !== 'string') return invalid({ context, at, message: 'clientCredentials.urlEnv must name the variable that overrides the token URL' });
  if (!grantEnvNamesValid({ context, urlEnv: value['urlEnv'], fields, at })) return undefined;
  const secrets = Array.isArray(value['secrets']) ? value['secrets'].filter((s): s is string => typeof s === 'string' && s in fields) : [];
  return {
    tokenUrl: flow['tokenUrl'],
    urlEnv: value['urlEnv'],
    body: value['body'] === 'form' ? 'form' : 'json',
    fields,
    constants: stringMap(value['constants']) ?? {},
    secrets,
    source: { file: context.file, pointer: at },
  };
}

function readFieldErrors(input: { readonly context: BuildContext; readonly value: unknown; readonly at: string }): ErrorEnvelopeIR['fields'] | undefined {
  const { value } = input;
  if (value === undefined) return undefined;
  const at = optionalPointer(isRecord(value) ? value['at'] : undefined);
  const code = typeof (isRecord(value) ? value['code'] : undefined) === 'string' ? ((value as Record<string, unknown>)['code'] as string) : undefined;
  if (!isRecord(value) || at === undefined || code === undefined) return invalid({ ...input, message: 'errors.fields needs `at` (pointer to the per-field object) and `code` (pointer inside each entry)' });
  return { at, code, codes: stringMap(value['codes']) ?? {} };
}

/** `x-mcp.errors`: how to read the vendor's error body, and what to advise per status. */
export function readErrorEnvelope(context: BuildContext): ErrorEnvelopeIR | undefined {
  const settings = (context.root as Record<string, unknown>)['x-mcp'];
  const value = isRecord(settings) ? settings['errors'] : undefined;
  if (value === undefined) return undefined;
  const at = '/x-mcp/errors';
  if (!isRecord(value)) return invalid({ context, at, message: 'x-mcp.errors must be an object' });
  const message = pointerList(value['message']);
  if (message === undefined) return invalid({ context, at: joinPointer(at, 'message'), message: 'errors.message must be a JSON pointer or a list of them' });
  const fields = readFieldErrors({ context, value: value['fields'], at: joinPointer(at, 'fields') });
  const code = optionalPointer(value['code']);
  const requestId = optionalPointer(value['requestId']);
  return {
    message,
    ...(code !== undefined ? { code } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(fields !== undefined ? { fields } : {}),
    hints: stringMap(value['hints']) ?? {},
    source: { file: context.file, pointer: at },
  };
}

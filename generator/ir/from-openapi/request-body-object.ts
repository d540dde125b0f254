import { joinPointer } from '../../shared/json-pointer.ts';
import type { BodyIR, JsonSchema } from '../types.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';
import { derefObject } from './reference-object.ts';
import { normalizeSchema } from './schema-object.ts';

export type RequestBody = { readonly body: BodyIR; readonly schema: JsonSchema } | { readonly unsupported: string } | undefined;

function pickMediaType(content: Record<string, unknown>): { mediaType: string; encoding: BodyIR['encoding'] } | undefined {
  const types = Object.keys(content);
  const json = types.find((t) => /^application\/(.+\+)?json\b/i.test(t)) ?? types.find((t) => /json/i.test(t));
  if (json !== undefined) return { mediaType: json, encoding: 'json' };
  const form = types.find((t) => /^application\/x-www-form-urlencoded\b/i.test(t));
  if (form !== undefined) return { mediaType: form, encoding: 'form' };
  return undefined;
}

/** Objects without root composition are spread into flat arguments; anything else travels whole. */
function bodyMode(schema: JsonSchema): BodyIR['mode'] {
  // The schema is normalized: one with properties and no type already says `type: object`.
  const composed = schema['oneOf'] !== undefined || schema['anyOf'] !== undefined;
  return schema['type'] === 'object' && !composed && schema['properties'] !== undefined ? 'fields' : 'whole';
}

export function readRequestBody(input: {
  readonly context: BuildContext;
  readonly operation: Record<string, unknown>;
  readonly operationPointer: string;
  readonly httpMethod: string;
}): RequestBody {
  const { context, operation, operationPointer, httpMethod } = input;
  if (operation['requestBody'] === undefined) return undefined;
  const at = joinPointer(operationPointer, 'requestBody');
  const resolved = derefObject({ context, value: operation['requestBody'], at });
  if (resolved === undefined || !isRecord(resolved.value) || !isRecord(resolved.value['content'])) return undefined;
  const content = resolved.value['content'];
  const picked = pickMediaType(content);
  // A JSON body on GET is sent (some vendors take one, and the runtime transport can send it);
  // form bodies on GET (Stripe's, which mirror the query) and any body on HEAD are not.
  if (httpMethod === 'HEAD' || (httpMethod === 'GET' && picked?.encoding !== 'json')) {
    const why = httpMethod === 'HEAD' ? 'HEAD operation declares a request body, which a HEAD request never carries' : 'GET operation declares a request body that is not JSON';
    report({ context, code: 'VMCP_GET_BODY_IGNORED', severity: 'warning', pointer: at, message: `${why}; it is not sent` });
    return undefined;
  }
  if (picked === undefined) return { unsupported: `request body media type ${Object.keys(content).join(', ') || '(none)'} is not supported` };
  const media = content[picked.mediaType];
  const schemaAt = joinPointer(resolved.pointer, 'content', picked.mediaType, 'schema');
  const schema = normalizeSchema({ context, schema: isRecord(media) ? media['schema'] : undefined, at: schemaAt, direction: 'input' });
  const body: BodyIR = {
    kind: 'body',
    mediaType: picked.mediaType,
    encoding: picked.encoding,
    mode: bodyMode(schema),
    required: resolved.value['required'] === true,
    source: { file: context.file, pointer: schemaAt },
  };
  return { body, schema };
}

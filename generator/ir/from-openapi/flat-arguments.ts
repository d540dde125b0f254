import { argumentName, isReservedArgumentName, locatedArgumentName } from '../naming.ts';
import type { ArgIR, ArgLocation, BodyIR, JsonSchema, SourceRef } from '../types.ts';
import type { WireParameter } from './parameter-object.ts';

type Candidate = Omit<ArgIR, 'kind' | 'name'>;

const LOCATION_ORDER: readonly ArgLocation[] = ['path', 'query', 'header', 'body'];

function bodyCandidates(input: { readonly body: BodyIR; readonly schema: JsonSchema }): Candidate[] {
  const { body, schema } = input;
  if (body.mode === 'whole') {
    return [{ wireName: 'body', location: 'body', required: body.required, schema, source: body.source }];
  }
  const required = new Set((schema['required'] ?? []) as string[]);
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).map(([wireName, propertySchema]) => ({
    wireName,
    location: 'body' as const,
    required: required.has(wireName),
    schema: propertySchema,
    source: { file: body.source.file, pointer: `${body.source.pointer}/properties/${wireName.replace(/~/g, '~0').replace(/\//g, '~1')}` } satisfies SourceRef,
  }));
}

/**
 * A body field named exactly like a path variable carries the same value (Rose Rocket sends
 * `objectKey` in both): one argument fills both, so the model cannot make them disagree.
 */
function mergeMirrors(candidates: readonly Candidate[]): Candidate[] {
  const pathTypes = new Map(candidates.filter((c) => c.location === 'path').map((c) => [c.wireName, JSON.stringify(c.schema['type'] ?? null)]));
  const sameValue = (c: Candidate) => c.location === 'body' && pathTypes.get(c.wireName) === JSON.stringify(c.schema['type'] ?? null);
  const mirrored = new Set(candidates.filter(sameValue).map((c) => c.wireName));
  return candidates
    .filter((c) => !(c.location === 'body' && mirrored.has(c.wireName)))
    .map((c) => (c.location === 'path' && mirrored.has(c.wireName) ? { ...c, mirrors: [{ in: 'body' as const, name: c.wireName }] } : c));
}

/**
 * Gives every wire value one flat, unique argument name. Earlier locations keep the plain name
 * (path, then query, header, body); a later clash is prefixed with its location, then numbered.
 * A reserved name (naming.ts: `dry_run`, `constructor`, …) clashes from the start, and is numbered
 * from its prefixed form, since the plain one stays reserved.
 */
export function flattenArguments(input: {
  readonly parameters: readonly WireParameter[];
  readonly body?: { readonly body: BodyIR; readonly schema: JsonSchema };
}): ArgIR[] {
  const candidates = mergeMirrors([...input.parameters, ...(input.body ? bodyCandidates(input.body) : [])]);
  const ordered = LOCATION_ORDER.flatMap((location) => candidates.filter((c) => c.location === location));
  const taken = new Set<string>();
  return ordered.map((candidate) => {
    const plain = argumentName(candidate.wireName);
    const located = locatedArgumentName({ location: candidate.location, name: plain });
    const reserved = isReservedArgumentName(plain);
    let name = reserved || taken.has(plain) ? located : plain;
    for (let n = 2; taken.has(name); n += 1) name = `${reserved ? located : plain}_${n}`;
    taken.add(name);
    return { kind: 'arg', name, ...candidate };
  });
}

/**
 * The tool's input schema as listed: an object root, one property per flat argument. The root is
 * strict at run time (the tool's zod `strictObject` refuses any other key by name, as it does in
 * nested objects, which are listed without the keyword too), so `additionalProperties: false` is not
 * listed: it cost every tool 5 tokens a turn (see closedRoot in shared/tool-surface.ts).
 */
export function rootInputSchema(args: readonly ArgIR[], controls: readonly { readonly name: string; readonly schema: JsonSchema }[]): JsonSchema {
  const visible = args.filter((arg) => arg.managed === undefined);
  const properties = Object.fromEntries([...visible.map((arg) => [arg.name, arg.schema] as const), ...controls.map((c) => [c.name, c.schema] as const)]);
  const required = visible.filter((arg) => arg.required).map((arg) => arg.name);
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

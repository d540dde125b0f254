import { modelVisibleTokens, type ModelVisibleTool } from '../../generator/shared/model-tokens.ts';

/**
 * What the token target would cost, measured on our own listing in the bench's run: the same tools
 * with parts of each input schema taken away, counted the way the target rows count. It answers
 * "how much would have to go for ≤ 60 % of this peer", so a miss can be read as a trade-off with a
 * figure rather than as a lever nobody found (issue 19).
 *
 * Two floors, both keeping every tool's name and description and every top-level parameter's name
 * (no parameter lost) and `required`:
 * - `constraints`: no parameter description and nothing nested below a top-level parameter, but
 *   each keeps its type, enum, const, pattern, format and bounds: what a model needs to send a value
 *   the tool accepts.
 * - `types`: each top-level parameter's type alone (an array keeps `items: {}`, which some hosts'
 *   function-calling APIs require).
 */
export type FloorKind = 'constraints' | 'types';

type Schema = Record<string, unknown>;

/** The keywords that say which values a parameter takes: kept by the `constraints` floor. */
const CONSTRAINTS: readonly string[] = [
  'type', 'enum', 'const', 'pattern', 'format',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
];

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

const takesArrays = (schema: Schema): boolean => schema['type'] === 'array' || (Array.isArray(schema['type']) && schema['type'].includes('array'));

function floorParameter(input: { readonly schema: unknown; readonly kind: FloorKind }): Schema {
  if (!isSchema(input.schema)) return {};
  const keep = input.kind === 'types' ? ['type'] : CONSTRAINTS;
  const floor: Schema = {};
  for (const key of keep) if (input.schema[key] !== undefined) floor[key] = input.schema[key];
  if (takesArrays(input.schema)) floor['items'] = {};
  return floor;
}

/** The tool as listed with its input schema cut to the floor: an object of its top-level parameters. */
export function floorTool(input: { readonly tool: ModelVisibleTool; readonly kind: FloorKind }): ModelVisibleTool {
  const schema = isSchema(input.tool.inputSchema) ? input.tool.inputSchema : {};
  const properties = isSchema(schema['properties']) ? schema['properties'] : {};
  const floor: Schema = {
    type: 'object',
    properties: Object.fromEntries(Object.entries(properties).map(([name, parameter]) => [name, floorParameter({ schema: parameter, kind: input.kind })])),
    ...(Array.isArray(schema['required']) ? { required: schema['required'] } : {}),
  };
  return { ...input.tool, inputSchema: floor };
}

/** Model-visible tokens a tool, rounded as the target rows round, of the listing cut to the floor. */
export function floorTokensPerTool(input: { readonly tools: readonly ModelVisibleTool[]; readonly kind: FloorKind }): number {
  if (input.tools.length === 0) return 0;
  const total = input.tools.reduce((sum, tool) => sum + modelVisibleTokens(floorTool({ tool, kind: input.kind })), 0);
  return Math.round(total / input.tools.length);
}

/** Both floors of one listing, kept in the server cell so a later partial run can still say them. */
export type TokenFloors = { readonly constraints: number; readonly types: number };

export function tokenFloors(tools: readonly ModelVisibleTool[]): TokenFloors {
  return { constraints: floorTokensPerTool({ tools, kind: 'constraints' }), types: floorTokensPerTool({ tools, kind: 'types' }) };
}

/** Informative, no verdict: the two floors against the leanest peer's tokens a tool. */
export function tokenFloorRow(input: { readonly label: string; readonly floors: TokenFloors; readonly peer: { readonly generator: string; readonly tokensPerTool: number } }): { target: string; measured: string; verdict: string } {
  const percent = (tokens: number) => `${Math.round((tokens / input.peer.tokensPerTool) * 100)} %`;
  const { constraints, types } = input.floors;
  return {
    target: `What ≤ 60 % would take (informative): our listing cut down, every tool's name and description and every parameter kept: ${input.label}`,
    measured: `no parameter description and no nested field: ${constraints} a tool (${percent(constraints)} of ${input.peer.generator}'s ${input.peer.tokensPerTool}); also no enum, pattern, format or bound, types only: ${types} (${percent(types)})`,
    verdict: 'informative',
  };
}

import { isRecord } from '../ir/from-openapi/build-context.ts';
import type { JsonSchema } from '../ir/types.ts';
import type { SurfaceChange } from './surface-rules.ts';

type Direction = 'input' | 'output';
type Walk = { readonly tool: string; readonly direction: Direction; readonly path: string; readonly changes: SurfaceChange[] };

const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));
const at = (walk: Walk, name: string): string => (walk.path === '' ? name : `${walk.path}.${name}`);

/** Keywords each handled by a rule below; anything else that differs is reported as unclassified. */
const HANDLED = new Set(['type', 'enum', 'const', 'properties', 'required', 'items', 'description', 'title', 'anyOf', 'oneOf', 'minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'pattern', 'format']);
/** Raising a lower bound or lowering an upper bound refuses values that were valid. */
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems'] as const;
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems'] as const;

function typesOf(schema: JsonSchema): readonly string[] | undefined {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? (type as string[]) : undefined;
}

/** `number` accepts every `integer`; no type at all accepts everything. */
function accepts(types: readonly string[] | undefined, type: string): boolean {
  return types === undefined || types.includes(type) || (type === 'integer' && types.includes('number'));
}

function enumOf(schema: JsonSchema): readonly unknown[] | undefined {
  if (Array.isArray(schema['enum'])) return schema['enum'] as unknown[];
  return 'const' in schema ? [schema['const']] : undefined;
}

function push(walk: Walk, change: Omit<SurfaceChange, 'tool'>): void {
  walk.changes.push({ tool: walk.tool, ...change });
}

function diffTypes(input: { readonly walk: Walk; readonly before: JsonSchema; readonly after: JsonSchema }): void {
  const { walk } = input;
  const [before, after] = [typesOf(input.before), typesOf(input.after)];
  if (show(before) === show(after)) return;
  const lost = before === undefined ? after !== undefined : before.some((type) => !accepts(after, type));
  const gained = after === undefined ? before !== undefined : after.some((type) => !accepts(before, type));
  const [from, to] = [before?.join(' | ') ?? 'any type', after?.join(' | ') ?? 'any type'];
  if (walk.direction === 'output') push(walk, { rule: 'output-type-changed', path: walk.path, from, to });
  else if (lost) push(walk, { rule: 'type-narrowed', path: walk.path, from, to });
  else if (gained) push(walk, { rule: 'type-widened', path: walk.path, from, to });
}

function diffEnum(input: { readonly walk: Walk; readonly before: JsonSchema; readonly after: JsonSchema }): void {
  const { walk } = input;
  const [before, after] = [enumOf(input.before), enumOf(input.after)];
  if (show(before) === show(after)) return;
  if (before === undefined) return push(walk, { rule: 'type-narrowed', path: walk.path, from: 'any value', to: `one of ${show(after)}` });
  if (after === undefined) return push(walk, { rule: 'type-widened', path: walk.path, from: `one of ${show(before)}`, to: 'any value' });
  const removed = before.filter((value) => !after.some((other) => show(other) === show(value)));
  const added = after.filter((value) => !before.some((other) => show(other) === show(value)));
  if (removed.length > 0) push(walk, { rule: 'enum-value-removed', path: walk.path, from: removed.map(show).join(', ') });
  if (added.length > 0) push(walk, { rule: 'enum-value-added', path: walk.path, to: added.map(show).join(', ') });
}

function diffBounds(input: { readonly walk: Walk; readonly before: JsonSchema; readonly after: JsonSchema }): void {
  const { walk, before, after } = input;
  const tighter = (keyword: string, lower: boolean): boolean | undefined => {
    const [a, b] = [before[keyword], after[keyword]];
    if (a === b) return undefined;
    if (typeof a !== 'number') return true;
    if (typeof b !== 'number') return false;
    return lower ? b > a : b < a;
  };
  const textual = (keyword: string): boolean | undefined => (before[keyword] === after[keyword] ? undefined : after[keyword] !== undefined);
  const checks: [string, boolean | undefined][] = [
    ...LOWER_BOUNDS.map((k): [string, boolean | undefined] => [k, tighter(k, true)]),
    ...UPPER_BOUNDS.map((k): [string, boolean | undefined] => [k, tighter(k, false)]),
    ['pattern', textual('pattern')],
    ['format', textual('format')],
  ];
  for (const [keyword, narrowed] of checks) {
    if (narrowed === undefined) continue;
    const change = { path: walk.path, from: `${keyword} ${show(before[keyword])}`, to: `${keyword} ${show(after[keyword])}` };
    // Output schemas carry no constraints; should one appear, it does not change what callers send.
    if (walk.direction === 'output') push(walk, { rule: 'schema-detail-changed', ...change });
    else push(walk, { rule: narrowed ? 'type-narrowed' : 'type-widened', ...change });
  }
}

function requiredOf(schema: JsonSchema): ReadonlySet<string> {
  return new Set(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
}

function diffProperties(input: { readonly walk: Walk; readonly before: JsonSchema; readonly after: JsonSchema }): void {
  const { walk } = input;
  const before = isRecord(input.before['properties']) ? input.before['properties'] : {};
  const after = isRecord(input.after['properties']) ? input.after['properties'] : {};
  const [wasRequired, isRequired] = [requiredOf(input.before), requiredOf(input.after)];
  const output = walk.direction === 'output';
  for (const name of Object.keys(before)) {
    if (!(name in after)) push(walk, { rule: output ? 'output-field-removed' : 'parameter-removed', path: at(walk, name) });
  }
  for (const [name, schema] of Object.entries(after)) {
    const path = at(walk, name);
    if (!(name in before)) {
      push(walk, { rule: output ? 'output-field-added' : isRequired.has(name) ? 'required-parameter-added' : 'optional-parameter-added', path });
      continue;
    }
    if (!output && !wasRequired.has(name) && isRequired.has(name)) push(walk, { rule: 'parameter-became-required', path });
    if (!output && wasRequired.has(name) && !isRequired.has(name)) push(walk, { rule: 'parameter-became-optional', path });
    diffSchema({ walk: { ...walk, path }, before: before[name] as JsonSchema, after: schema as JsonSchema });
  }
}

/** Union members (a variant family's payload) are matched by title, else by position. */
function diffMembers(input: { readonly walk: Walk; readonly before: JsonSchema; readonly after: JsonSchema }): void {
  const { walk } = input;
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const before = (Array.isArray(input.before[keyword]) ? input.before[keyword] : []) as JsonSchema[];
    const after = (Array.isArray(input.after[keyword]) ? input.after[keyword] : []) as JsonSchema[];
    const key = (member: JsonSchema, index: number) => (typeof member['title'] === 'string' ? member['title'] : `#${index}`);
    if (before.length === 0 && after.length === 0) continue;
    // A union is one more constraint beside the schema's other keywords: dropping it whole lets
    // through everything those allow (wider), adding one where there was none restricts (narrower).
    // Member by member, a dropped union would read as every member refused.
    if (before.length === 0 || after.length === 0) {
      const shapes = (members: readonly JsonSchema[]) => `one of ${members.length} shapes (${members.map(key).join(', ')})`;
      const widened = after.length === 0;
      const rule = walk.direction === 'output' ? 'output-type-changed' : widened ? 'type-widened' : 'type-narrowed';
      push(walk, { rule, path: walk.path, from: widened ? shapes(before) : 'any shape its other keywords allow', to: widened ? 'any shape its other keywords allow' : shapes(after) });
      continue;
    }
    const afterByKey = new Map(after.map((member, index) => [key(member, index), member]));
    const beforeKeys = new Set(before.map(key));
    for (const [index, member] of before.entries()) {
      const match = afterByKey.get(key(member, index));
      const path = `${walk.path}<${key(member, index)}>`;
      if (match === undefined) push(walk, { rule: walk.direction === 'output' ? 'output-type-changed' : 'type-narrowed', path: walk.path, from: `accepts ${key(member, index)}`, to: 'no longer' });
      else diffSchema({ walk: { ...walk, path }, before: member, after: match });
    }
    for (const [index, member] of after.entries()) {
      if (!beforeKeys.has(key(member, index))) push(walk, { rule: walk.direction === 'output' ? 'output-type-changed' : 'type-widened', path: walk.path, from: 'no', to: `also accepts ${key(member, index)}` });
    }
  }
}

function diffRest(input: { readonly walk: Walk; readonly before: JsonSchema; readonly after: JsonSchema }): void {
  const keys = [...new Set([...Object.keys(input.before), ...Object.keys(input.after)])].filter((k) => !HANDLED.has(k)).sort();
  for (const keyword of keys) {
    const [a, b] = [show(input.before[keyword]), show(input.after[keyword])];
    if (a !== b) push(input.walk, { rule: 'schema-detail-changed', path: input.walk.path === '' ? keyword : `${input.walk.path} ${keyword}`, from: a, to: b });
  }
}

/** Pure: classifies every difference between two versions of one schema, recursively. */
export function diffSchema(input: { readonly walk: Walk; readonly before: JsonSchema; readonly after: JsonSchema }): void {
  const { walk, before, after } = input;
  if (show(before) === show(after)) return;
  diffTypes(input);
  diffEnum(input);
  diffBounds(input);
  diffProperties(input);
  if (isRecord(before['items']) || isRecord(after['items'])) {
    diffSchema({ walk: { ...walk, path: `${walk.path}[]` }, before: isRecord(before['items']) ? before['items'] : {}, after: isRecord(after['items']) ? after['items'] : {} });
  }
  diffMembers(input);
  if (walk.path !== '' && (before['description'] !== after['description'] || before['title'] !== after['title'])) {
    push(walk, { rule: 'parameter-description-changed', path: walk.path });
  }
  diffRest(input);
}

export type SchemaWalk = Walk;

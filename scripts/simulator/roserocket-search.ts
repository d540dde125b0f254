import { HttpFailure } from './handler-types.ts';
import { isObject } from './json-pointer.ts';
import type { JsonObject } from './types.ts';

/** Reads a dotted path; a reference `{id}` along the way is compared by its id. */
function valueAtPath(input: { record: JsonObject; path: string }): unknown {
  let node: unknown = input.record;
  for (const part of input.path.split('.')) {
    if (!isObject(node)) return undefined;
    node = node[part];
  }
  return isObject(node) && typeof node.id === 'string' ? node.id : node;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : JSON.stringify(value ?? '').toLowerCase();
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** One search filter `{path, operator, value, fieldType}`, with the operators Rose Rocket documents. */
export function matchesFilter(input: { record: JsonObject; filter: JsonObject }): boolean {
  const { record, filter } = input;
  const operator = String(filter.operator);
  // Reproduces the vendor quirk: a SelectField compared with `equals` fails the whole search with a 500.
  if (filter.fieldType === 'SelectField' && operator === 'equals') {
    throw new HttpFailure({ status: 500, message: 'Internal server error' });
  }
  const actual = valueAtPath({ record, path: String(filter.path) });
  const wanted = filter.value;
  const actualList = asList(actual);
  switch (operator) {
    case 'equals':
      return actual === wanted;
    case 'notEquals':
      return actual !== wanted;
    case 'in':
      return asList(wanted).some((value) => actualList.includes(value));
    case 'notIn':
      return !asList(wanted).some((value) => actualList.includes(value));
    case 'contains':
    case 'freeText':
      return text(actual).includes(text(wanted));
    case 'startsWith':
      return text(actual).startsWith(text(wanted));
    case 'endsWith':
      return text(actual).endsWith(text(wanted));
    case 'hasEvery':
      return asList(wanted).every((value) => actualList.includes(value));
    case 'hasSome':
      return asList(wanted).some((value) => actualList.includes(value));
    case 'empty':
      return isEmpty(actual);
    case 'notEmpty':
      return !isEmpty(actual);
    case 'between': {
      const [low, high] = asList(wanted);
      const comparable = actual as string | number;
      return (low === undefined || comparable >= (low as string | number)) && (high === undefined || comparable <= (high as string | number));
    }
    default:
      return false;
  }
}

export function compareByPath(input: { path: string; direction: 'asc' | 'desc' }) {
  const sign = input.direction === 'desc' ? -1 : 1;
  return (left: JsonObject, right: JsonObject): number => {
    const a = valueAtPath({ record: left, path: input.path });
    const b = valueAtPath({ record: right, path: input.path });
    if (a === b) return 0;
    if (a === undefined || a === null) return 1;
    if (b === undefined || b === null) return -1;
    return (a < b ? -1 : 1) * sign;
  };
}

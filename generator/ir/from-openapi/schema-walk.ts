import type { BuildContext } from './build-context.ts';

/** Input schemas drop `readOnly` properties; output schemas drop `writeOnly` ones. */
export type SchemaDirection = 'input' | 'output';

/** The state of one schema conversion, shared by schema-object.ts and the allOf merge it calls. */
export type SchemaWalk = {
  readonly context: BuildContext;
  readonly direction: SchemaDirection;
  /** `$ref` targets being expanded right now, to detect recursion. */
  readonly stack: readonly string[];
  readonly depth: number;
  /** Set when this subtree was cut (recursion or depth), so it must not be cached. */
  readonly cut: { value: boolean };
  /** Most `$ref` targets expanded inside one another; deeper refs become open schemas. */
  readonly refDepth: number;
  /** Schema nodes this conversion has produced so far, against its ceiling (see schema-object.ts). */
  readonly nodes: { count: number; readonly limit: number };
};

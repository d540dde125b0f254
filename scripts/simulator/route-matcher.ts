/**
 * Matches a request path against OpenAPI path templates. A literal segment beats a template at the
 * same position (so `/objects/search` wins over `/objects/{recordId}`), then the template with fewer
 * variables wins; this is the OpenAPI rule that concrete paths match before templated ones.
 */

type Segment = { literal: true; text: string } | { literal: false; pattern: RegExp; names: string[] };

type CompiledRoute<T> = { template: string; segments: Segment[]; variableCount: number; value: T };

export type RouteMatch<T> = {
  template: string;
  /** Raw (still percent-encoded) values, keyed by template variable. */
  params: Record<string, string>;
  value: T;
};

function compileSegment(text: string): Segment {
  if (!text.includes('{')) return { literal: true, text };
  const names: string[] = [];
  const source = text
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const variable = /^\{([^}]+)\}$/.exec(part);
      if (variable === null) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(variable[1] ?? '');
      return '([^/]+)';
    })
    .join('');
  return { literal: false, pattern: new RegExp(`^${source}$`), names };
}

function splitPath(path: string): string[] {
  return path.split('/').slice(1);
}

/** Negative when `a` should be preferred over `b`. */
function compareRoutes<T>(input: { a: CompiledRoute<T>; b: CompiledRoute<T> }): number {
  const { a, b } = input;
  for (let index = 0; index < a.segments.length; index += 1) {
    const left = a.segments[index]?.literal === true ? 0 : 1;
    const right = b.segments[index]?.literal === true ? 0 : 1;
    if (left !== right) return left - right;
  }
  return a.variableCount - b.variableCount;
}

export function createRouteMatcher<T>(routes: readonly { template: string; value: T }[]) {
  const compiled: CompiledRoute<T>[] = routes.map(({ template, value }) => {
    const segments = splitPath(template).map(compileSegment);
    const variableCount = segments.reduce((count, segment) => count + (segment.literal ? 0 : segment.names.length), 0);
    return { template, segments, variableCount, value };
  });

  return (path: string): RouteMatch<T> | undefined => {
    const parts = splitPath(path);
    const candidates: { route: CompiledRoute<T>; params: Record<string, string> }[] = [];
    for (const route of compiled) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const matched = route.segments.every((segment, index) => {
        const part = parts[index] ?? '';
        if (segment.literal) return segment.text === part;
        const found = segment.pattern.exec(part);
        if (found === null) return false;
        segment.names.forEach((name, position) => (params[name] = found[position + 1] ?? ''));
        return true;
      });
      if (matched) candidates.push({ route, params });
    }
    candidates.sort((a, b) => compareRoutes({ a: a.route, b: b.route }));
    const best = candidates[0];
    return best === undefined ? undefined : { template: best.route.template, params: best.params, value: best.route.value };
  };
}

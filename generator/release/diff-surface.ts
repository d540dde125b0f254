import { withSameFieldsResolved } from '../../templates/runtime/same-fields.ts';
import { diffSchema } from './diff-schema.ts';
import { closedRoot, displayTitle, type SurfaceTool, type ToolSurface } from '../shared/tool-surface.ts';
import type { SurfaceChange } from './surface-rules.ts';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A removed and an added tool with the same title and arguments are one tool under a new name. */
function pairRenames(input: { readonly removed: SurfaceTool[]; readonly added: SurfaceTool[] }): [SurfaceTool, SurfaceTool][] {
  const pairs: [SurfaceTool, SurfaceTool][] = [];
  for (const before of input.removed) {
    const after = input.added.find((tool) => displayTitle(tool) === displayTitle(before) && same(tool.inputSchema, before.inputSchema) && !pairs.some(([, taken]) => taken === tool));
    if (after !== undefined) pairs.push([before, after]);
  }
  return pairs;
}

/** destructiveHint only means something on a tool that writes. */
const destructive = (hints: SurfaceTool['annotations']): boolean => !hints.readOnlyHint && hints.destructiveHint;

function diffAnnotations(input: { readonly before: SurfaceTool; readonly after: SurfaceTool; readonly changes: SurfaceChange[] }): void {
  const [a, b, tool] = [input.before.annotations, input.after.annotations, input.after.name];
  const lostReadOnly = a.readOnlyHint && !b.readOnlyHint;
  const becameDestructive = !destructive(a) && destructive(b);
  if (lostReadOnly) input.changes.push({ rule: 'tool-lost-read-only', tool });
  if (becameDestructive) input.changes.push({ rule: 'tool-became-destructive', tool });
  for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
    const counted = (hint === 'readOnlyHint' && lostReadOnly) || (hint === 'destructiveHint' && becameDestructive);
    if (a[hint] !== b[hint] && !counted) input.changes.push({ rule: 'annotation-changed', tool, path: hint, from: String(a[hint]), to: String(b[hint]) });
  }
}

function diffTool(input: { readonly before: SurfaceTool; readonly after: SurfaceTool; readonly changes: SurfaceChange[] }): void {
  const { before, after, changes } = input;
  const tool = after.name;
  if (displayTitle(before) !== displayTitle(after)) changes.push({ rule: 'tool-title-changed', tool, from: JSON.stringify(displayTitle(before)), to: JSON.stringify(displayTitle(after)) });
  if (before.description !== after.description) changes.push({ rule: 'tool-description-changed', tool });
  diffSchema({ walk: { tool, direction: 'input', path: '', changes }, before: closedRoot(before.inputSchema), after: closedRoot(after.inputSchema) });
  diffSchema({ walk: { tool, direction: 'output', path: '', changes }, before: before.outputSchema, after: after.outputSchema });
  diffAnnotations(input);
}

/**
 * Each tool with every shape it takes in full: listing a shape once (same-fields.ts) or in full
 * changes no call an agent can make, so it is no change to classify.
 */
function enforced(surface: ToolSurface): SurfaceTool[] {
  const byName = new Map(surface.map((tool) => [tool.name, tool]));
  return surface.map((tool) => withSameFieldsResolved({ tool, toolNamed: (name) => byName.get(name) }));
}

/** Pure: every classified difference between the committed surface and a new one, in tool order. */
export function diffSurface(input: { readonly before: ToolSurface; readonly after: ToolSurface }): SurfaceChange[] {
  const [before, after] = [enforced(input.before), enforced(input.after)];
  const beforeByName = new Map(before.map((tool) => [tool.name, tool]));
  const afterByName = new Map(after.map((tool) => [tool.name, tool]));
  const removed = before.filter((tool) => !afterByName.has(tool.name));
  const added = after.filter((tool) => !beforeByName.has(tool.name));
  const renames = pairRenames({ removed, added });
  const renamedFrom = new Set(renames.map(([before]) => before));
  const renamedTo = new Map(renames.map(([before, after]) => [after, before]));
  const changes: SurfaceChange[] = [];
  for (const tool of removed) if (!renamedFrom.has(tool)) changes.push({ rule: 'tool-removed', tool: tool.name });
  for (const tool of after) {
    const was = beforeByName.get(tool.name) ?? renamedTo.get(tool);
    if (was === undefined) changes.push({ rule: 'tool-added', tool: tool.name });
    else {
      if (was.name !== tool.name) changes.push({ rule: 'tool-renamed', tool: tool.name, from: was.name });
      diffTool({ before: was, after: tool, changes });
    }
  }
  return changes;
}

import { diffSchema } from './diff-schema.ts';
import type { SurfaceTool, ToolSurface } from '../shared/tool-surface.ts';
import type { SurfaceChange } from './surface-rules.ts';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A removed and an added tool with the same title and arguments are one tool under a new name. */
function pairRenames(input: { readonly removed: SurfaceTool[]; readonly added: SurfaceTool[] }): [SurfaceTool, SurfaceTool][] {
  const pairs: [SurfaceTool, SurfaceTool][] = [];
  for (const before of input.removed) {
    const after = input.added.find((tool) => tool.title === before.title && same(tool.inputSchema, before.inputSchema) && !pairs.some(([, taken]) => taken === tool));
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
  if (before.title !== after.title) changes.push({ rule: 'tool-title-changed', tool, from: JSON.stringify(before.title), to: JSON.stringify(after.title) });
  if (before.description !== after.description) changes.push({ rule: 'tool-description-changed', tool });
  diffSchema({ walk: { tool, direction: 'input', path: '', changes }, before: before.inputSchema, after: after.inputSchema });
  diffSchema({ walk: { tool, direction: 'output', path: '', changes }, before: before.outputSchema, after: after.outputSchema });
  diffAnnotations(input);
}

/** Pure: every classified difference between the committed surface and a new one, in tool order. */
export function diffSurface(input: { readonly before: ToolSurface; readonly after: ToolSurface }): SurfaceChange[] {
  const beforeByName = new Map(input.before.map((tool) => [tool.name, tool]));
  const afterByName = new Map(input.after.map((tool) => [tool.name, tool]));
  const removed = input.before.filter((tool) => !afterByName.has(tool.name));
  const added = input.after.filter((tool) => !beforeByName.has(tool.name));
  const renames = pairRenames({ removed, added });
  const renamedFrom = new Set(renames.map(([before]) => before));
  const renamedTo = new Map(renames.map(([before, after]) => [after, before]));
  const changes: SurfaceChange[] = [];
  for (const tool of removed) if (!renamedFrom.has(tool)) changes.push({ rule: 'tool-removed', tool: tool.name });
  for (const after of input.after) {
    const before = beforeByName.get(after.name) ?? renamedTo.get(after);
    if (before === undefined) changes.push({ rule: 'tool-added', tool: after.name });
    else {
      if (before.name !== after.name) changes.push({ rule: 'tool-renamed', tool: after.name, from: before.name });
      diffTool({ before, after, changes });
    }
  }
  return changes;
}

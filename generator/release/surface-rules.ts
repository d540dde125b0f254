/**
 * Every way the tool surface can change between two generations, with a stable ID, the semver
 * level it forces, and the words a reviewer reads in CHANGELOG.md. IDs are stable once released:
 * changelogs and reviewers match on them, so rename never, add freely. Placeholders: {tool},
 * {path} (a parameter or output field, `a.b[].c`), {from}, {to}.
 */
export type BumpLevel = 'major' | 'minor' | 'patch';

export const SURFACE_RULES = {
  // Breaking: an agent's existing call or its reading of a result stops working.
  'tool-removed': { level: 'major', message: 'tool `{tool}` was removed; agents that call it get an unknown-tool error' },
  'tool-renamed': { level: 'major', message: 'tool `{from}` was renamed to `{tool}`; calls by the old name fail' },
  'parameter-removed': { level: 'major', message: '`{tool}`: parameter `{path}` was removed; calls that send it are refused' },
  'parameter-became-required': { level: 'major', message: '`{tool}`: parameter `{path}` became required; calls without it are refused' },
  'required-parameter-added': { level: 'major', message: '`{tool}`: new required parameter `{path}`; calls without it are refused' },
  'type-narrowed': { level: 'major', message: '`{tool}`: `{path}` accepts less than before ({from} → {to}); some valid calls are now refused' },
  'enum-value-removed': { level: 'major', message: '`{tool}`: `{path}` no longer accepts {from}' },
  'output-field-removed': { level: 'major', message: '`{tool}`: output field `{path}` was removed; readers of it get nothing' },
  'output-type-changed': { level: 'major', message: '`{tool}`: output field `{path}` changed type ({from} → {to})' },
  'tool-became-destructive': { level: 'major', message: '`{tool}` is now destructive (destructiveHint true); clients may ask before every call' },
  'tool-lost-read-only': { level: 'major', message: '`{tool}` is no longer read-only (readOnlyHint false); clients may ask before every call' },
  // Additive: every existing call still works; agents can do more.
  'tool-added': { level: 'minor', message: 'new tool `{tool}`' },
  'optional-parameter-added': { level: 'minor', message: '`{tool}`: new optional parameter `{path}`' },
  'parameter-became-optional': { level: 'minor', message: '`{tool}`: parameter `{path}` is now optional' },
  'enum-value-added': { level: 'minor', message: '`{tool}`: `{path}` also accepts {to}' },
  'type-widened': { level: 'minor', message: '`{tool}`: `{path}` accepts more than before ({from} → {to})' },
  'output-field-added': { level: 'minor', message: '`{tool}`: new output field `{path}`' },
  // Docs or runtime only: same calls, same results.
  'tool-title-changed': { level: 'patch', message: '`{tool}`: title changed ({from} → {to})' },
  'tool-description-changed': { level: 'patch', message: '`{tool}`: description changed' },
  'parameter-description-changed': { level: 'patch', message: '`{tool}`: description of `{path}` changed' },
  'annotation-changed': { level: 'patch', message: '`{tool}`: {path} changed ({from} → {to})' },
  'schema-detail-changed': { level: 'patch', message: '`{tool}`: `{path}` changed in a way no rule classifies ({from} → {to}); review it' },
  'package-content-changed': { level: 'patch', message: 'no tool changed; generated code or packaging did ({from})' },
} as const satisfies Record<string, { readonly level: BumpLevel; readonly message: string }>;

export type SurfaceRuleId = keyof typeof SURFACE_RULES;

/** One classified difference. `tool` is empty only for package-wide changes. */
export type SurfaceChange = {
  readonly rule: SurfaceRuleId;
  readonly tool: string;
  readonly path?: string;
  readonly from?: string;
  readonly to?: string;
};

const LEVEL_ORDER: readonly BumpLevel[] = ['patch', 'minor', 'major'];

export function highestLevel(changes: readonly SurfaceChange[]): BumpLevel | undefined {
  let best = -1;
  for (const change of changes) best = Math.max(best, LEVEL_ORDER.indexOf(SURFACE_RULES[change.rule].level));
  return best === -1 ? undefined : LEVEL_ORDER[best];
}

/** Breaking first, then additive, then patch; the diff's own order within a level. */
export function byLevel(changes: readonly SurfaceChange[]): SurfaceChange[] {
  const rank = (change: SurfaceChange) => LEVEL_ORDER.length - LEVEL_ORDER.indexOf(SURFACE_RULES[change.rule].level);
  return [...changes].sort((a, b) => rank(a) - rank(b));
}

/** The changelog line: rule ID, level and plain words. */
export function describeChange(change: SurfaceChange): string {
  const rule = SURFACE_RULES[change.rule];
  const values: Record<string, string> = { tool: change.tool, path: change.path ?? '', from: change.from ?? '', to: change.to ?? '' };
  return `\`${change.rule}\` (${rule.level}): ${rule.message.replace(/\{(tool|path|from|to)\}/g, (_, key: string) => values[key] ?? '')}`;
}

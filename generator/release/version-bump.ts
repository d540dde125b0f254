import type { BumpLevel } from './surface-rules.ts';

/** Semver bump, literally: a breaking change makes the next major even before 1.0.0. */
export function bumpVersion(input: { readonly version: string; readonly level: BumpLevel }): string {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(input.version);
  const [major, minor, patch] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 1, 0];
  switch (input.level) {
    case 'major':
      return `${major + 1}.0.0`;
    case 'minor':
      return `${major}.${minor + 1}.0`;
    case 'patch':
      return `${major}.${minor}.${patch + 1}`;
  }
}

import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository this generator runs from: the folder holding `generator/cli.ts`. import.meta.dirname
 * is this file's folder under tsx and vitest, and `.cache/` in the launcher's bundle, so the
 * folder is found by walking up rather than by a fixed number of `..`.
 */
export function repositoryRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'generator', 'cli.ts'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`vendor-mcp: no generator/cli.ts above ${from}`);
  }
}

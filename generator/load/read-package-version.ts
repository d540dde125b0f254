import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const INITIAL_VERSION = '0.1.0';

/** The committed package's version, so regeneration keeps it unless the surface-diff step changes it. */
export function readPackageVersion(dir: string): string {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return INITIAL_VERSION;
  try {
    const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : INITIAL_VERSION;
  } catch {
    return INITIAL_VERSION;
  }
}

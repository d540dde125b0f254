import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const VENDORS = ['edesk', 'malomo', 'roserocket'] as const;
export type Vendor = (typeof VENDORS)[number];

/** The committed version of a generated package: releases bump it, so tests never spell it out. */
export function packageVersion(vendor: Vendor): string {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

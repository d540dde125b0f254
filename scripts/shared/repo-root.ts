import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listVendorDocs } from '../../generator/load/read-inputs.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * Every vendor is a folder `vendor-docs/<vendor>/` holding its `openapi.yaml`, as `npm run generate`
 * reads them: the harness lists vendors from the same folders, so a new one needs no list edited.
 */
export function vendorsIn(root: string): readonly string[] {
  return listVendorDocs(path.join(root, 'vendor-docs')).map((doc) => doc.vendor);
}

export const VENDORS = vendorsIn(REPO_ROOT);
export type Vendor = string;

/** The committed version of a generated package: releases bump it, so tests never spell it out. */
export function packageVersion(vendor: Vendor): string {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

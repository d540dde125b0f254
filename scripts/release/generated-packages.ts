import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isWriteLeftover } from '../../generator/write/journal.ts';
import { hasMarker, OWNER_MARKER } from '../../generator/write/ownership.ts';
import type { PackageInfo } from './select-packages.ts';

/** An entry of generated/ that is not a package to publish, and why. */
export type Skipped = { readonly name: string; readonly why: string };

/**
 * Why an entry of generated/ is not a package, or undefined when it is: a real folder (not a
 * link) the generator wrote, as its marker says, and not a staged or retired tree a killed write
 * left beside one (those carry the marker too). A `.DS_Store`, an editor's folder or a write lock
 * is skipped, never read as a package.json.
 */
function notAPackage(dir: string): string | undefined {
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink()) return 'a symbolic link; a package is a real folder';
  if (!stat.isDirectory()) return 'not a folder';
  if (isWriteLeftover(path.basename(dir))) return 'a tree an interrupted npm run generate left; the next run into generated/ removes it';
  if (!hasMarker(dir)) return `no ${OWNER_MARKER}, so npm run generate did not write it`;
  return undefined;
}

/** The packages under `dir` (generated/) by name, with every other entry and why it was skipped. */
export function generatedPackages(dir: string): { readonly packages: PackageInfo[]; readonly skipped: Skipped[] } {
  const packages: PackageInfo[] = [];
  const skipped: Skipped[] = [];
  for (const vendor of readdirSync(dir).sort()) {
    const why = notAPackage(path.join(dir, vendor));
    if (why !== undefined) {
      skipped.push({ name: vendor, why });
      continue;
    }
    const manifest = JSON.parse(readFileSync(path.join(dir, vendor, 'package.json'), 'utf8')) as { name: string; version: string };
    packages.push({ vendor, name: manifest.name, version: manifest.version });
  }
  return { packages, skipped };
}

import { readFileSync } from 'node:fs';
import path from 'node:path';

type ServerJson = { packages: { environmentVariables?: { name: string; isSecret?: boolean }[] }[] };

/**
 * The environment names a generated package reads, from its own `server.json`: the first secret is
 * the vendor credential (a static token; Rose Rocket's other secrets belong to its OAuth grant), and
 * the `_BASE_URL` one points it at a simulator. The harness asks the package rather than keeping a
 * per-vendor table, so a new vendor needs none.
 */
export function packageEnv(packageDir: string): { readonly credential: string; readonly baseUrl: string } {
  const server = JSON.parse(readFileSync(path.join(packageDir, 'server.json'), 'utf8')) as ServerJson;
  const names = server.packages.flatMap((entry) => entry.environmentVariables ?? []);
  const credential = names.find((variable) => variable.isSecret === true)?.name;
  const baseUrl = names.find((variable) => variable.name.endsWith('_BASE_URL'))?.name;
  if (credential === undefined || baseUrl === undefined) throw new Error(`${packageDir}/server.json names no secret credential or no *_BASE_URL variable`);
  return { credential, baseUrl };
}

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, VENDORS } from './repo-root.ts';

/**
 * The generated packages' `dist/` is build output, not committed: build it once per test run
 * with the same tsc their own `npm run build` uses.
 */
export default function buildGenerated(): void {
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const vendor of VENDORS) {
    execFileSync(process.execPath, [tsc, '-p', path.join(REPO_ROOT, 'generated', vendor, 'tsconfig.json')], { stdio: 'inherit' });
  }
}

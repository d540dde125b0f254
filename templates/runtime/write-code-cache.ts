import path from 'node:path';
import { loadBundle } from './code-cache.ts';

/**
 * `node dist/runtime/write-code-cache.js dist/server.cjs`, the last step of the package's build:
 * compiles the bundle and evaluates its top level (which defines, and starts nothing), then writes
 * the cache that `npm pack` ships beside it. A build that cannot write it fails.
 */
const bundle = process.argv[2];
if (bundle === undefined) {
  process.stderr.write('usage: node dist/runtime/write-code-cache.js <bundle.cjs>\n');
  process.exitCode = 2;
} else if (!loadBundle(path.resolve(bundle)).saveCache()) {
  process.stderr.write(`cannot write the code cache beside ${bundle}\n`);
  process.exitCode = 1;
}

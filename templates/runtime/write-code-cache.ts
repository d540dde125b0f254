import path from 'node:path';
import { loadBundle, type WarmedUp } from './code-cache.ts';

/**
 * `node dist/runtime/write-code-cache.js dist/server.cjs`, the last step of the package's build:
 * compiles the bundle, evaluates its top level (which defines, and starts nothing), lets the
 * server answer `initialize` and `tools/list` in memory (warm-up.ts: what it compiles then goes
 * into the cache too), then writes the cache, the serialised listing (listing-file.ts) and the
 * early replies (early-start.ts) that `npm pack` ships beside it. A build that cannot warm the server or write them fails.
 */
async function writeCodeCache(bundle: string): Promise<number> {
  const loaded = loadBundle(path.resolve(bundle));
  if (typeof loaded.entry.warm !== 'function') {
    process.stderr.write(`${bundle} exports no warm(): regenerate the package (npm run generate).\n`);
    return 1;
  }
  let warmed: WarmedUp;
  try {
    warmed = await loaded.entry.warm();
  } catch (error) {
    process.stderr.write(`cannot warm the server in ${bundle}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const { listing, early } = warmed;
  if (!loaded.saveCache() || (listing !== undefined && !loaded.saveListing(listing)) || !loaded.saveEarly(early)) {
    process.stderr.write(`cannot write the code cache beside ${bundle}\n`);
    return 1;
  }
  return 0;
}

const bundle = process.argv[2];
if (bundle === undefined) {
  process.stderr.write('usage: node dist/runtime/write-code-cache.js <bundle.cjs>\n');
  process.exitCode = 2;
} else {
  const code = await writeCodeCache(bundle);
  if (code !== 0) process.exitCode = code;
}

import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import { readForBundle, writeForBundle } from './bundle-file.ts';
import { answerEarly } from './early-answer.ts';
import { earlyFileFor, earlyRepliesFor, readEarlyFile, writeEarlyFile, type EarlyRecord } from './early-start.ts';
import { listingFileFor, readListing, writeListing } from './listing-file.ts';
import type { StartInput } from './main.ts';

/**
 * The package's `bin` runs the server bundle (`dist/server.cjs`) through V8's code cache, so a
 * start deserializes compiled code instead of parsing and compiling the whole bundle again
 * (measured in docs/operations.md, "Start-up and servers of 10,000 tools"). Node 20 has no
 * `module.enableCompileCache`, so the bundle is a CommonJS script compiled with `vm.Script`.
 * The build also bundles this module as CommonJS (`dist/runtime/code-cache.cjs`), which the
 * CommonJS bin requires: nothing on the way to the server is an ES module (src/bin.cts).
 *
 * The cache is `<bundle>.cache` next to the bundle: the same folder as the code it stands for, so
 * it is exactly as trusted as that code (a shared temp folder would let another user plant one).
 * V8 checks only the source's length, its own version and its flags, so the file starts with the
 * SHA-256 of the bundle it was made from, and a cache for other bytes is never handed to V8.
 */

/** Tool name → its `tools/list` entry as JSON (listing-text.ts, listing-file.ts): text from the warm-up, bytes from the file. */
export type ListingTexts = ReadonlyMap<string, string>;
export type ListingBytes = ReadonlyMap<string, Buffer>;

/** What the build's warm-up gives (warm-up.ts): the listing entries, when they add up, and the early replies. */
export type WarmedUp = { readonly listing: ListingTexts | undefined; readonly early: EarlyRecord };

/**
 * What the bundle exports (`src/server.ts`): evaluating it defines the server, `start` runs it
 * (with the listing the build serialised, when there is one for this bundle, and the connection
 * when the bin answered its opening exchange); `warm`, which only the build calls, answers the
 * first exchange in memory and gives that listing and the early replies (warm-up.ts).
 */
export type ServerBundle = { readonly start: (input?: StartInput) => void; readonly warm?: () => Promise<WarmedUp> };

export type LoadedBundle = {
  readonly entry: ServerBundle;
  /** V8 took the cache: nothing was compiled from source but what the cache left out. */
  readonly cacheAccepted: boolean;
  /** Writes a fresh cache of everything compiled so far; false when the folder is not writable. */
  readonly saveCache: () => boolean;
  /** The listing stored beside the bundle for exactly these bytes, if any. */
  readonly listing: ListingBytes | undefined;
  readonly saveListing: (texts: ListingTexts) => boolean;
  readonly saveEarly: (early: EarlyRecord) => boolean;
};

/** The bundle's bytes and their SHA-256, which heads every file kept beside it. */
type BundleBytes = { readonly file: string; readonly bytes: Buffer; readonly digest: Buffer };

function readBundle(file: string): BundleBytes {
  const bytes = readFileSync(file);
  // Required here, not at the top: loading node:crypto takes ~3 ms, which an early answer
  // (early-answer.ts) does not wait for.
  const { createHash } = createRequire(file)('node:crypto') as typeof import('node:crypto');
  return { file, bytes, digest: createHash('sha256').update(bytes).digest() };
}

/**
 * A cache refused at start is rewritten once the server has run this long: by then it has
 * answered `initialize` and `tools/list`, so the cache holds the functions those compiled too.
 */
export const CACHE_REFRESH_AFTER_MS = 3000;

export function cacheFileFor(bundle: string): string {
  return `${bundle}.cache`;
}

function writeCache(input: { readonly file: string; readonly digest: Buffer; readonly script: Script }): boolean {
  return writeForBundle({ file: input.file, digest: input.digest, payload: [input.script.createCachedData()] });
}

/** Compiles the bundle (with its cache when it matches) and evaluates its top level; nothing is started. */
export function loadBundle(bundle: string): LoadedBundle {
  return loadRead({ read: readBundle(bundle) });
}

/** loadBundle for bytes already read, with the listing when the caller read it for these bytes already. */
function loadRead(input: { readonly read: BundleBytes; readonly listing?: ListingBytes }): LoadedBundle {
  const { file: bundle, bytes, digest } = input.read;
  const file = cacheFileFor(bundle);
  const cachedData = readForBundle({ file, digest });
  // The CommonJS wrapper, on the bundle's first line so stack traces keep their line numbers.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Partial<ServerBundle> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  if (typeof module.exports.start !== 'function') throw new Error(`${bundle} exports no start(): rebuild the package (npm run build).`);
  const listingFile = listingFileFor(bundle);
  return {
    entry: module.exports as ServerBundle,
    cacheAccepted: cachedData !== undefined && !script.cachedDataRejected,
    saveCache: () => writeCache({ file, digest, script }),
    listing: input.listing ?? readListing({ file: listingFile, digest }),
    saveListing: (texts) => writeListing({ file: listingFile, digest, texts }),
    saveEarly: (early) => writeEarlyFile({ file: earlyFileFor(bundle), digest, early: { ...early, bundleBytes: bytes.length } }),
  };
}

/** Loads the bundle and starts the server; a refused cache is rewritten once the server has run a while. */
function loadAndStart(input: { readonly read: BundleBytes; readonly early?: StartInput['early']; readonly listing?: ListingBytes }): void {
  const loaded = loadRead({ read: input.read, ...(input.listing === undefined ? {} : { listing: input.listing }) });
  loaded.entry.start({ ...(loaded.listing === undefined ? {} : { listing: loaded.listing }), ...(input.early === undefined ? {} : { early: input.early }) });
  if (!loaded.cacheAccepted) setTimeout(loaded.saveCache, CACHE_REFRESH_AFTER_MS).unref();
}

/**
 * Answers the opening exchange from the build's replies when they stand for this start
 * (early-start.ts) and were made for a bundle of this size, with the listing of the same build;
 * true when it took the connection (the server is loaded at the hand-over).
 */
function startEarly(bundle: string): boolean {
  const stored = readEarlyFile(earlyFileFor(bundle));
  if (stored === undefined || statSync(bundle).size !== stored.early.bundleBytes) return false;
  const replies = earlyRepliesFor({ early: stored.early, argv: process.argv.slice(2), env: process.env });
  if (replies === undefined) return false;
  const listing = replies.list === undefined ? readListing({ file: listingFileFor(bundle), digest: stored.digest }) : undefined;
  if (replies.list === undefined && listing === undefined) return false;
  answerEarly({
    replies,
    ...(listing === undefined ? {} : { listing: [...listing.values()] }),
    stdin: process.stdin,
    stdout: process.stdout,
    handover: (handover) => {
      const read = readBundle(bundle);
      const sameBundle = read.digest.equals(stored.digest);
      // Read for the digest the early file names: the server's own only when that is this bundle's (else it stops).
      loadAndStart({ read, early: { ...handover, sameBundle }, ...(sameBundle && listing !== undefined ? { listing } : {}) });
    },
  });
  return true;
}

/**
 * The bin: loads and starts the server. A start the build's early replies stand for answers the
 * opening exchange first and loads the server after (startEarly). A missing or refused cache
 * (another Node version, other V8 flags, a bundle rebuilt since) is rewritten after a while; a
 * read-only install just compiles. A package compiled by `tsc` alone (no bundle; some tests and
 * the corpus run build that way) runs its compiled modules instead, as it did before there was a
 * bundle.
 */
export function startServer(input: { readonly bundle: string; readonly modules: () => Promise<ServerBundle> }): void {
  if (!existsSync(input.bundle)) {
    void input.modules().then((entry) => entry.start());
    return;
  }
  if (!startEarly(input.bundle)) loadAndStart({ read: readBundle(input.bundle) });
}

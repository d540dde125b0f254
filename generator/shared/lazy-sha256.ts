type Crypto = typeof import('node:crypto');
let crypto: Crypto | undefined;

/**
 * node:crypto, loaded on the first call. Not through node:module's createRequire: loading
 * node:module brings Node's ES module loader with it (~0.9 ms), and this module is in the fast path.
 */
function loadCrypto(): Crypto {
  if (typeof process.getBuiltinModule === 'function') return process.getBuiltinModule('node:crypto');
  // Node before 20.16 has no getBuiltinModule: in the CommonJS bundle (scripts/generate.cjs) the bundle's own require.
  return require('node:crypto') as Crypto;
}

/**
 * SHA-256 in hex, with node:crypto loaded on the first call (~2.5 ms of CPU): the regeneration fast
 * path (generator/cli-up-to-date.ts) usually answers from stats and never hashes, and it runs in
 * every `npm run generate`.
 */
export function sha256(data: string | Buffer): string {
  return hasher().update(data).digest('hex');
}

/** The same digest as 32 bytes, of any number of parts hashed one after another. */
export function sha256Bytes(...parts: readonly (string | Uint8Array)[]): Buffer {
  const hash = hasher();
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function hasher(): import('node:crypto').Hash {
  crypto ??= loadCrypto();
  return crypto.createHash('sha256');
}

/**
 * A short name for a cache file, not a digest: cyrb53 (public domain), two 32-bit FNV-style lanes
 * mixed into 53 bits. Only for names whose collisions are harmless because the file's contents say
 * again what they belong to.
 */
export function cacheFileName(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

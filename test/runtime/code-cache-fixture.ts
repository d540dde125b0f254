import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';

/** Stands for the listing code: enough distinct bytecode that a cache holding it is visibly larger. */
const SERVED = `function served(seed) {\n  const out = [];\n${Array.from({ length: 40 }, (_, i) => `  out.push({ step: ${i}, text: seed + ${JSON.stringify(`part-${i}`)}, size: seed.length * ${i + 1} });`).join('\n')}\n  return JSON.stringify(out);\n}`;

/** What warm() records for the bin to answer early: here, for no tools mode, so no start is answered early. */
export const EARLY_RECORD = JSON.stringify({ vendor: { baseUrl: 'https://api.example.com', baseUrlEnv: 'EXAMPLE_BASE_URL', envPrefix: 'EXAMPLE', auth: { kind: 'none' } }, toolCount: 1, confirm: 'elicit', modes: {} });

/** A fresh folder per test for a bundle and its cache (registers its own beforeEach/afterEach). */
export function bundleFolder(): { readonly dir: () => string; readonly writeBundle: (answer: string) => string } {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    /**
     * A CommonJS bundle whose start() returns `answer`; answers of one length give bundles of one
     * length. Its warm() runs `served`, a function nothing else calls, so V8 compiles it only then,
     * and gives a one-tool listing and an early record answering no mode; start() keeps the
     * listing it was given in `__codeCacheListing`.
     */
    writeBundle: (answer) => {
      const bundle = path.join(dir, 'server.cjs');
      writeFileSync(bundle, `"use strict";\nconst answer = ${JSON.stringify(answer)};\nexports.start = (input) => { globalThis.__codeCacheListing = input?.listing; return answer; };\n${SERVED}\nexports.warm = async () => { globalThis.__codeCacheWarmed = served(answer); return { listing: new Map([["t", JSON.stringify({ name: answer })]]), early: ${EARLY_RECORD} }; };\n`);
      return bundle;
    },
  };
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';

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
    /** A CommonJS bundle whose start() returns `answer`; answers of one length give bundles of one length. */
    writeBundle: (answer) => {
      const bundle = path.join(dir, 'server.cjs');
      writeFileSync(bundle, `"use strict";\nconst answer = ${JSON.stringify(answer)};\nexports.start = () => answer;\n`);
      return bundle;
    },
  };
}

import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Our generated packages of the public specs (`vendor-mcp/<spec>`). */
export const CELLS = path.join(ROOT, '.cache', 'bench', 'cells');

/**
 * Peers work outside the repository: inside it, module resolution walks up to our node_modules
 * (zod 4.6.7, esbuild, …) and e.g. kubb's plugin-zod would then pick zod 4 output on its own.
 */
export const PEER_CELLS = path.join(os.tmpdir(), 'vendor-mcp-bench', 'cells');

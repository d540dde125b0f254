import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImage } from '../../scripts/container/image-start.ts';
import { startSimulator, type Simulator } from '../../scripts/simulator/index.ts';
import { packageVersion, REPO_ROOT } from '../../scripts/shared/repo-root.ts';

/**
 * No container engine runs on these machines, so the image is checked step by step: the Dockerfile's
 * stages run in a clean folder (npm install + npm pack, then the tarball with runtime dependencies
 * only), and the entrypoint starts with environment only, unprivileged, on a tree it cannot write.
 */
const VENDOR_KEY = 'image-check-malomo-key-7c2e';
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ vendor: 'malomo', token: VENDOR_KEY });
});

afterAll(async () => {
  await sim.close();
});

describe('the Malomo image, built and started without a container engine', () => {
  it('installs from the packed tarball, starts as the image would, answers /healthz and its HEALTHCHECK, and lists its tools', async () => {
    const env = { MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl, MCP_TOKEN_SECRET: 'image-check-secret-5d8a1e0c9b7f6a4e3d2c1b0a' };
    const result = await checkImage({ packageDir: path.join(REPO_ROOT, 'generated', 'malomo'), env });
    expect(result).toStrictEqual({ uid: process.getuid?.() === 0 ? 65_534 : process.getuid?.(), health: { status: 'ok', server: '@vendor-mcp/malomo', version: packageVersion('malomo') }, healthcheckExit: 0, tools: 26 });
  }, 600_000);
});

/**
 * Our package of a largest real spec (issue 19: Microsoft Graph v1.0 and beta must type-check and
 * list tools): built with its own build script (tsc, bundle, code cache), then started with its bin
 * in the default mode (`auto`: discovery above 200 tools) and with `--tools-mode all`, as the
 * 10,000-tool server is (scale-server.ts). A failed or capped step is recorded, never thrown.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { probeModes, type ScaleCell } from './scale-server.ts';
import { buildOurs, ourServerCommand, type TypecheckResult } from './server-bench.ts';

export type LargeServer = {
  readonly spec: string;
  /** Tools in the package's tools.json: what `--tools-mode all` must list. */
  readonly toolsInPackage: number;
  readonly build: TypecheckResult;
  readonly cells: readonly ScaleCell[];
};

/** tsc over ~22,000 modules takes minutes; past this the step is recorded as not done, and the run goes on. */
export const LARGE_BUILD_TIMEOUT_MS = 900_000;

/**
 * tsc 7 over Graph beta's 22,196 tool modules passed 24 GB in 3 minutes on this 23.5 GiB machine
 * (the kernel would then kill whatever it picks): the build's process group is killed at this cap
 * and the step recorded as failed by it, leaving room for the bench and the machine's other jobs.
 */
export const LARGE_BUILD_MEMORY_CAP_MB = 16_384;

function toolsInPackage(packageDir: string): number {
  const file = path.join(packageDir, 'tools.json');
  if (!existsSync(file)) return 0;
  return ((JSON.parse(readFileSync(file, 'utf8')) as { tools?: unknown[] }).tools ?? []).length;
}

export async function measureLargeServer(input: { readonly root: string; readonly packageDir: string; readonly spec: string; readonly starts: number; readonly log: (text: string) => void }): Promise<LargeServer> {
  const tools = toolsInPackage(input.packageDir);
  input.log(`large: building ${input.spec} (${tools} tools) with the package build script`);
  const build = await buildOurs({ root: input.root, packageDir: input.packageDir, timeoutMs: LARGE_BUILD_TIMEOUT_MS, memoryCapMb: LARGE_BUILD_MEMORY_CAP_MB });
  if (!build.ok) return { spec: input.spec, toolsInPackage: tools, build, cells: [] };
  input.log(`large: ${input.starts} start(s) per mode of ${input.spec}`);
  const cells = await probeModes({ server: ourServerCommand({ packageDir: input.packageDir, slug: input.spec }), starts: input.starts });
  return { spec: input.spec, toolsInPackage: tools, build, cells };
}

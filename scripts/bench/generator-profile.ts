import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTimedChild } from '../corpus/timed-child.ts';
import type { BenchSpec } from './bench-specs.ts';
import type { Graveyard } from './graveyard.ts';
import { ourGenerateCommand } from './generation-bench.ts';
import { summarizeProfile, type ProfileSummary } from './profile-summary.ts';
import { ALL_TOOLS, ourServerCommand } from './server-bench.ts';
import { initialize, spawnStdioRpc } from './stdio-rpc.ts';

function largestProfile(dir: string): ProfileSummary | undefined {
  const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')).map((name) => path.join(dir, name));
  const busy = (summary: ProfileSummary) => summary.byFunction.filter((row) => !row.name.startsWith('(idle)')).reduce((sum, row) => sum + row.ms, 0);
  return files.map((file) => summarizeProfile({ file, limit: 60 })).sort((a, b) => busy(b) - busy(a))[0];
}

/** `node --cpu-prof` of one of our servers from spawn to its tools/list answer: what start-up costs. */
export async function profileServerStart(input: { readonly packageDir: string; readonly slug: string }): Promise<ProfileSummary | undefined> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vendor-mcp-prof-'));
  try {
    const server = ourServerCommand(input);
    const rpc = spawnStdioRpc({ ...server, args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...server.args, ...ALL_TOOLS] });
    const init = await initialize(rpc);
    if (init.result) await rpc.request({ method: 'tools/list' });
    await rpc.close({ graceful: true });
    return largestProfile(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One `node --cpu-prof` cold generation of a spec into a never-used folder, like the timed cold
 * runs (after an unprofiled one, so the generator bundle and its code cache exist): where our
 * generator's time goes, for the results file.
 */
export async function profileGeneration(input: { readonly root: string; readonly spec: BenchSpec; readonly outDir: string; readonly graveyard: Graveyard }): Promise<ProfileSummary | undefined> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vendor-mcp-prof-'));
  try {
    const command = ourGenerateCommand({ root: input.root, spec: input.spec, outDir: input.outDir });
    input.graveyard.bury(input.outDir);
    await runTimedChild({ ...command, timeoutMs: 300_000 });
    input.graveyard.bury(input.outDir);
    await runTimedChild({ ...command, args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...command.args], timeoutMs: 300_000 });
    return largestProfile(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

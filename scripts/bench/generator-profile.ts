import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTimedChild } from '../corpus/timed-child.ts';
import type { BenchSpec } from './bench-specs.ts';
import { ourGenerateCommand } from './generation-bench.ts';
import { summarizeProfile, type ProfileSummary } from './profile-summary.ts';

/** One `node --cpu-prof` generation of a spec: where our generator's time goes, for the results file. */
export async function profileGeneration(input: { readonly root: string; readonly spec: BenchSpec; readonly outDir: string }): Promise<ProfileSummary | undefined> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vendor-mcp-prof-'));
  try {
    const command = ourGenerateCommand({ root: input.root, spec: input.spec, outDir: input.outDir });
    await runTimedChild({ ...command, args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...command.args], timeoutMs: 300_000 });
    // The main thread's profile is the largest; tsx's loader thread writes a second, idle one.
    const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')).map((name) => path.join(dir, name));
    const summaries = files.map((file) => summarizeProfile({ file, limit: 12 }));
    return summaries.sort((a, b) => (b.byFunction.find((row) => !row.name.startsWith('(idle)'))?.ms ?? 0) - (a.byFunction.find((row) => !row.name.startsWith('(idle)'))?.ms ?? 0))[0];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

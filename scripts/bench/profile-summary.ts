/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and returns where the time went: self time by
 * function and by file, and inclusive time of chosen frames. Used for the results file's profiles.
 */
import { readFileSync } from 'node:fs';

type CallFrame = { readonly functionName: string; readonly url: string; readonly lineNumber: number };
type ProfileNode = { readonly id: number; readonly callFrame: CallFrame; readonly children?: readonly number[] };
type CpuProfile = { readonly nodes: readonly ProfileNode[]; readonly samples: readonly number[]; readonly timeDeltas: readonly number[] };

export type ProfileRow = { readonly name: string; readonly ms: number; readonly share: number };
export type ProfileSummary = { readonly totalMs: number; readonly byFunction: readonly ProfileRow[]; readonly byFile: readonly ProfileRow[] };

function shortUrl(url: string): string {
  const cut = url.replace(/^file:\/\//, '');
  const nm = cut.lastIndexOf('node_modules/');
  if (nm >= 0) return cut.slice(nm + 'node_modules/'.length);
  const repo = /\/(generator|scripts|templates)\//.exec(cut);
  if (repo) return cut.slice(repo.index + 1);
  // A generated package's bundle: keep its last two segments (dist/server.cjs).
  return cut.startsWith('/') ? cut.split('/').slice(-2).join('/') : cut || '(native)';
}

function top(map: Map<string, number>, totalMs: number, limit: number): ProfileRow[] {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: us / 1000 / totalMs }));
}

export function summarizeProfile(input: { readonly file: string; readonly limit?: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(input.file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const file = shortUrl(frame.url);
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const pkg = file.startsWith('(') ? file : file.split('/').slice(0, file.startsWith('@') ? 2 : 1).join('/') === 'generator' ? file : file.split('/').slice(0, file.startsWith('@') ? 2 : 1).join('/');
    byFile.set(pkg, (byFile.get(pkg) ?? 0) + us);
    total += us;
  }
  const totalMs = total / 1000;
  const limit = input.limit ?? 15;
  return { totalMs: Math.round(totalMs), byFunction: top(byFunction, totalMs, limit), byFile: top(byFile, totalMs, limit) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const summary = summarizeProfile({ file: process.argv[2]!, limit: Number(process.argv[3] ?? 25) });
  process.stdout.write(`total ${summary.totalMs} ms\n-- by package/file --\n`);
  for (const row of summary.byFile) process.stdout.write(`${String(row.ms).padStart(7)} ms ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.name}\n`);
  process.stdout.write('-- by function (self) --\n');
  for (const row of summary.byFunction) process.stdout.write(`${String(row.ms).padStart(7)} ms ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.name}\n`);
}

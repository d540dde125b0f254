import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { classifyBuild, classifyGenerate, classifyListTools, type Verdict } from './classify-output.ts';
import type { SpecResult, Stage, StageMeasure } from './spec-outcome.ts';
import { runTimedChild, type ChildRun } from './timed-child.ts';

export const TIMEOUTS_MS: Record<Stage, number> = { generate: 120_000, build: 180_000, 'list-tools': 60_000 };

export type SpecJob = {
  readonly repoRoot: string;
  /** Path under the corpus's `api/` folder. */
  readonly spec: string;
  readonly specRoot: string;
  readonly outRoot: string;
  /** Keep every generated package, not only the defective ones. */
  readonly keep: boolean;
};

/** `googleapis.com/abusiveexperiencereport.json` → `googleapis-com-abusiveexperiencereport`. */
export function slugFor(spec: string): string {
  return spec.replace(/\.json$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function envPrefixFor(slug: string): string {
  return slug.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

type SpecFacts = { readonly openapi: string; readonly absoluteServer: boolean };

/** The OpenAPI version and whether `servers[0].url` (variables at their defaults) is absolute http(s). */
function readFacts(file: string): SpecFacts {
  try {
    const root = JSON.parse(readFileSync(file, 'utf8')) as { openapi?: unknown; swagger?: unknown; servers?: { url?: unknown; variables?: Record<string, { default?: unknown }> }[] };
    const server = root.servers?.[0];
    const url = typeof server?.url === 'string' ? server.url.replace(/\{([^}]+)\}/g, (match, name: string) => String(server.variables?.[name]?.default ?? match)) : '';
    let absoluteServer = false;
    try {
      absoluteServer = ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      absoluteServer = false;
    }
    return { openapi: String(root.openapi ?? (root.swagger !== undefined ? `swagger ${String(root.swagger)}` : '?')), absoluteServer };
  } catch {
    return { openapi: 'unparsable', absoluteServer: false };
  }
}

function toolsJsonCount(outDir: string): number {
  const parsed = JSON.parse(readFileSync(path.join(outDir, 'tools.json'), 'utf8')) as { tools?: unknown[] };
  return parsed.tools?.length ?? 0;
}

function omittedCount(stderr: string): number {
  return Number(/(\d+) operation\(s\) left out/.exec(stderr)?.[1] ?? 0);
}

/** Warning and info codes with counts, including the `(+N more warning CODE)` lines past the per-code cap. */
function noteCounts(stderr: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of stderr.matchAll(/^\S.* (?:warning|info) (VMCP_[A-Z0-9_]+)\b/gm)) counts[match[1]!] = (counts[match[1]!] ?? 0) + 1;
  for (const match of stderr.matchAll(/^\(\+(\d+) more (?:warning|info) (VMCP_[A-Z0-9_]+)\)$/gm)) counts[match[2]!] = (counts[match[2]!] ?? 0) + Number(match[1]);
  return counts;
}

const NODE_HEAP = '--max-old-space-size=2048';

/** Generate → tsc (type-check and build in one pass) → start the server and list tools. One outcome. */
export async function runSpec(job: SpecJob): Promise<SpecResult> {
  const slug = slugFor(job.spec);
  const file = path.join(job.specRoot, job.spec);
  const outDir = path.join(job.outRoot, slug);
  const facts = readFacts(file);
  const stages: StageMeasure[] = [];
  rmSync(outDir, { recursive: true, force: true });

  const step = async (input: { readonly stage: Stage; readonly args: readonly string[]; readonly env?: NodeJS.ProcessEnv }): Promise<ChildRun> => {
    const run = await runTimedChild({ command: process.execPath, args: input.args, cwd: job.repoRoot, timeoutMs: TIMEOUTS_MS[input.stage], ...(input.env ? { env: input.env } : {}) });
    stages.push({ stage: input.stage, wallMs: run.wallMs, maxRssKb: run.maxRssKb });
    return run;
  };
  const finish = (input: { readonly stage: Stage; readonly verdict: Verdict; readonly tools?: number; readonly omitted?: number; readonly notes?: Record<string, number> }): SpecResult => {
    const rss = stages.map((s) => s.maxRssKb).filter((kb): kb is number => kb !== undefined);
    const common = {
      spec: job.spec, slug, sizeBytes: statSync(file).size, openapi: facts.openapi, stages,
      wallMs: stages.reduce((sum, s) => sum + s.wallMs, 0), maxRssKb: rss.length > 0 ? Math.max(...rss) : undefined,
    };
    const { verdict } = input;
    if (verdict.ok || verdict.clean) {
      if (!job.keep) rmSync(outDir, { recursive: true, force: true });
      return verdict.ok ? { ...common, outcome: 'success', tools: input.tools ?? 0, omitted: input.omitted ?? 0, notes: input.notes ?? {} } : { ...common, outcome: 'clean-failure', codes: verdict.codes, firstError: verdict.firstError };
    }
    return { ...common, outcome: 'defect', stage: input.stage, kind: verdict.kind, signature: verdict.signature, excerpt: verdict.excerpt, outDir: path.relative(job.repoRoot, outDir) };
  };

  const relativeSpec = path.relative(job.repoRoot, file);
  const generated = await step({ stage: 'generate', args: [NODE_HEAP, '--import', 'tsx', 'generator/cli.ts', '--spec', relativeSpec, '--vendor', slug, '--out', path.relative(job.repoRoot, outDir)] });
  const generateVerdict = classifyGenerate(generated);
  if (!generateVerdict.ok) return finish({ stage: 'generate', verdict: generateVerdict });
  if (!existsSync(path.join(outDir, 'tsconfig.json'))) {
    return finish({ stage: 'generate', verdict: { ok: false, clean: false, kind: 'crash', signature: 'exit 0 but no package written', excerpt: generated.stderr.slice(0, 800) } });
  }
  const omitted = omittedCount(generated.stderr);
  const notes = noteCounts(generated.stderr);

  const built = await step({ stage: 'build', args: [path.join(job.repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(outDir, 'tsconfig.json')] });
  const buildVerdict = classifyBuild(built);
  if (!buildVerdict.ok) return finish({ stage: 'build', verdict: buildVerdict });

  const prefix = envPrefixFor(slug);
  const env: Record<string, string> = { [`${prefix}_TOKEN`]: 'x', ...(facts.absoluteServer ? {} : { [`${prefix}_BASE_URL`]: 'http://127.0.0.1:9' }) };
  const listed = await step({ stage: 'list-tools', args: [NODE_HEAP, '--import', 'tsx', 'scripts/corpus/list-tools-child.ts', outDir, JSON.stringify(env)] });
  const listVerdict = classifyListTools({ run: listed, expected: toolsJsonCount(outDir) });
  if (!listVerdict.ok) return finish({ stage: 'list-tools', verdict: listVerdict });
  return finish({ stage: 'list-tools', verdict: { ok: true }, tools: 'tools' in listVerdict ? listVerdict.tools : 0, omitted, notes });
}

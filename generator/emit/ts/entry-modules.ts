import { StructureKind, type OptionalKind, type SourceFileStructure } from './ts-morph.ts';

/**
 * `src/bin.cts`: the thin entry behind the package's `bin`. It runs the bundled server through V8's
 * code cache (runtime/code-cache.ts). It is CommonJS, and the build bundles code-cache.ts as
 * CommonJS too (`dist/runtime/code-cache.cjs`), so a start loads no ES module: Node then never sets
 * up its ES module loader, ~4 ms of a Stripe start (docs/testing.md). A package compiled by `tsc`
 * alone has no such file and imports the ES module instead. The shebang must stay on line 1.
 */
export function binEntryStructure(header: string): OptionalKind<SourceFileStructure> {
  return {
    leadingTrivia: `#!/usr/bin/env node\n${header}\n`,
    statements: [
      "import fs = require('node:fs');",
      "import path = require('node:path');",
      "type CodeCache = typeof import('./runtime/code-cache.ts', { with: { 'resolution-mode': 'import' } });",
      "const start = { bundle: path.join(__dirname, 'server.cjs'), modules: () => import('./server.ts') };",
      "const loader = path.join(__dirname, 'runtime', 'code-cache.cjs');",
      'if (fs.existsSync(loader)) (require(loader) as CodeCache).startServer(start);',
      "else void import('./runtime/code-cache.ts').then((codeCache) => codeCache.startServer(start));",
    ],
  };
}

/** `src/server.ts`: the server, bundled by the build into `dist/server.cjs`; evaluating it starts nothing, `warm` is for the build. */
export function serverEntryStructure(header: string): OptionalKind<SourceFileStructure> {
  return {
    leadingTrivia: `${header}\n`,
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/code-cache.ts', namedImports: ['WarmedUp'], isTypeOnly: true },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/main.ts', namedImports: ['main'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/main.ts', namedImports: ['StartInput'], isTypeOnly: true },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/warm-up.ts', namedImports: ['warmUp'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './tools/index.ts', namedImports: ['tools'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './vendor.ts', namedImports: ['vendor'] },
      {
        kind: StructureKind.Function,
        isExported: true,
        name: 'start',
        parameters: [{ name: 'input', type: 'StartInput', hasQuestionToken: true }],
        returnType: 'void',
        docs: ['`input`: what the bin hands over (runtime/code-cache.ts, runtime/main.ts).'],
        statements: ['const exitCode = main({ vendor, tools, argv: process.argv.slice(2), env: process.env, start: input });', 'if (exitCode !== undefined) process.exitCode = exitCode;'],
      },
      {
        kind: StructureKind.Function,
        isExported: true,
        name: 'warm',
        returnType: 'Promise<WarmedUp>',
        docs: ['Only the build calls this, before it writes what it ships beside the bundle (runtime/warm-up.ts).'],
        statements: ['return warmUp({ vendor, tools });'],
      },
    ],
  };
}

/** `src/index.ts`: the package's library surface, for embedding the server in other code. */
export function packageIndexStructure(header: string): OptionalKind<SourceFileStructure> {
  return {
    leadingTrivia: `${header}\n`,
    statements: [
      { kind: StructureKind.ExportDeclaration, moduleSpecifier: './tools/index.ts', namedExports: ['tools'] },
      { kind: StructureKind.ExportDeclaration, moduleSpecifier: './vendor.ts', namedExports: ['vendor'] },
      { kind: StructureKind.ExportDeclaration, moduleSpecifier: './runtime/create-server.ts', namedExports: ['createServer'] },
      { kind: StructureKind.ExportDeclaration, moduleSpecifier: './runtime/runtime-config.ts', namedExports: ['runtimeConfigFrom'] },
      { kind: StructureKind.ExportDeclaration, moduleSpecifier: './runtime/access-token.ts', namedExports: ['issueToken', 'verifyToken'] },
      { kind: StructureKind.ExportDeclaration, moduleSpecifier: './runtime/tool-scope.ts', namedExports: ['toolsInScope'] },
      { kind: StructureKind.ExportDeclaration, moduleSpecifier: './runtime/access-token.ts', namedExports: ['TokenClaims'], isTypeOnly: true },
      { kind: StructureKind.ExportDeclaration, moduleSpecifier: './runtime/tool-scope.ts', namedExports: ['ToolScope'], isTypeOnly: true },
      { kind: StructureKind.ExportDeclaration, moduleSpecifier: './runtime/tool-definition.ts', namedExports: ['ToolDefinition'], isTypeOnly: true },
      { kind: StructureKind.ExportDeclaration, moduleSpecifier: './runtime/vendor-definition.ts', namedExports: ['VendorDefinition'], isTypeOnly: true },
    ],
  };
}

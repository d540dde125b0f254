import { StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure } from './ts-morph.ts';
import type { ApiIR, AuthIR } from '../../ir/types.ts';
import { json, layout } from './code-layout.ts';

function authDefinition(auth: AuthIR) {
  switch (auth.kind) {
    case 'bearer': {
      const grant = auth.clientCredentials;
      if (grant === undefined) return { kind: auth.kind, env: auth.env };
      const { source: _source, ...clientCredentials } = grant;
      return { kind: auth.kind, env: auth.env, clientCredentials };
    }
    case 'basic':
      return { kind: auth.kind, env: auth.env };
    case 'api-key':
      return { kind: auth.kind, in: auth.in, name: auth.name, env: auth.env };
    case 'none':
      return { kind: 'none' };
  }
}

function withoutSource<T extends { readonly source: unknown }>(node: T): Omit<T, 'source'> {
  const { source: _source, ...rest } = node;
  return rest;
}

/** `src/vendor.ts`: everything about the vendor that is not a tool. */
export function vendorModuleStructure(input: { readonly api: ApiIR; readonly version: string; readonly header: string }): OptionalKind<SourceFileStructure> {
  const { vendor } = input.api;
  const data = {
    packageName: vendor.packageName,
    version: input.version,
    title: vendor.title,
    binName: vendor.binName,
    baseUrlEnv: vendor.baseUrlEnv,
    baseUrl: vendor.baseUrl,
    envPrefix: vendor.envPrefix,
    auth: authDefinition(vendor.auth),
    headers: vendor.headers,
    ...(vendor.errors !== undefined ? { errors: withoutSource(vendor.errors) } : {}),
    ...(vendor.icons !== undefined ? { icons: vendor.icons } : {}),
    ...(vendor.prompts !== undefined ? { prompts: vendor.prompts.map(({ kind: _kind, ...prompt }) => withoutSource(prompt)) } : {}),
  };
  return {
    leadingTrivia: `${input.header}\n`,
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/vendor-definition.ts', namedImports: ['VendorDefinition'], isTypeOnly: true },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: 'vendor', type: 'VendorDefinition', initializer: layout(json(data)) }],
      },
    ],
  };
}

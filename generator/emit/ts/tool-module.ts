import { StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure } from './ts-morph.ts';
import { variantModuleName, variantSchemaToolIdentifier, variantsIdentifier } from '../../ir/naming.ts';
import { requiredFieldsOf } from '../../ir/required-fields.ts';
import type { ArgIR, JsonSchema, ToolIR } from '../../ir/types.ts';
import { concat, json, layout, objectBlock, property, type Code } from './code-layout.ts';
import { runtimeCheckImports, objectShape } from './zod-expression.ts';
import { schemaCode, sharedSchemasImport } from './shared-schemas-module.ts';
import type { SharedSchemas } from '../../plan/shared-schemas.ts';

function withoutSource<T extends { readonly source: unknown }>(node: T): Omit<T, 'source'> {
  const { source: _source, ...rest } = node;
  return rest;
}

function argBinding(arg: ArgIR) {
  return {
    in: arg.location,
    name: arg.wireName,
    ...(arg.style !== undefined ? { style: arg.style } : {}),
    ...(arg.explode !== undefined ? { explode: arg.explode } : {}),
    ...(arg.mirrors && arg.mirrors.length > 0 ? { mirrors: arg.mirrors } : {}),
  };
}

function httpBinding(tool: ToolIR) {
  return {
    method: tool.http.method,
    path: tool.http.path,
    args: Object.fromEntries(tool.args.map((arg) => [arg.name, argBinding(arg)])),
    ...(tool.body ? { body: { mediaType: tool.body.mediaType, encoding: tool.body.encoding, mode: tool.body.mode, ...(tool.body.required ? { required: true } : {}) } } : {}),
  };
}

/** The payload of a variant family is checked per variant at run time, with a precise refusal. */
function argSchemaForZod(input: { readonly tool: ToolIR; readonly arg: ToolIR['args'][number] }): JsonSchema {
  return input.tool.variants?.payloadArg === input.arg.name ? { type: 'object', additionalProperties: {}, ...requiredFieldsOf(input.arg.schema) } : input.arg.schema;
}

/** Built on the tool's first call, not at import: start-up stays flat in the number of tools. */
function inputExpression(tool: ToolIR): Code {
  const listed = tool.args.filter((arg) => arg.managed === undefined && !(tool.variants?.fixed !== undefined && arg.name === tool.variants.discriminatorArg));
  const properties = Object.fromEntries([...listed.map((arg) => [arg.name, argSchemaForZod({ tool, arg })] as const), ...tool.controls.map((c) => [c.name, c.schema] as const)]);
  const required = listed.filter((arg) => arg.required).map((arg) => arg.name);
  return concat('memoized(() => z.strictObject(', objectShape({ properties, required }), '))');
}

/** A generic tool that writes a family's payload points to the family's schema tool. */
function writesFamily(variants: ToolIR['variants']): boolean {
  return variants?.payloadArg !== undefined && variants.fixed === undefined;
}

function variantsCode(variants: NonNullable<ToolIR['variants']>): Code {
  return objectBlock([
    property({ key: 'discriminator', value: json(variants.discriminatorArg) }),
    ...(variants.payloadArg ? [property({ key: 'payload', value: json(variants.payloadArg) })] : []),
    ...(variants.fixed ? [property({ key: 'fixed', value: json(variants.fixed) })] : []),
    ...(variants.open ? [property({ key: 'open', value: json(variants.open) })] : []),
    property({ key: 'variants', value: variantsIdentifier(variants.family) }),
    ...(writesFamily(variants) ? [property({ key: 'schemaTool', value: variantSchemaToolIdentifier(variants.family) })] : []),
  ]);
}

/** `src/tools/<tool>.ts`: one exported, declarative tool definition. */
export function toolModuleStructure(input: { readonly tool: ToolIR; readonly identifier: string; readonly shared: SharedSchemas; readonly header: string }): OptionalKind<SourceFileStructure> {
  const { tool, shared } = input;
  const used = new Set<string>();
  const entries: [string, Code][] = [
    ['name', json(tool.name)],
    ['title', json(tool.title)],
    ['description', json(tool.description)],
    ['methodClass', json(tool.methodClass)],
    ['method', json(tool.method)],
    ['tags', json(tool.tags)],
    ['annotations', json(tool.annotations)],
    ...(tool.icons ? [['icons', json(tool.icons)] as [string, Code]] : []),
    ['_meta', json(tool._meta)],
    ['inputSchema', schemaCode({ value: tool.inputSchema, shared, used })],
    ['input', inputExpression(tool)],
    ['outputSchema', schemaCode({ value: tool.outputSchema, shared, used })],
    ['http', json(httpBinding(tool))],
    ['safeguards', json(tool.safeguards.map(withoutSource))],
    ['dryRun', json(tool.dryRun)],
    ...(tool.pagination ? [['pagination', json(withoutSource(tool.pagination))] as [string, Code]] : []),
    ...(tool.variants ? [['variants', variantsCode(tool.variants)] as [string, Code]] : []),
    ['source', json(tool.source)],
  ];
  const initializer = layout(objectBlock(entries.map(([key, value]) => property({ key, value }))));
  return {
    leadingTrivia: `${input.header}\n`,
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/zod-builder.ts', namedImports: ['z'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/memoized.ts', namedImports: ['memoized'] },
      ...runtimeCheckImports(initializer).map((check) => ({ kind: StructureKind.ImportDeclaration, ...check })),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/tool-definition.ts', namedImports: ['ToolDefinition'], isTypeOnly: true },
      ...sharedSchemasImport(used),
      ...(tool.variants
        ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: `../variants/${variantModuleName(tool.variants.family)}`, namedImports: [...(writesFamily(tool.variants) ? [variantSchemaToolIdentifier(tool.variants.family)] : []), variantsIdentifier(tool.variants.family)] }]
        : []),
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: input.identifier, type: 'ToolDefinition', initializer }],
      },
    ],
  };
}

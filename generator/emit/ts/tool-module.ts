import { StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure } from 'ts-morph';
import { identifierFor, variantListingIdentifier, variantModuleName, variantsIdentifier } from '../../ir/naming.ts';
import { requiredFieldsOf } from '../../ir/required-fields.ts';
import type { ArgIR, JsonSchema, ToolIR } from '../../ir/types.ts';
import { jsonLiteral, objectLiteral } from './object-literal.ts';
import { objectShape } from './zod-expression.ts';

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
function inputExpression(tool: ToolIR): string {
  const listed = tool.args.filter((arg) => arg.managed === undefined && !(tool.variants?.fixed !== undefined && arg.name === tool.variants.discriminatorArg));
  const properties = Object.fromEntries([...listed.map((arg) => [arg.name, argSchemaForZod({ tool, arg })] as const), ...tool.controls.map((c) => [c.name, c.schema] as const)]);
  const required = listed.filter((arg) => arg.required).map((arg) => arg.name);
  return `memoized(() => z.strictObject(${objectShape({ properties, required })}))`;
}

/** A JSON object literal in which one value is printed as an identifier instead of data. */
function objectWithReference(input: { readonly value: Readonly<Record<string, unknown>>; readonly key: string; readonly print: (inner: unknown) => string; readonly indent: number }): string {
  const pad = ' '.repeat(input.indent + 2);
  const entries = Object.entries(input.value).map(([key, inner]) => `${pad}${JSON.stringify(key)}: ${input.print(inner)}`);
  return `{\n${entries.join(',\n')}\n${' '.repeat(input.indent)}}`;
}

/**
 * A generic variant tool lists the union under its payload; the union itself lives once in the
 * family's module, so four tools do not each carry seventeen schemas in their source.
 */
function inputSchemaLiteral(tool: ToolIR): string {
  const payload = tool.variants?.payloadArg;
  if (payload === undefined || tool.variants?.fixed !== undefined) return jsonLiteral(tool.inputSchema, 2);
  const listing = variantListingIdentifier(tool.variants!.family);
  const payloadSchema = (tool.inputSchema['properties'] as Record<string, Record<string, unknown>>)[payload]!;
  const printPayload = () => objectWithReference({ value: payloadSchema, key: 'anyOf', indent: 6, print: (inner) => (inner === payloadSchema['anyOf'] ? `[...${listing}]` : jsonLiteral(inner, 8)) });
  const properties = tool.inputSchema['properties'] as Record<string, unknown>;
  const printProperties = () => objectWithReference({ value: properties, key: payload, indent: 4, print: (inner) => (inner === payloadSchema ? printPayload() : jsonLiteral(inner, 6)) });
  return objectWithReference({ value: tool.inputSchema, key: 'properties', indent: 2, print: (inner) => (inner === properties ? printProperties() : jsonLiteral(inner, 4)) });
}

/** `src/tools/<tool>.ts`: one exported, declarative tool definition. */
export function toolModuleStructure(input: { readonly tool: ToolIR; readonly header: string }): OptionalKind<SourceFileStructure> {
  const { tool } = input;
  const initializer = objectLiteral([
    ['name', jsonLiteral(tool.name)],
    ['title', jsonLiteral(tool.title)],
    ['description', jsonLiteral(tool.description)],
    ['methodClass', jsonLiteral(tool.methodClass)],
    ['method', jsonLiteral(tool.method)],
    ['tags', jsonLiteral(tool.tags, 2)],
    ['annotations', jsonLiteral(tool.annotations, 2)],
    ...(tool.icons ? [['icons', jsonLiteral(tool.icons, 2)] as const] : []),
    ['inputSchema', inputSchemaLiteral(tool)],
    ['input', inputExpression(tool)],
    ['outputSchema', jsonLiteral(tool.outputSchema, 2)],
    ['http', jsonLiteral(httpBinding(tool), 2)],
    ['safeguards', jsonLiteral(tool.safeguards.map(withoutSource), 2)],
    ['dryRun', jsonLiteral(tool.dryRun)],
    ...(tool.pagination ? [['pagination', jsonLiteral(withoutSource(tool.pagination), 2)] as const] : []),
    ...(tool.variants
      ? [['variants', `{ discriminator: ${jsonLiteral(tool.variants.discriminatorArg)}, ${tool.variants.payloadArg ? `payload: ${jsonLiteral(tool.variants.payloadArg)}, ` : ''}${tool.variants.fixed ? `fixed: ${jsonLiteral(tool.variants.fixed)}, ` : ''}variants: ${variantsIdentifier(tool.variants.family)} }`] as const]
      : []),
    ['source', jsonLiteral(tool.source, 2)],
  ]);
  return {
    leadingTrivia: `${input.header}\n`,
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: 'zod', namespaceImport: 'z' },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/memoized.ts', namedImports: ['memoized'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/tool-definition.ts', namedImports: ['ToolDefinition'], isTypeOnly: true },
      ...(tool.variants
        ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: `../variants/${variantModuleName(tool.variants.family)}`, namedImports: [...(tool.variants.payloadArg && !tool.variants.fixed ? [variantListingIdentifier(tool.variants.family)] : []), variantsIdentifier(tool.variants.family)] }]
        : []),
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: identifierFor(tool.name), type: 'ToolDefinition', initializer }],
      },
    ],
  };
}

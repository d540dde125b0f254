import { StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFileStructure } from './ts-morph.ts';
import { SHARED_SCHEMAS_MODULE } from '../../ir/naming.ts';
import type { SharedSchemas } from '../../plan/shared-schemas.ts';
import { json, layout, listBlock, objectBlock, property, type Code } from './code-layout.ts';

/**
 * A tool schema as code where each shared piece inside it is its name (generator/plan/shared-schemas.ts);
 * a subtree with no shared piece prints as JSON, exactly as before there were shared pieces.
 * `used` collects the names, for the module's import. `own` is the piece being defined, printed in full.
 */
export function schemaCode(input: { readonly value: unknown; readonly shared: SharedSchemas; readonly used: Set<string>; readonly own?: string }): Code {
  const { shared, used } = input;
  /** The node written out, its shared pieces named. */
  // Indexed loops: this runs at every node above a shared piece in every tool schema, mostly before V8 optimises it, where `Object.entries` pairs are garbage.
  const spelled = (node: object): Code => {
    if (!shared.holdsShared(node)) return json(node);
    if (Array.isArray(node)) {
      const items = new Array<Code>(node.length);
      for (let at = 0; at < node.length; at++) items[at] = code(node[at]);
      return listBlock({ open: '[', close: ']', items });
    }
    const keys = Object.keys(node);
    const items: Code[] = [];
    for (let at = 0; at < keys.length; at++) {
      const item = (node as Record<string, unknown>)[keys[at]!];
      if (item !== undefined) items.push(property({ key: keys[at]!, value: code(item), quoted: true }));
    }
    return objectBlock(items);
  };
  const code = (value: unknown): Code => {
    if (typeof value !== 'object' || value === null) return json(value);
    const name = shared.nameOf(value);
    if (name === undefined) return spelled(value);
    used.add(name);
    return name;
  };
  const { value } = input;
  return input.own !== undefined && typeof value === 'object' && value !== null ? spelled(value) : code(value);
}

/** The import a module needs for the shared pieces it named, or none. */
export function sharedSchemasImport(used: ReadonlySet<string>) {
  return used.size === 0 ? [] : [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: `./${SHARED_SCHEMAS_MODULE}`, namedImports: [...used].sort() }];
}

/** `src/tools/shared-schemas.ts`: each piece once, after the pieces it refers to. */
export function sharedSchemasStructure(input: { readonly shared: SharedSchemas; readonly header: string }): OptionalKind<SourceFileStructure> {
  return {
    leadingTrivia: `${input.header}\n// Schema pieces that several tools repeat, each built once at start-up (generator/plan/shared-schemas.ts).\n`,
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../runtime/tool-definition.ts', namedImports: ['JsonObject'], isTypeOnly: true },
      ...input.shared.parts.map((part) => ({
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: part.name, type: Array.isArray(part.value) ? 'readonly unknown[]' : 'JsonObject', initializer: layout(schemaCode({ value: part.value, shared: input.shared, used: new Set(), own: part.name })) }],
      })),
    ],
  };
}

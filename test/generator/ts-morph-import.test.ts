import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as tsMorph from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { StructureKind, VariableDeclarationKind } from '../../generator/emit/ts/ts-morph.ts';

const GENERATOR = path.resolve(import.meta.dirname, '../../generator');

/** Files under generator/ whose `import`/`export … from 'ts-morph'` brings in values, not only types, or that require it. */
function valueImportersOfTsMorph(): string[] {
  const files = readdirSync(GENERATOR, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  return files
    .filter((file) => {
      const source = readFileSync(path.join(GENERATOR, file), 'utf8');
      const statements = source.match(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'ts-morph'/gms) ?? [];
      return statements.length > 0 || /require(?:Here)?\('ts-morph'\)/.test(source);
    })
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

describe("ts-morph's values come through one module, which loads it on first use", () => {
  it('only generator/emit/ts/ts-morph.ts reaches them, by require (a static import is evaluated when the bundle loads)', () => {
    expect(valueImportersOfTsMorph()).toEqual(['emit/ts/ts-morph.ts']);
    const source = readFileSync(path.join(GENERATOR, 'emit', 'ts', 'ts-morph.ts'), 'utf8');
    expect(source.match(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'ts-morph'/gms)).toBeNull();
  });

  it("the enum members copied there are ts-morph's own", () => {
    expect(Object.fromEntries(Object.keys(StructureKind).map((name) => [name, tsMorph.StructureKind[name as keyof typeof tsMorph.StructureKind]]))).toStrictEqual({ ...StructureKind });
    expect(Object.fromEntries(Object.keys(VariableDeclarationKind).map((name) => [name, tsMorph.VariableDeclarationKind[name as keyof typeof tsMorph.VariableDeclarationKind]]))).toStrictEqual({ ...VariableDeclarationKind });
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const GENERATOR = path.resolve(import.meta.dirname, '../../generator');

/** Files under generator/ whose `import`/`export … from 'ts-morph'` brings in values, not only types. */
function valueImportersOfTsMorph(): string[] {
  const files = readdirSync(GENERATOR, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  return files
    .filter((file) => {
      const source = readFileSync(path.join(GENERATOR, file), 'utf8');
      const statements = source.match(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'ts-morph'/gms) ?? [];
      return statements.length > 0;
    })
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

describe("ts-morph's values come through one module", () => {
  it('is imported for values by generator/emit/ts/ts-morph.ts alone (the bundle wraps its 538 exports once per importer)', () => {
    expect(valueImportersOfTsMorph()).toEqual(['emit/ts/ts-morph.ts']);
  });
});

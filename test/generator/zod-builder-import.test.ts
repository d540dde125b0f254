import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every committed tool and variant module: the three vendors' packages. */
function generatedModules(): string[] {
  const root = path.resolve('generated');
  return readdirSync(root).flatMap((vendor) =>
    ['tools', 'variants'].flatMap((folder) => {
      const dir = path.join(root, vendor, 'src', folder);
      try {
        return readdirSync(dir).filter((name) => name.endsWith('.ts') && name !== 'index.ts' && name !== 'shared-schemas.ts').map((name) => path.join(dir, name));
      } catch {
        return [];
      }
    }),
  );
}

describe('generated validators are typed through runtime/zod-builder.ts', () => {
  it('no tool or variant module imports zod itself, so tsc never infers a type per validator', () => {
    const modules = generatedModules();
    expect(modules.length).toBeGreaterThan(0);
    for (const file of modules) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from 'zod'/);
      if (text.includes('z.')) expect(text, file).toContain("import { z } from '../runtime/zod-builder.ts';");
    }
  });
});

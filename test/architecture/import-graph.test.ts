import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, type ImportGraph } from '../support/import-graph.ts';

/**
 * The house, bottom to top, in the order data flows. A file may import its own layer and the layers
 * below it, never one above: a stage reads what earlier stages produced, and nothing reaches ahead.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['templates/runtime/', 'generator/shared/', 'generator/diagnostics/'],
  ['generator/load/'],
  ['generator/ir/'],
  // init proposes curation from the IR layer's classifier; only the command line reads it.
  ['generator/init/'],
  ['generator/lint/'],
  ['generator/plan/'],
  ['generator/emit/'],
  ['generator/release/'],
  ['generator/write/'],
  ['generator/pipeline.ts', 'generator/cli.ts', 'generator/cli-options.ts', 'generator/cli-init.ts', 'generator/cli-up-to-date.ts'],
];

function layerOf(file: string): number | undefined {
  const index = LAYERS.findIndex((layer) => layer.some((prefix) => file === prefix || file.startsWith(prefix)));
  return index === -1 ? undefined : index;
}

function upwardArrows(graph: ImportGraph): string[] {
  const arrows: string[] = [];
  for (const [from, targets] of graph) {
    const own = layerOf(from);
    if (own === undefined) continue;
    for (const to of targets) {
      const target = layerOf(to);
      if (target === undefined || target > own) arrows.push(`${from} → ${to}`);
    }
  }
  return arrows.sort();
}

const graph = importGraph(['generator', 'templates/runtime', 'scripts']);

describe('import graph', () => {
  it('reads the real imports (a known arrow is present)', () => {
    expect(graph.get('generator/pipeline.ts')).toContain('generator/release/release-package.ts');
    expect(graph.size).toBeGreaterThan(150);
  });

  it('has no import circle in generator/, templates/runtime/ or scripts/', () => {
    expect(importCycles(graph)).toStrictEqual([]);
  });

  it('finds a circle when there is one, type-only imports included', () => {
    const circular: ImportGraph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['d.ts']],
      ['e.ts', ['a.ts']],
    ]);
    expect(importCycles(circular)).toStrictEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
  });

  it('places every generator file in a layer', () => {
    expect([...graph.keys()].filter((file) => file.startsWith('generator/') && layerOf(file) === undefined)).toStrictEqual([]);
  });

  it('has no arrow running back up: each stage imports only its own layer and those below', () => {
    expect(upwardArrows(graph)).toStrictEqual([]);
  });

  it('flags an arrow running back up', () => {
    const backwards: ImportGraph = new Map([['generator/load/read.ts', ['generator/release/record.ts']]]);
    expect(upwardArrows(backwards)).toStrictEqual(['generator/load/read.ts → generator/release/record.ts']);
  });

  it('scripts/ never imports test/', () => {
    const intoTests = [...graph].flatMap(([from, targets]) => (from.startsWith('scripts/') ? targets.filter((to) => to.startsWith('test/')).map((to) => `${from} → ${to}`) : []));
    expect(intoTests).toStrictEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../generator/diagnostics/format.ts';
import type { LoadedDocument } from '../../generator/load/loaded-document.ts';
import { overlaidDocument } from '../../generator/load/overlay/overlaid-document.ts';
import { parseDocumentText } from '../../generator/load/parse-document.ts';

const SPEC = `openapi: 3.1.0
info:
  title: Shop
  version: 1.0.0
tags:
  - name: orders
  - name: stock
  - name: users
paths:
  /orders:
    get:
      operationId: listOrders
      tags: [orders]
    post:
      operationId: createOrder
  /orders/{id}:
    get:
      operationId: getOrder
components:
  schemas:
    Order: {type: object, properties: {id: {type: string}}}
`;

function parse(file: string, text: string): LoadedDocument {
  const parsed = parseDocumentText({ file, text });
  if ('diagnostics' in parsed) throw new Error(parsed.diagnostics.map(formatDiagnostic).join('\n'));
  return parsed.document;
}

function overlay(version: string, actions: string): string {
  return `overlay: ${version}\ninfo:\n  title: Curation\n  version: 1.0.0\nactions:\n${actions}`;
}

/** Applies overlays (given as action lists) to SPEC: the data, or the formatted diagnostics. */
function apply(...overlays: readonly string[]) {
  const result = overlaidDocument({ spec: parse('spec.yaml', SPEC), overlays: overlays.map((text, i) => parse(`c${i}.overlay.yaml`, text)) });
  return 'diagnostics' in result ? { errors: result.diagnostics.map((d) => formatDiagnostic(d).split('\n')[0]) } : { document: result.document };
}

function data(...overlays: readonly string[]): Record<string, any> {
  const result = apply(...overlays);
  if (!('document' in result) || result.document === undefined) throw new Error(JSON.stringify(result));
  return result.document.data as Record<string, any>;
}

describe('Overlay actions', () => {
  it.each([
    {
      name: 'update merges into an object, recursing where both hold objects, replacing arrays',
      actions: `  - target: $.paths['/orders'].get\n    update:\n      tags: [sales]\n      x-mcp: {description: Lists orders.}\n`,
      at: (d: any) => d.paths['/orders'].get,
      want: { operationId: 'listOrders', tags: ['sales'], 'x-mcp': { description: 'Lists orders.' } },
    },
    {
      name: 'update appends one entry to a selected array',
      actions: `  - target: $.tags\n    update: {name: returns}\n`,
      at: (d: any) => d.tags.map((t: any) => t.name),
      want: ['orders', 'stock', 'users', 'returns'],
    },
    {
      name: 'update replaces a selected scalar',
      actions: `  - target: $.info.title\n    update: Shop API\n`,
      at: (d: any) => d.info,
      want: { title: 'Shop API', version: '1.0.0' },
    },
    {
      name: 'remove deletes an object member',
      actions: `  - target: $.paths['/orders'].post\n    remove: true\n`,
      at: (d: any) => Object.keys(d.paths['/orders']),
      want: ['get'],
    },
    {
      name: 'remove of several array items removes exactly those (later items first)',
      actions: `  - target: $.tags[?@.name != 'stock']\n    remove: true\n`,
      at: (d: any) => d.tags,
      want: [{ name: 'stock' }],
    },
    {
      name: 'copy (1.1) merges the one selected node into each target',
      version: '1.1.0',
      actions: `  - target: $.components.schemas\n    update: {Invoice: {description: Billed.}}\n  - target: $.components.schemas.Invoice\n    copy: $.components.schemas.Order\n`,
      at: (d: any) => d.components.schemas.Invoice,
      want: { description: 'Billed.', type: 'object', properties: { id: { type: 'string' } } },
    },
    {
      name: 'one action updates every node it selects (multi-target)',
      actions: `  - target: $.paths.*.get\n    update: {x-mcp: {method: read}}\n`,
      at: (d: any) => [d.paths['/orders'].get['x-mcp'], d.paths['/orders/{id}'].get['x-mcp'], d.paths['/orders'].post['x-mcp']],
      want: [{ method: 'read' }, { method: 'read' }, undefined],
    },
    {
      name: 'actions apply in order: a later action sees and overrides an earlier one',
      actions: `  - target: $.paths['/orders'].get\n    update: {x-mcp: {method: list, description: First.}}\n  - target: $.paths['/orders'].get['x-mcp']\n    update: {description: Second.}\n`,
      at: (d: any) => d.paths['/orders'].get['x-mcp'],
      want: { method: 'list', description: 'Second.' },
    },
    {
      name: 'an action marked x-mcp-optional may match nothing',
      actions: `  - target: $.paths['/gone'].get\n    x-mcp-optional: true\n    update: {x-mcp: {method: read}}\n`,
      at: (d: any) => Object.keys(d.paths),
      want: ['/orders', '/orders/{id}'],
    },
  ])('$name', ({ actions, at, want, version }) => {
    expect(at(data(overlay(version ?? '1.0.0', actions)))).toStrictEqual(want);
  });

  it('overlays apply in the order given: the second file sees the first one`s result', () => {
    const first = overlay('1.0.0', `  - target: $.paths['/orders'].get\n    update: {x-mcp: {description: From the first.}}\n`);
    const second = overlay('1.0.0', `  - target: $.paths['/orders'].get['x-mcp']\n    update: {description: From the second.}\n`);
    expect(data(first, second).paths['/orders'].get['x-mcp']).toStrictEqual({ description: 'From the second.' });
    expect(apply(second, first)).toStrictEqual({ errors: [`c0.overlay.yaml:6:5 error VMCP_OVERLAY_TARGET_UNMATCHED at #/actions/0/target: action 0: target $.paths['/orders'].get['x-mcp'] matches nothing in spec.yaml`] });
  });

  it.each([
    {
      name: 'a target that matches nothing stops the build, at the target',
      overlays: [overlay('1.0.0', `  - target: $.paths['/orders'].get\n    update: {x-mcp: {method: list}}\n  - target: $.paths['/order'].get\n    update: {x-mcp: {method: read}}\n`)],
      want: [`c0.overlay.yaml:8:5 error VMCP_OVERLAY_TARGET_UNMATCHED at #/actions/1/target: action 1: target $.paths['/order'].get matches nothing in spec.yaml`],
    },
    {
      name: 'copy in an Overlay 1.0 document',
      overlays: [overlay('1.0.0', `  - target: $.components.schemas.Order\n    copy: $.components.schemas.Order\n`)],
      want: ['c0.overlay.yaml:6:5 error VMCP_OVERLAY_INVALID at #/actions/0: action 0: `copy` is Overlay 1.1: set `overlay: 1.1.0`'],
    },
    {
      name: 'copy whose source selects more than one node',
      overlays: [overlay('1.1.0', `  - target: $.components.schemas.Order\n    copy: $.paths.*.get\n`)],
      want: ['c0.overlay.yaml:7:5 error VMCP_OVERLAY_CONFLICT at #/actions/0/copy: action 0: copy $.paths.*.get must select exactly one node (it selects 2)'],
    },
    {
      name: 'update and remove in one action',
      overlays: [overlay('1.0.0', `  - target: $.info\n    remove: true\n    update: {title: x}\n`)],
      want: ['c0.overlay.yaml:6:5 error VMCP_OVERLAY_INVALID at #/actions/0: action 0: an action needs exactly one of update, remove: true or copy (found update and remove)'],
    },
    {
      name: 'a scalar merged into an object',
      overlays: [overlay('1.0.0', `  - target: $.info\n    update: New title\n`)],
      want: ['c0.overlay.yaml:7:5 error VMCP_OVERLAY_CONFLICT at #/actions/0/update: action 0: #/info is an object, so the value merged into it must be an object (found string)'],
    },
    {
      name: 'a JSONPath that does not parse',
      overlays: [overlay('1.0.0', `  - target: $.paths[?@.x ==\n    update: {method: read}\n`)],
      want: [expect.stringMatching(/^c0\.overlay\.yaml:6:5 error VMCP_OVERLAY_INVALID at #\/actions\/0\/target: action 0: \$\.paths\[\?@\.x == is not RFC 9535 JSONPath: /)],
    },
    {
      name: 'a document that is not an overlay',
      overlays: ['overlay: 2.0.0\ninfo: {title: t, version: v}\nactions: []\n'],
      want: ['c0.overlay.yaml:1:1 error VMCP_OVERLAY_INVALID at #/overlay: `overlay` must be 1.0.x or 1.1.x (found "2.0.0")'],
    },
  ])('$name', ({ overlays, want }) => {
    expect(apply(...overlays)).toStrictEqual({ errors: want });
  });

  it('locates an overlay-supplied value in the overlay (file, action pointer, line:col) and a spec value in the spec', () => {
    const result = apply(overlay('1.0.0', `  - target: $.tags[0]\n    remove: true\n  - target: $.paths['/orders'].get\n    update:\n      x-mcp:\n        description: Lists orders.\n`));
    if (!('document' in result) || result.document === undefined) throw new Error('expected a document');
    const { locate, data: merged } = result.document;
    expect(locate('/paths/~1orders/get/x-mcp/description')).toStrictEqual({ line: 11, column: 9, file: 'c0.overlay.yaml', pointer: '/actions/1/update/x-mcp/description' });
    expect(locate('/paths/~1orders/get/operationId')).toStrictEqual({ line: 12, column: 7 });
    // tags[0] was removed: the item now at /tags/0 is the spec's second one, found where the spec has it.
    expect((merged as any).tags[0]).toStrictEqual({ name: 'stock' });
    expect(locate('/tags/0/name')).toStrictEqual({ line: 7, column: 5, file: 'spec.yaml', pointer: '/tags/1/name' });
  });

  it('records every input file and its hash as the sources of the overlaid document', () => {
    const result = apply(overlay('1.0.0', `  - target: $.info\n    update: {title: Shop API}\n`));
    if (!('document' in result) || result.document === undefined) throw new Error('expected a document');
    expect(Object.keys(result.document.sources ?? {})).toStrictEqual(['spec.yaml', 'c0.overlay.yaml']);
  });
});

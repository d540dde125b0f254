import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../generator/diagnostics/format.ts';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { buildFromText, generateFromText } from '../support/generate-in-memory.ts';

const withRootSettings = (yaml: string) => MINIMAL_VENDOR_DOC.replace('    env: ACME_TOKEN\n', `    env: ACME_TOKEN\n${yaml}`);

const PROMPTS = `  prompts:
    - name: restock_widget
      title: Restock a widget
      description: Check a widget's stock and reorder it.
      arguments:
        - name: widget
          description: The widget's name.
          required: true
        - name: note
          description: Anything the buyer should know.
      text: >-
        Restock {{widget}} with list_all_acme_widgets. {{ note }}
`;

const errorsOf = (yaml: string) => buildFromText({ text: withRootSettings(yaml) }).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);

describe('x-mcp.prompts', () => {
  it('becomes prompt IR in the doc order, text kept as data', () => {
    const { api } = buildFromText({ text: withRootSettings(PROMPTS) });
    expect(api?.vendor.prompts).toStrictEqual([
      {
        kind: 'prompt',
        name: 'restock_widget',
        title: 'Restock a widget',
        description: "Check a widget's stock and reorder it.",
        arguments: [
          { name: 'widget', description: "The widget's name.", required: true },
          { name: 'note', description: 'Anything the buyer should know.', required: false },
        ],
        text: 'Restock {{widget}} with list_all_acme_widgets. {{ note }}',
        source: { file: 'spec.yaml', pointer: '/x-mcp/prompts/0' },
      },
    ]);
  });

  it.each([
    { name: 'an undeclared placeholder', yaml: PROMPTS.replace('{{ note }}', '{{ colour }}'), want: 'prompt "restock_widget" uses undeclared arguments: colour' },
    { name: 'a name clients refuse', yaml: PROMPTS.replace('name: restock_widget', 'name: restock widget'), want: 'a prompt needs a `name` of 1-64 letters, digits, _ or -' },
    { name: 'no text', yaml: PROMPTS.replace(/ {6}text: [^]*$/, ''), want: 'prompt "restock_widget" needs a `description` and a `text`' },
    { name: 'an argument without a description', yaml: PROMPTS.replace("          description: The widget's name.\n", ''), want: 'a prompt argument needs a `name` (letters, digits, _ or -) and a `description`' },
    { name: 'a duplicate name', yaml: `${PROMPTS}${PROMPTS.replace('  prompts:\n', '')}`, want: 'prompt name "restock_widget" is used twice' },
  ])('refuses $name', ({ yaml, want }) => {
    const errors = errorsOf(yaml);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`VMCP_MCP_EXTENSION_INVALID at #/x-mcp/prompts/`);
    expect(errors[0]).toContain(want);
  });

  it('reaches vendor.ts as data and manifest.json in the bundle placeholder form', () => {
    const result = generateFromText({ text: withRootSettings(PROMPTS) });
    const files = result.files;
    if (files === undefined) throw new Error(JSON.stringify(result.diagnostics));
    const file = (name: string) => files.find((f) => f.path === name)!.contents;
    expect(file('src/vendor.ts')).toContain('"text": "Restock {{widget}} with list_all_acme_widgets. {{ note }}"');
    const manifest = JSON.parse(file('manifest.json')) as { prompts: unknown };
    expect(manifest.prompts).toStrictEqual([
      { name: 'restock_widget', description: "Check a widget's stock and reorder it.", arguments: ['widget', 'note'], text: 'Restock ${arguments.widget} with list_all_acme_widgets. ${arguments.note}' },
    ]);
  });
});

describe('x-mcp.icons', () => {
  const ICONS = `  icons:
    - src: https://acme.test/icon-64.png
      mimeType: image/png
      sizes: [64x64]
`;
  it('reach server.json, manifest.json (sized) and vendor.ts', () => {
    const result = generateFromText({ text: withRootSettings(ICONS) });
    const files = result.files;
    if (files === undefined) throw new Error(JSON.stringify(result.diagnostics));
    const file = (name: string) => files.find((f) => f.path === name)!.contents;
    expect((JSON.parse(file('server.json')) as { icons: unknown }).icons).toStrictEqual([{ src: 'https://acme.test/icon-64.png', mimeType: 'image/png', sizes: ['64x64'] }]);
    expect((JSON.parse(file('manifest.json')) as { icons: unknown }).icons).toStrictEqual([{ src: 'https://acme.test/icon-64.png', size: '64x64' }]);
    expect(file('src/vendor.ts')).toContain('"src": "https://acme.test/icon-64.png"');
  });

  it('an operation icon reaches its tool module and tools.json (the tools/list surface)', () => {
    const text = MINIMAL_VENDOR_DOC.replace('        method: list\n', '        method: list\n        icons:\n          - {src: "data:image/svg+xml;base64,PHN2Zy8+", mimeType: image/svg+xml}\n');
    const result = generateFromText({ text });
    const files = result.files;
    if (files === undefined) throw new Error(JSON.stringify(result.diagnostics));
    const surface = JSON.parse(files.find((f) => f.path === 'tools.json')!.contents) as { tools: { name: string; icons?: unknown }[] };
    const icon = { src: 'data:image/svg+xml;base64,PHN2Zy8+', mimeType: 'image/svg+xml' };
    expect(surface.tools.map((t) => [t.name, t.icons])).toStrictEqual([['create_a_acme_widget', undefined], ['list_all_acme_widgets', [icon]]]);
    expect(files.find((f) => f.path === 'src/tools/list_all_acme_widgets.ts')!.contents).toContain('"src": "data:image/svg+xml;base64,PHN2Zy8+"');
  });

  it('refuses a plain http icon', () => {
    expect(errorsOf(ICONS.replace('https://', 'http://'))[0]).toContain('VMCP_MCP_EXTENSION_INVALID at #/x-mcp/icons: icons must be a non-empty list');
  });
});

import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../generator/diagnostics/format.ts';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { buildFromText, generateFromText } from '../support/generate-in-memory.ts';
import { createBuildContext } from '../../generator/ir/from-openapi/build-context.ts';
import { readIcons, readPrompts } from '../../generator/ir/from-openapi/prompt-settings.ts';

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

describe('readPrompts and readIcons on their own', () => {
  const contextOf = (xmcp: Record<string, unknown>) => createBuildContext({ file: 'a.json', root: { 'x-mcp': xmcp }, locate: () => undefined });
  const errors = (context: ReturnType<typeof contextOf>) => context.diagnostics.map((d) => `${d.location.pointer}: ${d.message}`);
  const prompt = (extra: Record<string, unknown>) => ({ name: 'p', description: 'D', text: 'T', ...extra });

  it('trims its words, and a text with spaces inside the braces still names its argument', () => {
    const context = contextOf({ prompts: [prompt({ name: ' p ', title: ' Title ', description: ' D ', text: ' Use {{  a  }} ', arguments: [{ name: ' a ', description: ' A ' }] })] });
    expect(readPrompts(context)).toStrictEqual([
      { kind: 'prompt', name: 'p', title: 'Title', description: 'D', arguments: [{ name: 'a', description: 'A', required: false }], text: 'Use {{  a  }}', source: { file: 'a.json', pointer: '/x-mcp/prompts/0' } },
    ]);
    expect(errors(context)).toStrictEqual([]);
  });

  it.each([
    { name: 'prompts not a list', xmcp: { prompts: {} }, want: ['/x-mcp/prompts: x-mcp.prompts must be a list'] },
    { name: 'an entry not an object', xmcp: { prompts: ['p'] }, want: ['/x-mcp/prompts/0: each x-mcp.prompts entry must be an object'] },
    { name: 'a blank name', xmcp: { prompts: [prompt({ name: '  ' })] }, want: ['/x-mcp/prompts/0/name: a prompt needs a `name` of 1-64 letters, digits, _ or -'] },
    { name: 'a blank description', xmcp: { prompts: [prompt({ description: ' ' })] }, want: ['/x-mcp/prompts/0: prompt "p" needs a `description` and a `text`'] },
    { name: 'arguments not a list', xmcp: { prompts: [prompt({ arguments: 'a' })] }, want: ['/x-mcp/prompts/0/arguments: prompt arguments must be a list'] },
    { name: 'an argument with a bad name', xmcp: { prompts: [prompt({ arguments: [{ name: 'a b', description: 'A' }] })] }, want: ['/x-mcp/prompts/0/arguments/0: a prompt argument needs a `name` (letters, digits, _ or -) and a `description`'] },
    { name: 'an argument without a name', xmcp: { prompts: [prompt({ arguments: [{ description: 'A' }] })] }, want: ['/x-mcp/prompts/0/arguments/0: a prompt argument needs a `name` (letters, digits, _ or -) and a `description`'] },
    { name: 'an argument not an object', xmcp: { prompts: [prompt({ arguments: ['a'] })] }, want: ['/x-mcp/prompts/0/arguments/0: a prompt argument needs a `name` (letters, digits, _ or -) and a `description`'] },
    { name: 'a placeholder twice and another', xmcp: { prompts: [prompt({ text: '{{x}} {{x}} {{y}}' })] }, want: ['/x-mcp/prompts/0/text: prompt "p" uses undeclared arguments: x, y'] },
  ])('refuses $name', ({ xmcp, want }) => {
    const context = contextOf(xmcp);
    // A refused entry is left out; a refused list is no list.
    expect(readPrompts(context)).toStrictEqual(Array.isArray(xmcp.prompts) ? [] : undefined);
    expect(errors(context)).toStrictEqual(want);
  });

  it('keeps https and data:image icons with their sizes, type and theme; drops what is not one of those', () => {
    const context = contextOf({});
    const value = [
      { src: 'https://a.test/i.png', mimeType: 'image/png', sizes: ['48x48'], theme: 'dark' },
      { src: 'data:image/png;base64,AA', sizes: ['48x48', 48], theme: 'light' },
      { src: 'https://a.test/j.png', mimeType: 3, sizes: '48x48', theme: 'blue' },
    ];
    expect(readIcons({ context, value, at: '/i' })).toStrictEqual([
      { src: 'https://a.test/i.png', mimeType: 'image/png', sizes: ['48x48'], theme: 'dark' },
      { src: 'data:image/png;base64,AA', theme: 'light' },
      { src: 'https://a.test/j.png' },
    ]);
    expect(errors(context)).toStrictEqual([]);
  });

  it.each([[[]], ['https://a.test/i.png'], [[{ src: 'see https://a.test/i.png' }]], [[{ src: 3 }]], [[{ src: ['https://a.test/i.png'] }]], [['x']], [[null]], [[{ src: 'https://a.test/i.png' }, { src: 'http://a.test/i.png' }]]])('refuses icons %j', (value) => {
    const context = contextOf({});
    expect(readIcons({ context, value, at: '/i' })).toBeUndefined();
    expect(errors(context)).toStrictEqual(['/i: icons must be a non-empty list of {src (https: or data:image/ URL), mimeType?, sizes?, theme?: light|dark}']);
  });
});

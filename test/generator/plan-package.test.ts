import { describe, expect, it } from 'vitest';
import type { ApiIR, AuthIR, ToolIR, VariantFamilyIR } from '../../generator/ir/types.ts';
import { readAssets } from '../../generator/load/read-assets.ts';
import { deployView } from '../../generator/plan/deploy-view.ts';
import { firstSentence, packageEnv, packageView } from '../../generator/plan/package-view.ts';
import { planPackage } from '../../generator/plan/plan-package.ts';
import { UNSTAMPED_VERSION } from '../../generator/shared/release-record.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { buildFromText } from '../support/generate-in-memory.ts';

const assets = readAssets(REPO_ROOT);
const built = buildFromText({ text: MINIMAL_VENDOR_DOC }).api!;
const source = { file: 'spec.yaml', pointer: '/x' };
const header = ['// h1', '// h2'] as const;

function api(input: { readonly auth?: AuthIR; readonly baseUrl?: string; readonly tools?: readonly ToolIR[] } = {}): ApiIR {
  return { ...built, vendor: { ...built.vendor, auth: input.auth ?? built.vendor.auth, baseUrl: input.baseUrl ?? built.vendor.baseUrl }, tools: input.tools ?? built.tools };
}

const [write, read] = built.tools as [ToolIR, ToolIR];
const grant = (fields: Record<string, string>, secrets: string[]): AuthIR => ({
  kind: 'bearer',
  env: 'ACME_TOKEN',
  source,
  clientCredentials: { tokenUrl: 'https://auth.acme.test/token', urlEnv: 'ACME_TOKEN_URL', body: 'form', fields, constants: {}, secrets, source },
});
const readTool = (name: string, tags: readonly string[]): ToolIR => ({ ...read, name, tags });

describe('firstSentence', () => {
  it.each([
    ['', ''],
    ['No full stop', 'No full stop'],
    ['One. Two.', 'One.'],
    ['Ends here.', 'Ends here.'],
    // a dot inside a word or number is no sentence end
    ['Version 1.2 is out. Later', 'Version 1.2 is out.'],
    ['  Spread\n  over\tlines.  More', 'Spread over lines.'],
    ['Dot then newline.\nNext', 'Dot then newline.'],
  ])('%j → %j', (text, expected) => {
    expect(firstSentence(text)).toBe(expected);
  });
});

describe('packageEnv: credentials first, then the settings', () => {
  const names = (a: ApiIR) => packageEnv(a).map((env) => [env.name, env.secret, env.required, env.credential]);
  const settings = [
    ['ACME_BASE_URL', false, false, false],
    ['ACME_TIMEOUT_MS', false, false, false],
    ['ACME_MAX_RESULT_TOKENS', false, false, false],
  ];

  it('a bearer token is one required secret', () => {
    expect(names(api())).toStrictEqual([['ACME_TOKEN', true, true, true], ...settings]);
    expect(packageEnv(api())[0]!.description).toBe('Vendor credential, sent as `Authorization: Bearer …`. Required.');
  });

  it('a bearer token with a client-credentials grant: none required, the secret fields secret, and the token URL setting', () => {
    const env = packageEnv(api({ auth: grant({ client_id: 'ACME_CLIENT_ID', client_secret: 'ACME_CLIENT_SECRET' }, ['client_secret']) }));
    expect(env.map((e) => [e.name, e.secret, e.required, e.credential])).toStrictEqual([
      ['ACME_TOKEN', true, false, true],
      ['ACME_CLIENT_ID', false, false, true],
      ['ACME_CLIENT_SECRET', true, false, true],
      ['ACME_BASE_URL', false, false, false],
      ['ACME_TOKEN_URL', false, false, false],
      ...settings.slice(1),
    ]);
    expect(env.map((e) => e.description).slice(0, 3)).toStrictEqual([
      'Access token, sent as `Authorization: Bearer …`. Required unless `ACME_CLIENT_ID`, `ACME_CLIENT_SECRET` are all set.',
      'OAuth client-credentials `client_id`; the server fetches and renews access tokens itself.',
      'OAuth client-credentials `client_secret`; the server fetches and renews access tokens itself.',
    ]);
    expect(env[4]!.description).toBe('OAuth token URL. Default: `https://auth.acme.test/token`.');
  });

  it('an API key names where it is sent', () => {
    const key = (where: 'header' | 'query') => packageEnv(api({ auth: { kind: 'api-key', in: where, name: 'X-Key', env: 'ACME_KEY', source } }))[0];
    expect(key('header')).toStrictEqual({ name: 'ACME_KEY', description: 'Vendor API key, sent as the `X-Key` header. Required.', secret: true, required: true, credential: true });
    expect(key('query')!.description).toBe('Vendor API key, sent as the `X-Key` query parameter. Required.');
  });

  it('basic auth is one required secret; no auth is none', () => {
    expect(packageEnv(api({ auth: { kind: 'basic', env: 'ACME_BASIC', source } }))[0]).toStrictEqual({ name: 'ACME_BASIC', description: 'Vendor credential as `user:password`, sent as HTTP Basic auth. Required.', secret: true, required: true, credential: true });
    expect(names(api({ auth: { kind: 'none', source } }))).toStrictEqual(settings);
  });

  it('the base URL is required only when the doc gives none', () => {
    expect(packageEnv(api())[1]!.description).toBe('Base URL of the vendor API. Default: `https://api.acme.test/v1`.');
    expect(packageEnv(api({ baseUrl: '' }))[1]).toStrictEqual({ name: 'ACME_BASE_URL', description: 'Base URL of the vendor API. Default: `(none: required)`.', secret: false, required: true, credential: false });
  });

  it('the timeout and result limit say their defaults', () => {
    expect(packageEnv(api()).slice(2).map((e) => e.description)).toStrictEqual([
      'Per-request timeout in milliseconds. Default: 30000.',
      'Results larger than this (estimated tokens) are cut, and say what was cut. Default: 25000.',
    ]);
  });
});

describe('packageView', () => {
  const view = (a: ApiIR) => packageView({ api: a, assets, version: 'V', header });

  it('names, counts and pinned dependency versions', () => {
    const v = view(api());
    expect({ header: v.header, headerLines: v.headerLines, version: v.version, description: v.description, mcpName: v.mcpName, imageName: v.imageName, toolCount: v.toolCount, sourceFile: v.sourceFile }).toStrictEqual({
      header: '// h1 // h2',
      headerLines: header,
      version: 'V',
      description: 'MCP server for the Acme API (2 tools), generated by vendor-mcp.',
      mcpName: 'io.github.vendor-mcp/acme',
      imageName: 'vendor-mcp/acme',
      toolCount: 2,
      sourceFile: 'spec.yaml',
    });
    const pins = assets.dependencyVersions;
    expect(v.dependencies).toStrictEqual({ '@modelcontextprotocol/server': pins['@modelcontextprotocol/server'], ioredis: pins['ioredis'], jose: pins['jose'], 'rate-limiter-flexible': pins['rate-limiter-flexible'], zod: pins['zod'] });
    expect(v.devDependencies).toStrictEqual({ '@types/node': pins['@types/node'], esbuild: pins['esbuild'], typescript: pins['typescript'] });
  });

  it('a tool row is one table line: pipes escaped, whitespace flattened, first sentence only', () => {
    const tool = { ...read, description: 'Lists  a|b\nwidgets. Then more.', http: { ...read.http, path: '/w|x  y\n' } };
    expect(view(api({ tools: [tool] })).tools).toStrictEqual([{ name: read.name, methodClass: 'read', method: 'list', http: 'GET /w\\|x y', summary: 'Lists a\\|b widgets.' }]);
  });

  it('client configs show the one primary credential', () => {
    const v = view(api());
    expect(JSON.parse(v.claudeConfig)).toStrictEqual({ mcpServers: { acme: { command: 'npx', args: ['-y', '@vendor-mcp/acme'], env: { ACME_TOKEN: '<your ACME_TOKEN>' } } } });
    expect(JSON.parse(v.vscodeConfig)).toStrictEqual({
      inputs: [{ type: 'promptString', id: 'acme_token', description: 'ACME_TOKEN', password: true }],
      servers: { acme: { type: 'stdio', command: 'npx', args: ['-y', '@vendor-mcp/acme'], env: { ACME_TOKEN: '${input:acme_token}' } } },
    });
    expect(v.claudeConfig).toBe(JSON.stringify(JSON.parse(v.claudeConfig), null, 2));
    expect(v.vscodeConfig).toBe(JSON.stringify(JSON.parse(v.vscodeConfig), null, 2));
    expect(v.primaryEnv).toBe('ACME_TOKEN');
  });

  it('with a client-credentials grant the configs still show only the access token', () => {
    const v = view(api({ auth: grant({ client_id: 'ACME_CLIENT_ID', client_secret: 'ACME_CLIENT_SECRET' }, ['client_secret']) }));
    expect(JSON.parse(v.claudeConfig).mcpServers.acme.env).toStrictEqual({ ACME_TOKEN: '<your ACME_TOKEN>' });
    expect(JSON.parse(v.vscodeConfig).inputs.map((i: { id: string }) => i.id)).toStrictEqual(['acme_token']);
  });

  it('without credentials the configs carry no env and there is no primary', () => {
    const v = view(api({ auth: { kind: 'none', source } }));
    expect(JSON.parse(v.claudeConfig).mcpServers.acme.env).toStrictEqual({});
    expect(JSON.parse(v.vscodeConfig).inputs).toStrictEqual([]);
    expect(v.primaryEnv).toBeUndefined();
  });

  it('HTTP examples: the local URL, a bearer header, and the token command', () => {
    const v = view(api());
    expect(v.httpUrl).toBe('http://127.0.0.1:3000/mcp');
    expect(JSON.parse(v.cursorHttpConfig)).toStrictEqual({ mcpServers: { acme: { url: 'http://127.0.0.1:3000/mcp', headers: { Authorization: 'Bearer <token>' } } } });
    expect(JSON.parse(v.vscodeHttpConfig)).toStrictEqual({
      inputs: [{ type: 'promptString', id: 'acme_mcp_token', description: 'Token from acme-mcp token create', password: true }],
      servers: { acme: { type: 'http', url: 'http://127.0.0.1:3000/mcp', headers: { Authorization: 'Bearer ${input:acme_mcp_token}' } } },
    });
    expect(v.cursorHttpConfig).toBe(JSON.stringify(JSON.parse(v.cursorHttpConfig), null, 2));
    expect(v.vscodeHttpConfig).toBe(JSON.stringify(JSON.parse(v.vscodeHttpConfig), null, 2));
  });

  it('the example tag is the most common among read tools, ties to the first by codepoint', () => {
    const tag = (tools: ToolIR[]) => view(api({ tools })).exampleTag;
    expect(tag([])).toBeUndefined();
    expect(tag([readTool('a', [])])).toBeUndefined();
    expect(tag([readTool('a', ['b', 'a'])])).toBe('a');
    expect(tag([readTool('a', ['a']), readTool('b', ['b']), readTool('c', ['b'])])).toBe('b');
    expect(tag([readTool('a', ['B']), readTool('b', ['a'])])).toBe('B');
    expect(tag([readTool('a', ['c', 'b', 'a'])])).toBe('a');
    expect(tag([readTool('a', ['b', 'c', 'a', 'd'])])).toBe('a');
    // write tools do not count, however many
    expect(tag([readTool('a', ['r']), { ...write, tags: ['w'] }, { ...write, name: 'w2', tags: ['w'] }])).toBe('r');
  });
});

describe('deployView and planPackage', () => {
  it('deploy values: the bin file the entrypoint runs, the bin name for the objects, the unversioned image, and each credential with whether it is optional', () => {
    expect(deployView({ api: api(), header })).toStrictEqual({ headerLines: header, packageName: '@vendor-mcp/acme', binFile: 'dist/bin.cjs', name: 'acme-mcp', secretName: 'acme-mcp', imageName: 'vendor-mcp/acme', image: 'vendor-mcp/acme', credentials: [{ name: 'ACME_TOKEN', optional: false }] });
    expect(deployView({ api: api({ auth: grant({ client_id: 'ACME_CLIENT_ID' }, []) }), header }).credentials).toStrictEqual([
      { name: 'ACME_TOKEN', optional: true },
      { name: 'ACME_CLIENT_ID', optional: true },
    ]);
  });

  it('plans every file of the package, unversioned, in a fixed order', () => {
    const plan = planPackage({ api: api(), assets, header });
    expect(plan.slug).toBe('acme');
    expect(plan.files.map((f) => [f.kind, f.path])).toStrictEqual([
      ['tool-module', 'src/tools/create_a_acme_widget.ts'],
      ['tool-module', 'src/tools/list_all_acme_widgets.ts'],
      ['tools-index', 'src/tools/index.ts'],
      ['vendor-module', 'src/vendor.ts'],
      ['bin-entry', 'src/bin.cts'],
      ['server-entry', 'src/server.ts'],
      ['package-index', 'src/index.ts'],
      ...assets.runtimeFiles.map((file) => ['runtime-copy', `src/runtime/${file.name}`]),
      ['template', 'package.json'],
      ['template', 'README.md'],
      ['template', 'tsconfig.json'],
      ['template', '.gitignore'],
      ['template', 'Dockerfile'],
      ['template', 'docker-entrypoint.sh'],
      ['template', 'deploy/kubernetes.yaml'],
      ['registry-server', 'server.json'],
      ['bundle-manifest', 'manifest.json'],
    ]);
    // The package files share the package view; the deploy files share the deploy view.
    const templates = plan.files.flatMap((f) => (f.kind === 'template' ? [[f.template, f.view['secretName'] ?? f.view['binName']]] : []));
    expect(templates).toStrictEqual([
      ['package.json', 'acme-mcp'],
      ['README.md', 'acme-mcp'],
      ['tsconfig.json', 'acme-mcp'],
      ['gitignore', 'acme-mcp'],
      ['Dockerfile', 'acme-mcp'],
      ['docker-entrypoint.sh', 'acme-mcp'],
      ['kubernetes.yaml', 'acme-mcp'],
    ]);
    const views = plan.files.flatMap((f) => (f.kind === 'template' ? [f.view] : []));
    expect(views.map((v) => 'secretName' in v)).toStrictEqual([false, false, false, false, true, true, true]);
    for (const file of plan.files) if ('version' in file) expect(file.version).toBe(UNSTAMPED_VERSION);
    const pkg = plan.files.find((f) => f.path === 'package.json');
    expect(pkg?.kind === 'template' && pkg.view['version']).toBe(UNSTAMPED_VERSION);
    const runtime = plan.files.filter((f) => f.kind === 'runtime-copy');
    expect(runtime.map((f) => f.kind === 'runtime-copy' && [f.name, f.text])).toStrictEqual(assets.runtimeFiles.map((f) => [f.name, f.text]));
    expect(plan.files.find((f) => f.kind === 'tools-index')).toStrictEqual({ kind: 'tools-index', path: 'src/tools/index.ts', tools: built.tools, identifiers: ['createAAcmeWidget', 'listAllAcmeWidgets'] });
  });

  it('one variant module per family, after the tools index', () => {
    const family = { name: 'objectKey' } as VariantFamilyIR;
    const plan = planPackage({ api: { ...api(), families: [family] }, assets, header });
    expect(plan.files.slice(2, 4)).toStrictEqual([
      { kind: 'tools-index', path: 'src/tools/index.ts', tools: built.tools, identifiers: ['createAAcmeWidget', 'listAllAcmeWidgets'] },
      { kind: 'variant-module', path: 'src/variants/object_key.ts', family },
    ]);
  });
});

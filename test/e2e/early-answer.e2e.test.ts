import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageBin } from '../../scripts/shared/package-bin.ts';
import { VENDORS } from '../../scripts/shared/repo-root.ts';
import { bundleEdit, converse, earlyInitializeEdit, logLines, packageCopy, packageDirOf, startEnv, unloadableBundle, withoutEarly, type Conversation, type Step } from './early-stack.ts';

/**
 * The bin answers the opening stdio exchange from the replies the build stored beside the bundle
 * (dist/server.cjs.early) before it loads the server (templates/runtime/early-answer.ts). Every
 * start here is compared, byte for byte, with the same package copied without that file, where the
 * loaded server answers everything itself.
 */

/** One character of serverInfo's name changed in each stored `initialize` reply. */
const ALTER_NAME = (line: string) => line.replace('"serverInfo":{"name":"@', '"serverInfo":{"name":"!');

const COPIES = {
  loaded: withoutEarly,
  unloadable: unloadableBundle,
  altered: earlyInitializeEdit(ALTER_NAME),
  otherBundle: bundleEdit({ from: 'while the build warms the server', to: 'while the build warms the Server' }),
};
type Copy = keyof typeof COPIES | 'early';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'vmcp-early-'));
  for (const vendor of VENDORS) for (const [name, alter] of Object.entries(COPIES)) packageCopy({ vendor, folder: path.join(root, vendor, name), alter });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const binOf = (input: { readonly vendor: string; readonly copy: Copy }) => packageBin(input.copy === 'early' ? packageDirOf(input.vendor) : path.join(root, input.vendor, input.copy));

function run(input: { readonly vendor: string; readonly copy: Copy; readonly steps: readonly Step[]; readonly args?: readonly string[] }): Promise<Conversation> {
  return converse({ bin: binOf(input), env: startEnv(input.vendor), steps: input.steps, ...(input.args === undefined ? {} : { args: input.args }) });
}

type Id = string | number;
const initialize = (input: { readonly id: Id; readonly version: string; readonly extra?: object }) => ({
  jsonrpc: '2.0',
  id: input.id,
  method: 'initialize',
  params: { protocolVersion: input.version, capabilities: {}, clientInfo: { name: 'early-e2e', version: '1.0.0' }, ...input.extra },
});
const INITIALIZED = { jsonrpc: '2.0', method: 'notifications/initialized' };
const request = (input: { readonly id: Id; readonly method: string; readonly params?: object }) => ({ jsonrpc: '2.0', ...input });

const lines = (stdout: Buffer) => stdout.toString('utf8').split('\n').slice(0, -1);
const replyIds = (conversation: Conversation) => lines(conversation.stdout).map((line) => (JSON.parse(line) as { id: Id }).id);

function expectSameBytes(input: { readonly early: Conversation; readonly loaded: Conversation }): void {
  expect(input.early.stdout.toString('utf8')).toBe(input.loaded.stdout.toString('utf8'));
  expect(input.early.stdout.equals(input.loaded.stdout)).toBe(true);
}

const VERSIONS = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'];
const ID_KINDS = { numeric: (n: number): Id => n, string: (n: number): Id => `early-${n}` };
const OPENINGS = VERSIONS.flatMap((version) => Object.keys(ID_KINDS).map((kind) => [version, kind as keyof typeof ID_KINDS] as const));

/** initialize, tools/list and ping: the bytes of the loaded server, the first two written by the bin itself. */
async function expectAnsweredEarly(input: { readonly vendor: string; readonly opening: object; readonly ids: readonly Id[]; readonly args?: readonly string[] }): Promise<void> {
  const [init, list, ping] = input.ids;
  const steps = [{ send: [input.opening, INITIALIZED, request({ id: list!, method: 'tools/list' }), request({ id: ping!, method: 'ping' })] }, { replies: 3 }];
  const [early, loaded, unloadable] = await Promise.all((['early', 'loaded', 'unloadable'] as const).map((copy) => run({ vendor: input.vendor, copy, steps, ...(input.args === undefined ? {} : { args: input.args }) })));
  expect(replyIds(loaded!)).toStrictEqual([init, list, ping]);
  expect([early!.code, loaded!.code]).toStrictEqual([0, 0]);
  expectSameBytes({ early: early!, loaded: loaded! });
  // The early path was taken for this very start: a copy whose bundle throws as it loads still
  // writes the initialize and tools/list replies, the same bytes, and dies at the hand-over.
  expect(unloadable!.code).toBe(1);
  expect(lines(unloadable!.stdout)).toStrictEqual(lines(loaded!.stdout).slice(0, 2));
}

describe.each(VENDORS)('%s: answered early, the same bytes as the loaded server', (vendor) => {
  describe.each(['all', 'discovery'])('--tools-mode %s', (mode) => {
    it.each(OPENINGS)('initialize %s, %s ids, then tools/list and ping', async (version, kind) => {
      const ids = [1, 2, 3].map(ID_KINDS[kind]);
      await expectAnsweredEarly({ vendor, opening: initialize({ id: ids[0]!, version }), ids, args: ['--tools-mode', mode] });
    });
  });

  it('an initialize whose clientInfo carries description, websiteUrl and icons', async () => {
    const clientInfo = { name: 'early-e2e', version: '1.0.0', title: 'Early', description: 'a client', websiteUrl: 'https://client.example', icons: [{ src: 'https://client.example/i.png', mimeType: 'image/png', sizes: ['48x48'], theme: 'dark' }] };
    await expectAnsweredEarly({ vendor, opening: initialize({ id: 1, version: '2025-11-25', extra: { clientInfo } }), ids: [1, 2, 3] });
  });

  it('an initialize with the capabilities Visual Studio Code declares (roots, sampling, elicitation form and url, tasks for tool calls)', async () => {
    const capabilities = { roots: {}, sampling: {}, elicitation: { form: {}, url: {} }, tasks: { requests: { tools: { call: {} } } } };
    await expectAnsweredEarly({ vendor, opening: initialize({ id: 1, version: '2025-06-18', extra: { capabilities } }), ids: [1, 2, 3] });
  });

  it('an initialize declaring roots, sampling, elicitation and an MCP Apps extension (arrays inside)', async () => {
    const capabilities = { roots: { listChanged: true }, sampling: {}, elicitation: { form: { applyDefaults: true }, url: {} }, extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] } }, experimental: { e2e: { on: true } } };
    await expectAnsweredEarly({ vendor, opening: initialize({ id: 1, version: '2025-11-25', extra: { capabilities } }), ids: [1, 2, 3] });
  });
});

describe.each(VENDORS)('%s: the other opening requests, before and after tools/list', (vendor) => {
  it('prompts/list, resources/list and resources/templates/list are answered by the bin with the loaded server\'s lines (a client matches replies by id; the server writes errors before results)', async () => {
    const others = ['resources/list', 'prompts/list', 'resources/templates/list'].map((method, at) => request({ id: 10 + at, method }));
    const steps = [{ send: [initialize({ id: 1, version: '2025-11-25' }), INITIALIZED, ...others.slice(0, 2), request({ id: 2, method: 'tools/list' }), others[2], request({ id: 3, method: 'ping' })] }, { replies: 6 }];
    const [early, loaded, unloadable] = await Promise.all((['early', 'loaded', 'unloadable'] as const).map((copy) => run({ vendor, copy, steps })));
    expect([early!.code, loaded!.code]).toStrictEqual([0, 0]);
    expect(lines(early!.stdout).sort()).toStrictEqual(lines(loaded!.stdout).sort());
    // The bin itself wrote initialize, the two requests before tools/list, and tools/list, in the order asked.
    expect(replyIds(unloadable!)).toStrictEqual([1, 10, 11, 2]);
  });
});

const LIST_AND_PING: Step = { send: [INITIALIZED, request({ id: 2, method: 'tools/list' }), request({ id: 3, method: 'ping' })] };

/**
 * Openings the bin does not answer, whole or in part: the loaded server does, as it always did.
 * `early`: how many of the replies the bin writes before it hands over (so a copy whose bundle
 * cannot load writes those and no more).
 */
const HANDED_OVER: Readonly<Record<string, { readonly steps: readonly Step[]; readonly early: number }>> = {
  'an unknown protocol version': { steps: [{ send: [initialize({ id: 1, version: '1999-01-01' })] }, LIST_AND_PING, { replies: 3 }], early: 0 },
  'server/discover first': { steps: [{ send: [request({ id: 0, method: 'server/discover', params: {} }), initialize({ id: 1, version: '2025-11-25' })] }, LIST_AND_PING, { replies: 4 }], early: 0 },
  'an initialize carrying _meta': { steps: [{ send: [initialize({ id: 1, version: '2025-11-25', extra: { _meta: { 'example.com/trace': 'e2e' } } })] }, LIST_AND_PING, { replies: 3 }], early: 0 },
  'a tools/list with a cursor': { steps: [{ send: [initialize({ id: 1, version: '2025-11-25' }), INITIALIZED, request({ id: 2, method: 'tools/list', params: { cursor: 'e2e' } }), request({ id: 3, method: 'ping' })] }, { replies: 3 }], early: 1 },
  'tools/list 300 ms after initialize': { steps: [{ send: [initialize({ id: 1, version: '2025-11-25' })] }, { replies: 1 }, { pause: 300 }, LIST_AND_PING, { replies: 3 }], early: 1 },
  // A client error the SDK answers all the same: the early reply under that id is the initialize's.
  'a tools/list under the id initialize had': { steps: [{ send: [initialize({ id: 1, version: '2025-11-25' }), INITIALIZED, request({ id: 1, method: 'tools/list' }), request({ id: 3, method: 'ping' })] }, { replies: 3 }], early: 1 },
  // The SDK's schema refuses it with an error (elicitation.form must be an object).
  'an initialize with capabilities the SDK refuses': { steps: [{ send: [initialize({ id: 1, version: '2025-11-25', extra: { capabilities: { elicitation: { form: 5 } } } })] }, { replies: 1 }, LIST_AND_PING, { replies: 3 }], early: 0 },
};

describe.each(VENDORS)('%s: handed over, still answered', (vendor) => {
  it.each(Object.entries(HANDED_OVER))('%s', async (_name, { steps, early: answeredEarly }) => {
    const [early, loaded, unloadable] = await Promise.all((['early', 'loaded', 'unloadable'] as const).map((copy) => run({ vendor, copy, steps })));
    expect(replyIds(loaded!)).toHaveLength((steps.at(-1) as { replies: number }).replies);
    expect([early!.code, loaded!.code]).toStrictEqual([0, 0]);
    expectSameBytes({ early: early!, loaded: loaded! });
    expect(lines(unloadable!.stdout)).toStrictEqual(lines(loaded!.stdout).slice(0, answeredEarly));
  });
});

const differs = (line: Readonly<Record<string, unknown>>) => line['event'] === 'early_reply_differs';

const OPENING: readonly Step[] = [{ send: [initialize({ id: 1, version: '2025-11-25' }), INITIALIZED, request({ id: 2, method: 'tools/list' })] }, { replies: 2 }];

describe.each(VENDORS)('%s: an early reply the server does not stand behind stops it', (vendor) => {
  it('a stored initialize reply altered: the client got it, the server exits 1 naming the id', async () => {
    const [altered, loaded] = await Promise.all((['altered', 'loaded'] as const).map((copy) => run({ vendor, copy, steps: OPENING })));
    expect(lines(altered!.stdout)[0]).toBe(ALTER_NAME(lines(loaded!.stdout)[0]!));
    expect(altered!.code).toBe(1);
    expect(logLines(altered!.stderr).filter(differs)).toStrictEqual([expect.objectContaining({ id: '1' })]);
  });

  it('a bundle of the same size with one byte changed: exits 1, the replies were made for another bundle', async () => {
    const other = await run({ vendor, copy: 'otherBundle', steps: OPENING });
    expect(other.code).toBe(1);
    expect(logLines(other.stderr).filter(differs)).toStrictEqual([expect.objectContaining({ madeFor: 'another bundle' })]);
  });

  it('--read-only is no start the stored replies stand for: the altered ones are not written', async () => {
    const steps = [{ send: [initialize({ id: 1, version: '2025-11-25' })] }, LIST_AND_PING, { replies: 3 }];
    const [altered, loaded] = await Promise.all((['altered', 'loaded'] as const).map((copy) => run({ vendor, copy, steps, args: ['--read-only'] })));
    expect(replyIds(loaded!)).toStrictEqual([1, 2, 3]);
    expect([altered!.code, loaded!.code]).toStrictEqual([0, 0]);
    expectSameBytes({ early: altered!, loaded: loaded! });
  });
});

describe.each(VENDORS)('%s: a real client', (vendor) => {
  it('connects through the early answer, lists the tools of tools.json, and is served after the hand-over', async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [binOf({ vendor, copy: 'early' })], env: { ...getDefaultEnvironment(), ...startEnv(vendor) }, stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const client = new Client({ name: 'early-e2e', version: '1.0.0' });
    try {
      await client.connect(transport);
      // The loaded server logs `started` as it starts serving; none yet, so the bin answered initialize.
      expect(stderr).not.toContain('"event":"started"');
      const recorded = (JSON.parse(readFileSync(path.join(packageDirOf(vendor), 'tools.json'), 'utf8')) as { tools: { name: string }[] }).tools.map((tool) => tool.name);
      expect((await client.listTools()).tools.map((tool) => tool.name)).toStrictEqual(recorded);
      // ping is never answered early: the loaded server answers it.
      expect(await client.ping()).toStrictEqual({});
      expect(stderr).toContain('"event":"started"');
      expect(stderr).not.toContain('early_reply_differs');
    } finally {
      await client.close();
    }
  });
});

describe.each(VENDORS)('%s: stdin closed once initialize is answered', (vendor) => {
  it('the process exits 0', async () => {
    const closed = await run({ vendor, copy: 'early', steps: [{ send: [initialize({ id: 1, version: '2025-11-25' })] }, { replies: 1 }] });
    expect(replyIds(closed)).toStrictEqual([1]);
    expect(closed.code).toBe(0);
    // Served to the end: the loaded server started on the input handed over, and logged nothing else.
    expect(logLines(closed.stderr).map((line) => line['event'])).toStrictEqual(['started']);
  });
});

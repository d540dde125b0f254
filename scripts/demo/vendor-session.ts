import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { startSimulator, type SimVendor, type Simulator } from '../simulator/index.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import type { VendorDefinition } from '../../templates/runtime/vendor-definition.ts';
import { REPO_ROOT } from '../shared/repo-root.ts';
import { packageBin } from '../shared/package-bin.ts';

/** What the transcript says about a tool, from the generated tool table. */
export type ToolInfo = {
  /** The HTTP method the tool sends, e.g. PUT. */
  readonly method: string;
  readonly writes: boolean;
  /** A full-array guard reads the current record before it writes. */
  readonly readsFirst: boolean;
};

export type VendorSession = {
  readonly sim: Simulator;
  readonly client: Client;
  readonly vendor: VendorDefinition;
  readonly tools: ReadonlyMap<string, ToolInfo>;
  /** How many tools the running server lists. */
  readonly listed: number;
  /** The command line that started the server, relative to the repository. */
  readonly serverCommand: string;
  close(): Promise<void>;
};

/** The generated package's own data (env names, title, tool table), so nothing here is per-vendor. */
async function generatedPackage(vendor: SimVendor): Promise<{ vendor: VendorDefinition; tools: ReadonlyMap<string, ToolInfo> }> {
  const src = path.join(REPO_ROOT, 'generated', vendor, 'src');
  const { vendor: definition } = (await import(path.join(src, 'vendor.ts'))) as { vendor: VendorDefinition };
  const { tools } = (await import(path.join(src, 'tools', 'index.ts'))) as { tools: readonly ToolDefinition[] };
  const info = (tool: ToolDefinition): ToolInfo => ({ method: tool.http.method, writes: tool.methodClass !== 'read', readsFirst: tool.safeguards.some((guard) => guard.kind === 'full-array') });
  return { vendor: definition, tools: new Map(tools.map((tool) => [tool.name, info(tool)])) };
}

/**
 * The vendor simulator, and the built generated server as a child process on stdio, driven by the
 * SDK client: the same wiring a user gets with `<VENDOR>_BASE_URL` pointed at the simulator.
 */
export async function startVendorSession(vendor: SimVendor): Promise<VendorSession> {
  const { vendor: definition, tools } = await generatedPackage(vendor);
  const token = `demo-${vendor}-token`;
  const credential = definition.auth.kind === 'none' ? {} : { [definition.auth.env]: token };
  const sim = await startSimulator({ vendor, token });
  const bin = path.relative(REPO_ROOT, packageBin(path.join(REPO_ROOT, 'generated', vendor)));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(REPO_ROOT, bin)],
    env: { ...getDefaultEnvironment(), ...credential, [definition.baseUrlEnv]: sim.baseUrl },
    // The server logs JSON lines on stderr; the transcript shows the vendor's side instead.
    stderr: 'ignore',
  });
  const client = new Client({ name: 'vendor-mcp-demo', version: '1.0.0' });
  try {
    await client.connect(transport);
  } catch (error) {
    await sim.close();
    throw error;
  }
  const listed = (await client.listTools()).tools.length;
  return {
    sim,
    client,
    vendor: definition,
    tools,
    listed,
    serverCommand: `node ${bin}`,
    async close() {
      await client.close();
      await sim.close();
    },
  };
}

import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { startSimulator, type SimVendor, type Simulator } from '../simulator/index.ts';
import type { VendorDefinition } from '../../templates/runtime/vendor-definition.ts';
import { REPO_ROOT } from '../../test/support/repo-root.ts';

export type ToolInfo = { readonly name: string; readonly readOnly: boolean };

export type VendorSession = {
  readonly sim: Simulator;
  readonly client: Client;
  readonly vendor: VendorDefinition;
  readonly tools: ReadonlyMap<string, ToolInfo>;
  /** The command line that started the server, relative to the repository. */
  readonly serverCommand: string;
  close(): Promise<void>;
};

/** The generated package's own description: its env names and title, so nothing here is per-vendor. */
async function vendorDefinition(vendor: SimVendor): Promise<VendorDefinition> {
  const module = (await import(path.join(REPO_ROOT, 'generated', vendor, 'src', 'vendor.ts'))) as { vendor: VendorDefinition };
  return module.vendor;
}

/**
 * The vendor simulator, and the built generated server as a child process on stdio, driven by the
 * SDK client: the same wiring a user gets with `<VENDOR>_BASE_URL` pointed at the simulator.
 */
export async function startVendorSession(vendor: SimVendor): Promise<VendorSession> {
  const definition = await vendorDefinition(vendor);
  const token = `demo-${vendor}-token`;
  const credential = definition.auth.kind === 'none' ? {} : { [definition.auth.env]: token };
  const sim = await startSimulator({ vendor, token });
  const bin = path.join('generated', vendor, 'dist', 'bin.js');
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
  const { tools } = await client.listTools();
  return {
    sim,
    client,
    vendor: definition,
    tools: new Map(tools.map((tool) => [tool.name, { name: tool.name, readOnly: tool.annotations?.readOnlyHint === true }])),
    serverCommand: `node ${bin}`,
    async close() {
      await client.close();
      await sim.close();
    },
  };
}

import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { startSimulator, type RecordedRequest, type Simulator, type StartSimulatorOptions } from '../simulator/index.ts';
import { packageEnv } from './package-env.ts';
import { REPO_ROOT, type Vendor } from './repo-root.ts';
import { packageBin } from './package-bin.ts';

export type CallOutcome = {
  readonly result: { isError?: boolean; structuredContent?: Record<string, unknown>; content: unknown[] };
  /** Requests the vendor received during this one call. */
  readonly requests: readonly RecordedRequest[];
};

export type McpStack = {
  readonly sim: Simulator;
  readonly client: Client;
  readonly token: string;
  /** How the server was started, so a second, raw JSON-RPC connection can start the same one. */
  readonly launch: { readonly command: string; readonly args: readonly string[]; readonly env: Readonly<Record<string, string>> };
  call(name: string, args: Record<string, unknown>): Promise<CallOutcome>;
  /** Everything the server wrote to stderr so far (its JSON-line log). */
  stderr(): string;
  close(): Promise<void>;
};

export type StackOptions = {
  /** Extra environment for the server (timeouts, size caps). */
  readonly env?: Readonly<Record<string, string>>;
  /** The vendor credential; defaults to a per-vendor test token. */
  readonly token?: string;
  /** Rose Rocket: no static token; the server runs the client-credentials grant against the simulator. */
  readonly oauth?: boolean;
  /** Extra command-line flags for the server. */
  readonly args?: readonly string[];
  /** A package outside `generated/` (a test's own vendor); default `generated/<vendor>`. */
  readonly packageDir?: string;
  /** Its simulator, when the registry does not hold it: the profile and the doc it serves. */
  readonly simulator?: Pick<StartSimulatorOptions, 'profile' | 'docPath'>;
};

const OAUTH_ENV = { ROSEROCKET_CLIENT_ID: 'e2e-client', ROSEROCKET_CLIENT_SECRET: 'e2e-client-secret-31d0', ROSEROCKET_ORG_ID: 'e2e-org', ROSEROCKET_USER_ID: 'e2e-user' };

/**
 * A vendor simulator, the built generated server as a child process on stdio, and the SDK client.
 * stdio servers do not inherit the parent environment, so everything is passed explicitly.
 */
export async function startStack(vendor: Vendor, options: StackOptions = {}): Promise<McpStack> {
  const token = options.token ?? `e2e-${vendor}-token-7f3a9c`;
  const packageDir = options.packageDir ?? path.join(REPO_ROOT, 'generated', vendor);
  const names = packageEnv(packageDir);
  const sim = await startSimulator({ vendor, token, clientSecret: OAUTH_ENV.ROSEROCKET_CLIENT_SECRET, ...options.simulator });
  const credentials = options.oauth ? { ...OAUTH_ENV, ROSEROCKET_AUTH_URL: `${sim.origin}/oauth/token` } : { [names.credential]: token };
  const launch = {
    command: process.execPath,
    args: [packageBin(packageDir), ...(options.args ?? [])],
    env: { ...getDefaultEnvironment(), ...credentials, [names.baseUrl]: sim.baseUrl, ...options.env },
  };
  const transport = new StdioClientTransport({ ...launch, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'vendor-mcp-e2e', version: '1.0.0' });
  await client.connect(transport);
  await client.listTools();
  return {
    sim,
    client,
    token,
    launch,
    async call(name, args) {
      const before = sim.requests.length;
      const result = (await client.callTool({ name, arguments: args })) as CallOutcome['result'];
      return { result, requests: sim.requests.slice(before) };
    },
    stderr: () => stderr,
    async close() {
      await client.close();
      await sim.close();
    },
  };
}

/** The parts of a recorded request a test pins exactly. */
export function wire(request: RecordedRequest | undefined) {
  if (request === undefined) return undefined;
  return { method: request.method, path: request.path, query: request.query, body: request.body, auth: request.headers['authorization'], valid: request.valid, errors: request.errors };
}

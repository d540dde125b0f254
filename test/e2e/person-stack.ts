import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import * as edesk from '../../generated/edesk/src/index.ts';
import * as malomo from '../../generated/malomo/src/index.ts';
import type { ConfirmPolicy } from '../../generated/malomo/src/runtime/person-confirmation.ts';
import { serveHttp, type HttpServing } from '../../generated/malomo/src/runtime/serve-http.ts';
import { startSimulator, type RecordedRequest, type Simulator } from '../../scripts/simulator/index.ts';

/** How the scripted person answers each question, in order; the last answer repeats. */
export type Answer = 'accept' | 'decline' | 'cancel';

const PACKAGES = { malomo, edesk } as const;
const CREDENTIAL_ENV = { malomo: 'MALOMO_API_KEY', edesk: 'EDESK_API_TOKEN' } as const;
const BASE_URL_ENV = { malomo: 'MALOMO_BASE_URL', edesk: 'EDESK_BASE_URL' } as const;

export type PersonStack = {
  readonly sim: Simulator;
  /** Every question the client showed the person (`elicitation/create` messages). */
  readonly questions: string[];
  /** What the person answers next; tests change it between calls. */
  answers: Answer[];
  /** Runs before each answer (a test changes the vendor behind the person's back here). */
  beforeAnswer?: () => Promise<void>;
  readonly client: Client;
  call(name: string, args: Record<string, unknown>): Promise<{ readonly result: { isError?: boolean; structuredContent?: unknown; content: unknown[] }; readonly requests: readonly RecordedRequest[] }>;
  close(): Promise<void>;
};

type StackInput = {
  readonly vendor: keyof typeof PACKAGES;
  /** `legacy`: 2025-11-25 over a connected transport (the server sends `elicitation/create`). `modern`: 2026-07-28 over HTTP (`input_required` and a retry). */
  readonly era: 'legacy' | 'modern';
  /** Whether the client declares elicitation at all. */
  readonly elicitation?: boolean;
  readonly confirm?: ConfirmPolicy;
  /** Modern only: the client hands `input_required` back to the test instead of answering. */
  readonly manual?: boolean;
  readonly toolsMode?: 'all' | 'discovery';
};

function serverFactory(input: StackInput & { readonly sim: Simulator }) {
  const pkg = PACKAGES[input.vendor];
  const env = { [CREDENTIAL_ENV[input.vendor]]: input.sim.token, [BASE_URL_ENV[input.vendor]]: input.sim.baseUrl };
  const config = pkg.runtimeConfigFrom({ vendor: pkg.vendor, env });
  if ('errors' in config) throw new Error(config.errors.join('; '));
  return () => pkg.createServer({ tools: pkg.tools, config, ...(input.confirm ? { confirm: input.confirm } : {}), ...(input.toolsMode ? { toolsMode: input.toolsMode } : {}) });
}

function newClient(input: StackInput & { readonly stack: Pick<PersonStack, 'questions' | 'answers' | 'beforeAnswer'> }): Client {
  const capabilities = input.elicitation === false ? {} : { elicitation: { form: {} } };
  const client = new Client(
    { name: 'person-in-the-loop-e2e', version: '1.0.0' },
    { capabilities, ...(input.era === 'modern' ? { versionNegotiation: { mode: 'auto' as const } } : {}), ...(input.manual ? { inputRequired: { autoFulfill: false } } : {}) },
  );
  if (input.elicitation !== false) {
    client.setRequestHandler('elicitation/create', async (request) => {
      const { stack } = input;
      stack.questions.push(String((request.params as { message?: unknown }).message));
      await stack.beforeAnswer?.();
      const answer = stack.answers.length > 1 ? stack.answers.shift()! : stack.answers[0]!;
      return answer === 'accept' ? { action: 'accept', content: {} } : { action: answer };
    });
  }
  return client;
}

async function connect(input: StackInput & { readonly sim: Simulator; readonly client: Client }): Promise<HttpServing | undefined> {
  const serverFor = serverFactory(input);
  if (input.era === 'legacy') {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await serverFor().connect(serverSide);
    await input.client.connect(clientSide);
    return undefined;
  }
  const options = { host: '127.0.0.1', port: 0, auth: { mode: 'token', noAuth: true, tokenInUrl: false, requireApiTokenAuth: false } as const, allowedHosts: [], allowedOrigins: [], maxBodyBytes: 1_048_576 };
  const serving = await serveHttp({ options, auth: { mode: 'none' }, grants: () => true, serverFor, health: {}, log: () => undefined });
  await input.client.connect(new StreamableHTTPClientTransport(new URL(serving.url)));
  return serving;
}

/** The simulator, the generated server in this process, and an SDK client whose person answers as scripted. */
export async function startPersonStack(input: StackInput): Promise<PersonStack> {
  const sim = await startSimulator({ vendor: input.vendor, token: `e2e-${input.vendor}-person-4b1d` });
  const partial: Pick<PersonStack, 'questions' | 'answers' | 'beforeAnswer'> = { questions: [], answers: ['accept'] };
  const client = newClient({ ...input, stack: partial });
  const serving = await connect({ ...input, sim, client });
  await client.listTools();
  const negotiated = client.getNegotiatedProtocolVersion();
  if ((input.era === 'modern') !== (negotiated === '2026-07-28')) throw new Error(`asked for the ${input.era} era, negotiated ${negotiated}`);
  return Object.assign(partial, {
    sim,
    client,
    async call(name: string, args: Record<string, unknown>) {
      const before = sim.requests.length;
      const result = (await client.callTool({ name, arguments: args })) as { isError?: boolean; structuredContent?: unknown; content: unknown[] };
      return { result, requests: sim.requests.slice(before) };
    },
    async close() {
      await client.close();
      await serving?.close();
      await sim.close();
    },
  });
}

/** The requests that change vendor data. */
export function writes(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((request) => request.method !== 'GET');
}

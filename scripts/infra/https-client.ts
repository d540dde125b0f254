import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * An SDK client that knows only the HTTPS URL and trusts the proxy's self-signed certificate (and
 * nothing else extra). The modern protocol era sends the SEP-2243 `Mcp-Method` / `Mcp-Name` headers,
 * which is what lets nginx tell a read from a write.
 */
export async function httpsClient(input: { readonly url: string; readonly ca: string; readonly token: string; readonly name?: string }): Promise<Client> {
  const dispatcher = new Agent({ connect: { ca: input.ca } });
  const fetchWithCa = ((url: string | URL, init?: RequestInit) => undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof fetch;
  const transport = new StreamableHTTPClientTransport(new URL(input.url), { fetch: fetchWithCa, requestInit: { headers: { Authorization: `Bearer ${input.token}` } } });
  const client = new Client({ name: input.name ?? 'vendor-mcp-remote', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(transport);
  return client;
}

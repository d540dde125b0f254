import { Client, StreamableHTTPClientTransport, type OAuthClientProvider } from '@modelcontextprotocol/client';
import { Agent, fetch as undiciFetch } from 'undici';

/** `fetch` that trusts the proxy's self-signed certificate besides the usual roots (plain http unchanged). */
export function fetchTrusting(ca: string): typeof fetch {
  const dispatcher = new Agent({ connect: { ca } });
  return ((url: string | URL, init?: RequestInit) => undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}

/**
 * An SDK client that knows only the HTTPS URL and trusts the proxy's self-signed certificate (and
 * nothing else extra): with a bearer `token`, with the SDK's own OAuth (`authProvider`), or with
 * neither (a URL token in the path). The modern protocol era sends the SEP-2243 `Mcp-Method` /
 * `Mcp-Name` headers, which is what lets nginx tell a read from a write.
 */
export async function httpsClient(input: { readonly url: string; readonly ca: string; readonly token?: string; readonly authProvider?: OAuthClientProvider; readonly name?: string }): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(input.url), {
    fetch: fetchTrusting(input.ca),
    ...(input.token === undefined ? {} : { requestInit: { headers: { Authorization: `Bearer ${input.token}` } } }),
    ...(input.authProvider === undefined ? {} : { authProvider: input.authProvider }),
  });
  const client = new Client({ name: input.name ?? 'vendor-mcp-remote', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(transport);
  return client;
}

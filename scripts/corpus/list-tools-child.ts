/**
 * Child process of the corpus run: starts a built generated server on stdio with the SDK client and
 * lists every tool (`--tools-mode all`: by default a package of over 200 tools lists its three
 * discovery tools, which would not match tools.json). Prints `{"tools":N}` on stdout and exits 0, or
 * prints the failure (with the server's stderr) and exits 1. Usage: list-tools-child.ts <package dir> <env as JSON>
 */
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { packageBin } from '../shared/package-bin.ts';

async function listTools(input: { readonly packageDir: string; readonly env: Record<string, string> }): Promise<number> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [packageBin(input.packageDir), '--tools-mode', 'all'], env: { ...getDefaultEnvironment(), ...input.env }, stderr: 'pipe' });
  let serverStderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    if (serverStderr.length < 64 * 1024) serverStderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'vendor-mcp-corpus', version: '1.0.0' });
  try {
    await client.connect(transport);
    let count = 0;
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      count += page.tools.length;
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return count;
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server stderr ---\n${serverStderr.trim()}`);
  } finally {
    await client.close().catch(() => undefined);
  }
}

const [packageDir, envJson] = process.argv.slice(2);
listTools({ packageDir: packageDir!, env: JSON.parse(envJson ?? '{}') as Record<string, string> }).then(
  (tools) => {
    process.stdout.write(`${JSON.stringify({ tools })}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

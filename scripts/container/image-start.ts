import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { freePort, waitForPort } from '../infra/free-port.ts';
import { runDockerfile } from './dockerfile-steps.ts';
import { packageBin } from '../shared/package-bin.ts';

export type ImageCheck = { readonly uid: number; readonly health: unknown; readonly healthcheckExit: number; readonly tools: number };

/** Unprivileged, as the image's `USER node` would be; only root can switch, anyone else already is unprivileged. */
const NOBODY = 65_534;

/**
 * The image's build and start steps in a clean folder, without a container engine: build stage
 * (install, `npm pack`), runtime stage (install the tarball with runtime dependencies only), then the
 * entrypoint with environment only, as an unprivileged user on a tree it cannot write. It probes
 * /healthz, runs the image's own HEALTHCHECK command, mints a token and lists the tools.
 */
export async function checkImage(input: { readonly packageDir: string; readonly env: Readonly<Record<string, string>> }): Promise<ImageCheck> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'vendor-mcp-image-'));
  try {
    const steps = runDockerfile({ dockerfile: path.join(input.packageDir, 'Dockerfile'), context: input.packageDir, workspace });
    if (steps.user === undefined || steps.user === 'root') throw new Error('the image would run as root');
    const uid = process.getuid?.() === 0 ? NOBODY : (process.getuid?.() ?? NOBODY);
    // Readable and runnable by anyone, writable by no one: the read-only root filesystem.
    chmodSync(workspace, 0o755);
    execFileSync('chmod', ['-R', 'a-w,a+rX', steps.root]);
    const port = await freePort();
    // 127.0.0.1 rather than the image's 0.0.0.0: this machine is shared; everything else is the image's.
    const env = { PATH: process.env['PATH'] ?? '', ...steps.env, ...input.env, MCP_PORT: String(port), MCP_HOST: '127.0.0.1' };
    const cwd = path.join(steps.root, steps.workdir);
    const entrypoint = path.join(steps.root, steps.entrypoint[0]!);
    const child = spawn(entrypoint, steps.entrypoint.slice(1), { cwd, env, uid, gid: uid, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    try {
      await waitForPort({ port, timeoutMs: 20_000 }).catch((error: Error) => {
        throw new Error(`${error.message}; the server said: ${stderr}`);
      });
      const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
      const [command, ...args] = steps.healthcheck;
      const healthcheckExit = await new Promise<number>((resolve) => spawn(command!, args, { env, uid, gid: uid, stdio: 'ignore' }).once('exit', (code) => resolve(code ?? -1)));
      const bin = JSON.parse(readFileSync(path.join(cwd, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      const packageName = Object.keys(bin.dependencies)[0]!;
      const token = execFileSync(process.execPath, [packageBin(path.join(cwd, 'node_modules', packageName)), 'token', 'create', '--expires-at', new Date(Date.now() + 600_000).toISOString()], { env, uid, gid: uid }).toString('utf8').trim();
      const client = new Client({ name: 'image-check', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
      const tools = (await client.listTools()).tools.length;
      await client.close();
      return { uid, health, healthcheckExit, tools };
    } finally {
      child.kill('SIGTERM');
    }
  } finally {
    execFileSync('chmod', ['-R', 'u+w', workspace]);
    rmSync(workspace, { recursive: true, force: true });
  }
}

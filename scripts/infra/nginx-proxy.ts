import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startChild } from './child-service.ts';
import { ensureDebianPackages, SERVICE_BINARIES } from './debian-packages.ts';
import { freePort, waitForPort } from './free-port.ts';
import { nginxConfig } from './nginx-config.ts';

export type NginxProxy = { readonly url: string; readonly port: number; readonly ca: string; errorLog(): string; close(): Promise<void> };

/** The tools a package's tools.json annotates readOnlyHint: the calls nginx may send to a second replica. */
export function readOnlyToolsOf(packageDir: string): string[] {
  const snapshot = JSON.parse(readFileSync(path.join(packageDir, 'tools.json'), 'utf8')) as { tools: { name: string; annotations?: { readOnlyHint?: boolean } }[] };
  return snapshot.tools.filter((tool) => tool.annotations?.readOnlyHint === true).map((tool) => tool.name);
}

/** A self-signed certificate for 127.0.0.1 (and localhost), made with Debian's openssl. */
function selfSignedCertificate(dir: string): { readonly cert: string; readonly key: string } {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(SERVICE_BINARIES.openssl, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

/**
 * Debian's nginx in the foreground on a fresh 127.0.0.1 port, terminating TLS in front of the given
 * replicas (`host:port`), with its own config, pid, logs and temp folders in a fresh folder.
 */
/** `port`: chosen beforehand when something must know the public URL first (an authorization server's resource). */
export async function startNginx(input: { readonly replicas: readonly string[]; readonly readTools: readonly string[]; readonly port?: number }): Promise<NginxProxy> {
  ensureDebianPackages();
  const dir = mkdtempSync(path.join(tmpdir(), 'vendor-mcp-nginx-'));
  // Workers drop root privileges and must still write their temp files here.
  chmodSync(dir, 0o777);
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, sub), { mode: 0o777 });
  const { cert, key } = selfSignedCertificate(dir);
  const port = input.port ?? (await freePort());
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig({ dir, port, cert, key, replicas: input.replicas, readTools: input.readTools }));
  const child = startChild({ command: SERVICE_BINARIES.nginx, args: ['-c', conf, '-p', dir, '-e', path.join(dir, 'error.log')] });
  await waitForPort({ port }).catch((error: Error) => {
    throw new Error(`${error.message}; nginx said: ${child.output()}`);
  });
  return {
    url: `https://127.0.0.1:${port}/mcp`,
    port,
    ca: readFileSync(cert, 'utf8'),
    errorLog: () => readFileSync(path.join(dir, 'error.log'), 'utf8'),
    close: async () => {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

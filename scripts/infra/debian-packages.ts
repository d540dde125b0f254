import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The Debian programs the remote-serving tests and bench run, by the package that ships each. */
export const SERVICE_BINARIES = { nginx: '/usr/sbin/nginx', 'redis-server': '/usr/bin/redis-server', openssl: '/usr/bin/openssl' } as const;

/**
 * Installs whichever of nginx, redis-server and openssl is missing, with apt-get, as CI and the README
 * setup do. A test is never skipped for a missing service: without root it fails and says what to install.
 */
export function ensureDebianPackages(): void {
  const missing = Object.entries(SERVICE_BINARIES)
    .filter(([, binary]) => !existsSync(binary))
    .map(([name]) => name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`Missing ${missing.join(', ')}: run \`sudo apt-get install -y ${missing.join(' ')}\` (Debian packages), or run the tests as root.`);
  // RUNLEVEL=1: invoke-rc.d then starts none of the packages' own services (nginx on :80, a system redis).
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' };
  execFileSync('apt-get', ['update'], { stdio: 'ignore', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'ignore', env });
}

import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bareNodeCommand, ourServerCommand, serverBaseEnv } from '../../scripts/bench/server-bench.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

/**
 * The "≤ 2.5× bare node" rows divide a server's start by bare node's: both must start in one
 * environment. This machine sets NODE_EXTRA_CA_CERTS (+30 ms on every node start); bare node used to
 * inherit it while the servers ran without it.
 */
describe('bare node starts in the environment the servers start in', () => {
  const saved = process.env['NODE_EXTRA_CA_CERTS'];
  afterEach(() => {
    if (saved === undefined) delete process.env['NODE_EXTRA_CA_CERTS'];
    else process.env['NODE_EXTRA_CA_CERTS'] = saved;
  });

  it('passes no variable of the bench process beyond PATH, to bare node and to our server alike', () => {
    process.env['NODE_EXTRA_CA_CERTS'] = '/etc/ssl/certs/ca-certificates.crt';
    const bare = bareNodeCommand();
    expect(bare.env).toStrictEqual(serverBaseEnv());
    expect(Object.keys(bare.env)).toStrictEqual(['PATH']);
    const ours = ourServerCommand({ packageDir: path.join(REPO_ROOT, 'generated', 'malomo'), slug: 'malomo' });
    for (const [name, value] of Object.entries(serverBaseEnv())) expect(ours.env[name]).toBe(value);
    expect(Object.keys(ours.env).filter((name) => name.startsWith('NODE_'))).toStrictEqual([]);
    expect(bare.args).toStrictEqual(['-e', '0']);
  });
});

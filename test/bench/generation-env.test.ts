import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BenchSpec } from '../../scripts/bench/bench-specs.ts';
import { ourGenerateCommand, ourVendorCommand } from '../../scripts/bench/generation-bench.ts';
import { peerAdapters } from '../../scripts/bench/peer-adapters.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

/** This machine's NODE_EXTRA_CA_CERTS adds ~30 ms to every node start: no timed generation may carry it. */
describe('timed generations start without the machine-only NODE_EXTRA_CA_CERTS', () => {
  const saved = process.env['NODE_EXTRA_CA_CERTS'];
  afterEach(() => {
    if (saved === undefined) delete process.env['NODE_EXTRA_CA_CERTS'];
    else process.env['NODE_EXTRA_CA_CERTS'] = saved;
  });

  it('ours and every peer alike, keeping the rest of the environment', () => {
    process.env['NODE_EXTRA_CA_CERTS'] = '/etc/ssl/certs/ca-certificates.crt';
    const spec = { id: 'twilio-events', file: path.join(REPO_ROOT, 'spec.json') } as BenchSpec;
    const cell = path.join(REPO_ROOT, '.cache', 'bench', 'cells', 'x');
    const commands = [ourGenerateCommand({ root: REPO_ROOT, spec, outDir: cell }), ourVendorCommand({ root: REPO_ROOT, vendor: 'malomo' }), ...peerAdapters(REPO_ROOT).map((peer) => peer.generate({ cell, spec }))];
    expect(commands).toHaveLength(5);
    for (const command of commands) {
      expect(command.env['NODE_EXTRA_CA_CERTS']).toBeUndefined();
      expect(command.env['PATH']).toBe(process.env['PATH']);
    }
  });
});

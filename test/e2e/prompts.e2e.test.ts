import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import * as edesk from '../../generated/edesk/src/index.ts';
import * as malomo from '../../generated/malomo/src/index.ts';
import * as roserocket from '../../generated/roserocket/src/index.ts';

const PACKAGES = { roserocket, malomo, edesk } as const;
const CREDENTIALS = { roserocket: 'ROSEROCKET_ACCESS_TOKEN', malomo: 'MALOMO_API_KEY', edesk: 'EDESK_API_TOKEN' } as const;

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function connect(vendor: keyof typeof PACKAGES): Promise<Client> {
  const pkg = PACKAGES[vendor];
  const config = pkg.runtimeConfigFrom({ vendor: pkg.vendor, env: { [CREDENTIALS[vendor]]: 'unused-token' } });
  if ('errors' in config) throw new Error(config.errors.join('; '));
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await pkg.createServer({ tools: pkg.tools, config }).connect(serverSide);
  const client = new Client({ name: 'prompts-e2e', version: '1.0.0' });
  await client.connect(clientSide);
  clients.push(client);
  return client;
}

describe('the demo workflows as prompts', () => {
  it.each([
    { vendor: 'roserocket' as const, prompts: ['log_load_delay', 'audit_group_access'] },
    { vendor: 'malomo' as const, prompts: ['find_lost_package'] },
    { vendor: 'edesk' as const, prompts: ['triage_open_tickets'] },
  ])('$vendor lists $prompts, and every tool a prompt names is a tool of the server', async ({ vendor, prompts }) => {
    const client = await connect(vendor);
    const listed = await client.listPrompts();
    expect(listed.prompts.map((p) => p.name)).toStrictEqual(prompts);
    const toolNames = new Set(PACKAGES[vendor].tools.map((t) => t.name));
    for (const prompt of PACKAGES[vendor].vendor.prompts ?? []) {
      const named = [...prompt.text.matchAll(/\b[a-z]+(?:_[a-z]+)+\b/g)].map((m) => m[0]).filter((word) => /roserocket|malomo|e_desk/.test(word));
      expect(named.length).toBeGreaterThan(0);
      expect(named.filter((name) => !toolNames.has(name))).toStrictEqual([]);
    }
  });

  it('prompts/get fills the arguments into the text: the Rose Rocket delay on load L-4599', async () => {
    const client = await connect('roserocket');
    const got = await client.getPrompt({ name: 'log_load_delay', arguments: { load: 'L-4599', reason: 'reefer unit failed $& near Reno' } });
    const text = (got.messages[0]!.content as { text: string }).text;
    expect(got.messages[0]!.role).toBe('user');
    expect(text.startsWith('Load L-4599 is delayed: reefer unit failed $& near Reno. Use the Rose Rocket tools:')).toBe(true);
    expect(text).toContain('(object_key order, external id L-4599)');
    expect(text).not.toContain('{{');
  });

  it('a missing required argument is a protocol error, not an empty template', async () => {
    const client = await connect('malomo');
    await expect(client.getPrompt({ name: 'find_lost_package', arguments: {} })).rejects.toThrow(/tracking_code/);
  });
});
